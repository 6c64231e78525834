from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares: blocks, emails, uploads, CSV, moderation, i18n and sections."""

    name = "core"
    verbose_name = "Observatory core"

    def ready(self):
        # Listed after wagtail.admin in INSTALLED_APPS: its ready() connects the
        # workflow email handlers that these replace.
        from . import (
            caching,
            login_limits,
            media_privacy,  # noqa: F401 (registers the private documents' check)
            moderation,
            page_cache,
        )

        moderation.connect_signals()
        login_limits.connect_signals()
        page_cache.connect_signals()
        # The site frame (site, locales, home pages, menus) cached until a page changes.
        caching.connect_signals()
