"""Sections that apps higher in the layers add to pages lower down, through Wagtail's hooks.

The home page, a city's page, a Capital's page and My city show content owned by
apps above them (initiatives, 16 May events, signatures, Capitals…). They import
none of those apps: each app registers, in its ``sections.py`` (imported by its
``AppConfig.ready()``), a function under one of the hook names below, and the page
collects what they return, the way Wagtail's own hooks (``construct_main_menu``…) work.

Context hooks take ``(page, request)`` — My city takes ``(team, city, request)`` —
and return a dict merged into the template's context; the template names what it
shows. ``CITY_BADGES`` and ``DATASETS`` hooks return lists; ``DEMO_CONTENT`` hooks
take the shared ``world`` dict of the demo and add what they created to it.
"""

from wagtail import hooks

HOME_PAGE = "observatory_home_page_context"
CITY_PAGE = "observatory_city_page_context"
CAPITAL_PAGE = "observatory_capital_page_context"
MY_CITY = "observatory_my_city_context"
CITY_BADGES = "observatory_city_badges"
DATASETS = "observatory_datasets"
DEMO_CONTENT = "observatory_demo_content"
# (page) -> pages that list it beyond its ancestors (an initiative: the initiatives index),
# purged from a CDN with it (core.page_cache).
PAGE_LISTERS = "observatory_page_listers"


def section_context(hook_name, *args):
    """The context every function registered under ``hook_name`` adds, in hook order."""
    context = {}
    for provide in hooks.get_hooks(hook_name):
        context.update(provide(*args))
    return context


def section_items(hook_name, *args):
    """The items every function registered under ``hook_name`` returns, one list."""
    items = []
    for provide in hooks.get_hooks(hook_name):
        items.extend(provide(*args))
    return items
