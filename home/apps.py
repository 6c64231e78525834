from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        # New, moved and deleted pages: every language's tree follows English
        # (locale_sync); and the home app's part of the demo (core.sections).
        from . import locale_sync, sections  # noqa: F401
