"""Translating a page in a test, now that publishing in English aliases it everywhere."""

from wagtail.models import Page


def copy_for_translation(page, locale, **kwargs):
    """What ``page.copy_for_translation(locale)`` gave before the languages synchronised.

    A page published in English has an alias in every other language already
    (``home.locale_sync``): that alias becomes the translation, as wagtail-localize
    converts it. Otherwise the page is copied.
    """
    alias = Page.objects.filter(
        translation_key=page.translation_key, locale=locale, alias_of__isnull=False
    ).first()
    if alias is None:
        return page.specific.copy_for_translation(locale, **kwargs)
    translation = alias.specific
    translation.alias_of = None
    translation.save(update_fields=["alias_of"], clean=False)
    return translation
