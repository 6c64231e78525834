from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: blocks, emails, uploads, CSV, moderation, i18n and sections."""

    name = "core"
    verbose_name = "Observatory core"

    def ready(self):
        # Listed after wagtail.admin in INSTALLED_APPS: its ready() connects the
        # workflow email handlers that these replace.
        from . import caching, moderation

        moderation.connect_signals()
        # The site frame (site, locales, home pages, menus) cached until a page changes.
        caching.connect_signals()
