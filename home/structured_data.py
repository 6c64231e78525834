"""Helpers shared by every app: schema.org JSON-LD and reading translations in bulk."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from wagtail.models import Locale


def json_ld(data):
    """JSON for a <script type="application/ld+json"> element, safe against </script>.

    <, > and & become \\u escapes, which JSON parsers read back as the same text.
    """
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every markup character is escaped above


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
