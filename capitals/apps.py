from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapitalsConfig(AppConfig):
    name = "capitals"
    verbose_name = _("Capitals of Living Together")

    def ready(self):
        # What this app adds to pages of the apps below it (core.sections).
        from . import sections  # noqa: F401
