"""Embeddable SVG badges of member cities.

The badge itself lives here; the apps that award one (summits: signatory of a
declaration; capitals: Capital of Living Together) register a ``CITY_BADGES``
hook that lists a city's badges, and serve their badge's SVG with
``badge_response``.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_bidi, gettext

from core.i18n import active_locale
from core.sections import CITY_BADGES, section_items

from .models import CityPage

HEIGHT = 48
MARK = 48  # the square on the start side holding the Observatory's mark


@dataclass
class Badge:
    label: str
    city: object
    page_url: str
    svg_url: str
    rtl: bool = False
    path: str = ""

    @property
    def preview_url(self):
        """The badge as this site's own pages show it: a path, whatever host the Site names."""
        return self.path or self.svg_url

    @property
    def site_name(self):
        return gettext("Observatory of Mayors on Living Together")

    @property
    def alt(self):
        return f"{self.label} – {self.city.title}"

    @property
    def width(self):
        # No font metrics on the server: a generous average glyph width per size.
        text = max(len(self.site_name) * 5.8, len(self.label) * 7.8)
        return int(MARK + text + 24)

    @property
    def height(self):
        return HEIGHT

    @property
    def text_x(self):
        """The centre of the text area (after the mark, on either side)."""
        return (self.width - MARK) // 2 + (MARK if not self.rtl else 0)

    @property
    def snippet(self):
        """The HTML a city copies into its website (escaped once here, again when shown)."""
        return format_html(
            '<a href="{}"><img src="{}" alt="{}" width="{}" height="{}"></a>',
            self.page_url,
            self.svg_url,
            self.alt,
            self.width,
            self.height,
        )

    @property
    def mark_x(self):
        return self.width - MARK // 2 if self.rtl else MARK // 2


def make_badge(label, city, path, request=None):
    """The badge ``label`` of ``city``, its SVG at ``path`` on the site serving the city's page."""
    page_url = city.get_full_url(request)
    return Badge(
        label=label,
        city=city,
        page_url=page_url,
        svg_url=_on_site_of(page_url, path),
        rtl=get_language_bidi(),
        path=path,
    )


def _on_site_of(page_url, path):
    """``path`` on the site that serves ``page_url``: the badge and its link share a host."""
    if page_url:
        parts = urlsplit(page_url)
        return f"{parts.scheme}://{parts.netloc}{path}"
    return settings.BASE_URL + path


def badge_city(slug):
    """The live city page ``slug`` in the active language, or 404."""
    return get_object_or_404(CityPage.objects.live().public(), slug=slug, locale=active_locale())


def badge_response(badge):
    svg = render_to_string("badges/badge.svg", {"badge": badge, "language": get_language()})
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    # Member cities show their badges on their own websites.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def city_badges(city, request=None):
    """Every badge ``city`` has earned, in the active language."""
    return section_items(CITY_BADGES, city, request)
