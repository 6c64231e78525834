"""``{% picture_of image "hero" alt=… %}``: an image as responsive WebP/JPEG renditions.

Wagtail's ``{% picture %}`` with the filter specs of ``core.images.PICTURES``, named
once so that the demo can make the same renditions ahead of time. A hero is the
largest thing on its page: it loads first (``loading="eager"``,
``fetchpriority="high"``); anything else loads when the reader scrolls to it.
"""

from django import template

from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from core.caching import cached
from core.images import PICTURES, picture_filters

register = template.Library()


@register.simple_tag
def picture_of(image, name, alt="", css_class="", eager=False):
    if not image:
        return ""
    renditions = get_renditions_or_not_found(image, picture_filters(name))
    # The same renditions shown the same way make the same HTML: built once per process
    # until a page changes (core.caching). Building it (a URL for each rendition) cost a
    # directory of twenty cities several milliseconds a request.
    shown = tuple(
        (spec, rendition.pk, rendition.file.name) for spec, rendition in renditions.items()
    )
    key = f"picture:{name}:{alt}:{css_class}:{bool(eager)}:{shown!r}"
    return cached(key, lambda: _picture_html(renditions, name, alt, css_class, eager))


def _picture_html(renditions, name, alt, css_class, eager):
    _specs, sizes = PICTURES[name]
    attrs = {"alt": alt, "sizes": sizes, "decoding": "async"}
    if css_class:
        attrs["class"] = css_class
    if eager:
        attrs.update(loading="eager", fetchpriority="high")
    else:
        attrs["loading"] = "lazy"
    return Picture(renditions, attrs).__html__()
