"""The exhibition's views: the web view (also a host city's), the kiosk, a panel's poster."""

from django.db.models import Count
from django.http import Http404
from django.template.response import TemplateResponse

import segno

from cities.models import CityPage
from core.i18n import active_locale, localized_by_key

from .models import Contribution, ExhibitionHost

POSTER_SIZES = ("a3", "a1")


def qr_svg(url, title):
    """The QR code of ``url`` as inline SVG (no external request, no script: CSP-clean)."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=10, border=4, title=title, omitsize=True, svgclass="qr-code")


def discussion_url(panel, request, host=None):
    """The panel's discussion, absolute, through the host's link when there is one."""
    url = panel.get_url(request) or panel.url
    if host is not None:
        url += f"?host={host.pk}"
    return request.build_absolute_uri(url + "#discussion")


def host_of(exhibition, host_id):
    host = ExhibitionHost.objects.filter(
        pk=host_id, exhibition_key=exhibition.translation_key
    ).first()
    if host is None:
        raise Http404
    return host


def _panels(exhibition, request, host=None, with_qr=False):
    """The exhibition's panels, each with its number, link, theme and count, in four queries."""
    panels = list(exhibition.panels().select_related("theme"))
    themes = localized_by_key(panel.theme for panel in panels)
    counts = dict(
        Contribution.objects.public()
        .filter(panel_key__in=[panel.translation_key for panel in panels])
        .values_list("panel_key")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for number, panel in enumerate(panels, start=1):
        panel.number = number
        panel.listing_url = (panel.get_url(request) or panel.url) + (
            f"?host={host.pk}" if host else ""
        )
        panel.listing_theme = themes[panel.theme.translation_key] if panel.theme_id else None
        panel.listing_count = counts.get(panel.translation_key, 0)
        if with_qr:
            panel.qr_code = qr_svg(discussion_url(panel, request, host), panel.title)
    return panels


def cities_of(hosts, locale=None):
    """{host pk: its city} as ``host.city(locale)`` finds it, in one query for every host."""
    locale = locale or active_locale()
    by_key = {}
    for city in CityPage.objects.filter(translation_key__in={host.city_key for host in hosts}):
        by_key.setdefault(city.translation_key, []).append(city)
    chosen = {}
    for host in hosts:
        cities = by_key.get(host.city_key, [])
        local = [city for city in cities if city.locale_id == locale.pk]
        chosen[host.pk] = local[0] if local else min(cities, key=lambda city: city.pk, default=None)
    return chosen


def exhibition_context(exhibition, request, host=None):
    summit = exhibition.summit
    base = exhibition.get_url(request) or exhibition.url
    route = exhibition.reverse_subpage("host_kiosk", args=[host.pk]) if host else "kiosk/"
    hosts = [item for item in exhibition.hosts() if host is None or item.pk != host.pk]
    cities = cities_of(hosts)
    return {
        "summit": summit,
        "host": host,
        "host_city": host.city() if host else None,
        "panels": _panels(exhibition, request, host),
        "hosts": [
            (item, cities[item.pk], base + exhibition.reverse_subpage("host", args=[item.pk]))
            for item in hosts
        ],
        "kiosk_url": base + route,
    }


def host_exhibition(exhibition, request, host_id):
    return exhibition.render(request, host=host_of(exhibition, host_id))


def kiosk(exhibition, request, host_id=None):
    """Full screen, one panel at a time, for a screen in a public hall (static/js/kiosk.js)."""
    host = host_of(exhibition, host_id) if host_id is not None else None
    return TemplateResponse(
        request,
        "exhibitions/kiosk.html",
        {
            "page": exhibition,
            "self": exhibition,
            "host": host,
            "host_city": host.city() if host else None,
            "panels": _panels(exhibition, request, host, with_qr=True),
        },
    )


def poster(panel, request):
    """A printable poster of one panel (A3 or A1), with a QR code to its discussion."""
    exhibition = panel.get_parent().specific
    host_id = request.GET.get("host")
    host = None
    if host_id:
        try:
            host = host_of(exhibition, int(host_id))
        except ValueError:
            raise Http404 from None
    size = request.GET.get("size", "a3")
    if size not in POSTER_SIZES:
        size = "a3"
    url = discussion_url(panel, request, host)
    return TemplateResponse(
        request,
        "exhibitions/poster.html",
        {
            "page": panel,
            "self": panel,
            "exhibition": exhibition,
            "summit": exhibition.summit,
            "host": host,
            "host_city": host.city() if host else None,
            "size": size,
            "discussion_url": url,
            "qr_code": qr_svg(url, panel.title),
        },
    )
