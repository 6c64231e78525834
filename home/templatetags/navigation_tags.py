"""Template tags for the site frame: languages, menus and structured data."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.i18n import locale_by_id
from core.structured_data import json_ld

from .. import frame

register = template.Library()


# What a link to a translation reads: its address (``Page.get_url`` needs the url_path)
# and its language.
TRANSLATION_LINK_FIELDS = ("url_path", "locale_id", "translation_key")

# The fields a page type may summarise itself in, in order of preference.
SUMMARY_FIELDS = ("search_description", "introduction", "summary", "preheader", "description")


@register.simple_tag
def meta_description(page=None):
    """The page's own summary for search engines, else what the Observatory is (160 chars)."""
    for name in SUMMARY_FIELDS:
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return Truncator(" ".join(text.split())).chars(160)
    return _(
        "A network of cities sharing initiatives for living together in peace, "
        "created after the 2015 Montréal summit of mayors."
    )


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One entry per language: the page's own translation, or that language's home page.

    Returns dicts with code, name, url, is_current and is_translation, in the
    order of settings.LANGUAGES.
    """
    request = context.get("request")
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page):
        # ``page.get_translations()`` reads the page type's own rows, StreamFields and all
        # (a summit's five programmes): a link needs two columns of Wagtail's page table.
        found = (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .only(*TRANSLATION_LINK_FIELDS)
        )
        for translated in found:
            locale = locale_by_id(translated.locale_id) or translated.locale
            translations[locale.language_code] = translated
    site = frame.site_for_request(request) if request else None
    links = []
    for code, name in settings.LANGUAGES:
        # A language without this page links to its home page.
        target = translations.get(code) or frame.site_home(site, code)
        if target is not None:
            url = target.get_url(request)
        else:
            with translation.override(code):
                url = f"/{code}/"
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_translation": code in translations,
                "bidi": translation.get_language_info(code)["bidi"],
            }
        )
    return links


@register.simple_tag(takes_context=True)
def menu_pages(context, home):
    """The main menu: the home page's children marked "show in menus", in tree order.

    Each entry is (page, is_current): current when the page shown is that item or below it.
    """
    if home is None:
        return []
    shown = context.get("page")
    shown_path = shown.path if isinstance(shown, Page) else ""
    return [(item, shown_path.startswith(item.path)) for item in frame.menu_items(home)]


@register.simple_tag(takes_context=True)
def organization_json_ld(context, home=None):
    """schema.org Organization for the Observatory, as escaped JSON for a script tag."""
    request = context.get("request")
    url = home.get_full_url(request) if home is not None else ""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": str(_("International Observatory of Mayors on Living Together")),
        "url": url,
        "foundingDate": "2015",
        "foundingLocation": {"@type": "Place", "name": "Montréal"},
        "description": str(
            _(
                "A network of cities sharing initiatives for living together in peace, "
                "created after the 2015 Montréal summit of mayors."
            )
        ),
    }
    return json_ld(data)


@register.simple_tag
def source_language(page):
    """For an alias showing another language's text: that language's code and name."""
    if not isinstance(page, Page) or not page.alias_of_id:
        return None
    source = Page.objects.select_related("locale").get(pk=page.alias_of_id)
    if source.locale_id == page.locale_id:
        return None
    code = source.locale.language_code
    info = translation.get_language_info(code)
    return {"code": code, "name": info["name_local"], "bidi": info["bidi"]}


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page of the active language (falls back to the site's root page)."""
    return frame.locale_home(context.get("request"))
