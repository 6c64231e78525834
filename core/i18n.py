"""One way to read a translatable page or snippet in a language.

``in_language`` picks one thing among its translations; ``localized_by_key`` does
it for many things at once, in one query; ``one_per_key`` lists many things once
each. They prefer the requested language (the active one by default) and fall
back to what exists. ``written_in`` and ``original`` find the text a reader really
gets: an alias (wagtail-localize's untranslated copy) shows its original's text,
so it is not a translation.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import get_language

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from .caching import cached_entry


def _locales():
    return {locale.language_code: locale for locale in Locale.objects.all()}


def locale_for(language_code):
    """The Locale of ``language_code`` (None when there is none), without a query (core.caching)."""
    try:
        code = get_supported_content_language_variant(language_code)
    except LookupError:
        return None
    return cached_entry("locales", _locales, code)


def _locales_by_id():
    return {locale.pk: locale for locale in Locale.objects.all()}


def locale_by_id(locale_id):
    """The Locale ``locale_id`` (None when there is none), without a query (core.caching).

    Set on a page (``page.locale = locale_by_id(page.locale_id)``), it saves the query
    that reading ``page.locale`` makes.
    """
    return cached_entry("locales_by_id", _locales_by_id, locale_id)


def default_locale():
    """``Locale.get_default()`` without a query."""
    return locale_for(settings.LANGUAGE_CODE) or Locale.get_default()


def active_locale():
    """``Locale.get_active()`` without a query: the active language's, else the default."""
    return locale_for(get_language()) or default_locale()


def in_language(translations, locale=None):
    """The object of ``translations`` (one thing's translations) in ``locale``, else the oldest.

    ``translations`` is a queryset of the translations of one page or snippet
    (``Model.objects.filter(translation_key=key)``); None when it is empty.
    """
    locale = locale or active_locale()
    return translations.filter(locale=locale).first() or translations.order_by("pk").first()


def localized_by_key(objects, locale=None):
    """Translatable pages or snippets in ``locale`` (the active one by default), in one query.

    Returns {translation_key: object}, the object in ``locale`` where a (live, for
    pages) translation exists, otherwise the object itself: what ``.localized``
    gives for each, without a query per object.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    locale = locale or active_locale()
    model = type(objects[0])
    found = {obj.translation_key: obj for obj in objects}
    translations = model._default_manager.filter(translation_key__in=found.keys(), locale=locale)
    if hasattr(translations, "live"):
        translations = translations.live()
    found.update({obj.translation_key: obj for obj in translations})
    return found


def localized_related(related, locale=None):
    """What a many-to-many field relates, each in ``locale`` where translated, in one query.

    Each as ``one_per_key`` chooses it, in the model's order. A preview's relation is
    in memory (modelcluster): the objects chosen there are localized as they are.
    """
    objects = related.all()
    if not isinstance(objects, QuerySet):
        objects = list(objects)
        local = localized_by_key(objects, locale)
        return [local[obj.translation_key] for obj in objects]
    translations = list(
        objects.model._default_manager.filter(translation_key__in=objects.values("translation_key"))
    )
    chosen = one_per_key(translations, locale)
    return [obj for obj in translations if chosen[obj.translation_key] is obj]


def one_per_key(queryset, locale=None):
    """{translation_key: object} with each thing of ``queryset`` once, in one query.

    For each thing: its own text in ``locale`` (the active one by default), else in
    the default language, else its oldest version. Aliases never win over a text
    of their own, so a title is in the language it claims.
    """
    locale = locale or active_locale()
    default = default_locale()
    chosen = {}

    def rank(obj):
        alias = getattr(obj, "alias_of_id", None) is not None
        return (alias, obj.locale_id != locale.pk, obj.locale_id != default.pk, obj.pk)

    for obj in queryset:
        current = chosen.get(obj.translation_key)
        if current is None or rank(obj) < rank(current):
            chosen[obj.translation_key] = obj
    return chosen


def original(obj):
    """The page or snippet whose text ``obj`` shows: an alias shows its original's."""
    if not isinstance(obj, Page):
        return obj
    while obj.alias_of_id is not None:
        obj = obj.alias_of
    return obj.specific


def written_in(obj, language):
    """``obj``'s translation with its own text in ``language``, else in the default language.

    For pages only live ones count, and never aliases (an alias repeats another
    language's text). Falls back to ``obj``'s original. Snippets have no aliases.
    """
    translations = type(obj)._default_manager.filter(translation_key=obj.translation_key)
    if isinstance(obj, Page):
        translations = translations.live().filter(alias_of__isnull=True)
    for code in (language, default_locale().language_code):
        found = translations.filter(locale__language_code=code).first()
        if found is not None:
            return found.specific if isinstance(found, Page) else found
    return original(obj)
