"""Embeddable SVG badges of member cities: declaration signatory, Capital of Living Together."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language_bidi, gettext

from capitals.models import CapitalPage
from summits.models import DeclarationPage, Signature, SummitPage

HEIGHT = 48
MARK = 48  # the square on the start side holding the Observatory's mark


@dataclass
class Badge:
    label: str
    city: object
    page_url: str
    svg_url: str
    rtl: bool = False

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


def signed_declarations(city):
    """Live declarations in the active language a counted signature of ``city`` signed."""
    keys = set(
        Signature.objects.counted()
        .filter(city__translation_key=city.translation_key)
        .values_list("declaration_key", flat=True)
    )
    if not keys:
        return []
    return list(
        DeclarationPage.objects.live()
        .public()
        .filter(translation_key__in=keys, locale_id=city.locale_id)
        .order_by("-adopted_on")
    )


def signatory_badge(city, summit_slug, request=None):
    """The badge of ``city`` for the declaration of the summit ``summit_slug``, if it signed."""
    declaration = (
        DeclarationPage.objects.live()
        .public()
        .filter(locale_id=city.locale_id, path__startswith=_summit_path(city, summit_slug))
        .first()
    )
    if declaration is None:
        return None
    signed = (
        Signature.objects.for_declaration(declaration)
        .counted()
        .filter(city__translation_key=city.translation_key)
        .exists()
    )
    return _signatory(city, declaration, request) if signed else None


def _summit_path(city, slug):
    summit = SummitPage.objects.live().public().filter(locale_id=city.locale_id, slug=slug).first()
    # No summit: a path no page has.
    return summit.path if summit else "-"


def _signatory(city, declaration, request=None):
    label = gettext("Signatory of the %(declaration)s") % {"declaration": declaration.title}
    summit = declaration.get_parent()
    url = reverse("signatory_badge", kwargs={"city": city.slug, "summit": summit.slug})
    return _badge(label, city, url, request)


def capital_badge(city, year, request=None):
    capital = (
        CapitalPage.objects.live()
        .filter(year=year, city__translation_key=city.translation_key)
        .exists()
    )
    return _capital(city, year, request) if capital else None


def _capital(city, year, request=None):
    label = gettext("Capital of Living Together %(year)s") % {"year": year}
    url = reverse("capital_badge", kwargs={"city": city.slug, "year": year})
    return _badge(label, city, url, request)


def _badge(label, city, path, request):
    page_url = city.get_full_url(request)
    return Badge(
        label=label,
        city=city,
        page_url=page_url,
        svg_url=_on_site_of(page_url, path),
        rtl=get_language_bidi(),
    )


def _on_site_of(page_url, path):
    """``path`` on the site that serves ``page_url``: the badge and its link share a host."""
    if page_url:
        parts = urlsplit(page_url)
        return f"{parts.scheme}://{parts.netloc}{path}"
    return settings.BASE_URL + path


def city_badges(city, request=None):
    """Every badge ``city`` has earned, in the active language."""
    badges = [_signatory(city, declaration, request) for declaration in signed_declarations(city)]
    years = sorted(
        set(
            CapitalPage.objects.live()
            .filter(city__translation_key=city.translation_key)
            .values_list("year", flat=True)
        ),
        reverse=True,
    )
    badges += [_capital(city, year, request) for year in years]
    return badges
