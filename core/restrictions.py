"""Which pages are private, without a query: every view restriction's section, cached.

A view restriction covers its page and every page below it
(``PageQuerySet.private_q``). Wagtail reads every restriction each time a listing
calls ``public()``; these read them once per version of the site frame
(``core.caching``): ``.exclude(private_q())`` is ``.public()``.
"""

from django.db.models import Q

from wagtail.models import PageViewRestriction

from .caching import cached


def _restricted_sections():
    """Each view restriction's id and its page's path: a restriction covers the page and
    every page below it (``PageQuerySet.private_q``)."""
    return [
        (restriction.pk, restriction.page.path)
        for restriction in PageViewRestriction.objects.select_related("page").order_by("pk")
    ]


def restricted_sections():
    """[(restriction id, page path)] of every view restriction, without a query (core.caching)."""
    return cached("restricted_sections", _restricted_sections)


def private_q():
    """``PageQuerySet.private_q()`` without its query: the restricted sections are in memory.

    Wagtail reads every view restriction each time a listing calls ``public()``; the
    home page, listing four sections, read them four times.
    """
    private = Q()
    for _pk, path in restricted_sections():
        private |= Q(path__startswith=path)
    return private if private else Q(pk__in=[])
