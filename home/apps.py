from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        # What this app adds to the demo content (core.sections).
        from . import sections  # noqa: F401
