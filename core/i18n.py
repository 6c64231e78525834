"""One way to read a translatable page or snippet in a language.

``in_language`` picks one thing among its translations; ``translations_by_key``
does it for many things known by their translation keys, and ``localized_by_key``
for many objects in hand (what ``.localized`` gives each), both in one query. All
prefer the requested language (the active one by default) and fall back to what
exists. For one object in hand, Wagtail's own ``obj.localized`` is the way.
"""

from wagtail.models import Locale


def in_language(translations, locale=None):
    """The object of ``translations`` (one thing's translations) in ``locale``, else the oldest.

    ``translations`` is a queryset of the translations of one page or snippet
    (``Model.objects.filter(translation_key=key)``); None when it is empty.
    """
    locale = locale or Locale.get_active()
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
    locale = locale or Locale.get_active()
    model = type(objects[0])
    found = {obj.translation_key: obj for obj in objects}
    translations = model._default_manager.filter(translation_key__in=found.keys(), locale=locale)
    if hasattr(translations, "live"):
        translations = translations.live()
    found.update({obj.translation_key: obj for obj in translations})
    return found


def translations_by_key(translations, keys, locale=None):
    """{translation_key: object} for ``keys``: the one in ``locale``, else the oldest. One query.

    ``translations`` is the queryset to choose from (``CityPage.objects.live()``);
    keys with no object in it are left out.
    """
    locale = locale or Locale.get_active()
    found = {}
    for obj in translations.filter(translation_key__in=set(keys)).order_by("pk"):
        current = found.get(obj.translation_key)
        if current is None or (obj.locale_id == locale.pk and current.locale_id != locale.pk):
            found[obj.translation_key] = obj
    return found
