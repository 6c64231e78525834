from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternationalDayConfig(AppConfig):
    name = "international_day"
    verbose_name = _("International Day")

    def ready(self):
        # What this app adds to pages of the apps below it (core.sections).
        from . import sections  # noqa: F401
