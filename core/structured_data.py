"""Helpers shared by every app: schema.org JSON-LD and reading translations in bulk."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe


def json_ld(data):
    """JSON for a <script type="application/ld+json"> element, safe against </script>.

    <, > and & become \\u escapes, which JSON parsers read back as the same text.
    """
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every markup character is escaped above
