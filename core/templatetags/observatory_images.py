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
    renditions = _cached_renditions(image, picture_filters(name))
    if renditions is None:
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


def _cached_renditions(image, filters):
    """{spec: rendition} when the cache holds every rendition of an image not prefetched.

    Wagtail's ``get_renditions`` finds them there too, then writes them back to the
    cache (pickled again) at every request. Anything else (prefetched renditions, one
    missing from the cache, an SVG) goes Wagtail's way: None.
    """
    if image._get_prefetched_renditions() is not None or image.is_svg():
        return None
    rendition_model = image.get_rendition_model()
    keys = {
        rendition_model.construct_cache_key(
            image, spec_filter.get_cache_key(image), spec_filter.spec
        ): spec_filter
        for spec_filter in filters
    }
    try:
        found = rendition_model.cache_backend.get_many(list(keys))
    except Exception:  # the cache is unwell: Wagtail's way
        return None
    if len(found) != len(keys):
        return None
    renditions = {}
    for key, spec_filter in keys.items():
        rendition = found[key]
        rendition.image = image  # as Wagtail does: the page's own alternative text
        renditions[spec_filter.spec] = rendition
    return renditions
