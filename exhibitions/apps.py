from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    name = "exhibitions"
    verbose_name = _("Exhibitions")

    def ready(self):
        # What this app adds to pages of the apps below it (core.sections).
        from . import sections  # noqa: F401
