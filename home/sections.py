"""The home app's part of the demo content (``core.sections.DEMO_CONTENT``)."""

from wagtail import hooks

from core.moderation import ensure_moderation_workflow
from core.sections import DEMO_CONTENT

from .demo import date_pages_created_live, ensure_home_pages, ensure_locales
from .locale_sync import synchronize_locale_trees


@hooks.register(DEMO_CONTENT, order=0)
def languages_and_home_pages(world):
    """languages, home pages and the moderation workflow"""
    world["locales"] = ensure_locales()
    world["home"] = ensure_home_pages(world["locales"])
    ensure_moderation_workflow()


@hooks.register(DEMO_CONTENT, order=100)
def every_page_in_every_language(world):
    """aliases of any page still missing in a language (an older database), publication dates"""
    synchronize_locale_trees()
    date_pages_created_live()
