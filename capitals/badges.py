"""The badge of a city that was Capital of Living Together (see ``cities.badges``)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cities.badges import badge_city, badge_response, make_badge

from .models import CapitalPage


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
    return make_badge(label, city, url, request)


def capitals_of_city(city):
    """The live Capital pages of ``city`` in every language, newest first.

    Read once per city page object: its page lists the years in its language and its
    badges count them in any language.
    """
    capitals = getattr(city, "_capitals_of_city", None)
    if capitals is None:
        capitals = city._capitals_of_city = list(
            CapitalPage.objects.live()
            .filter(city__translation_key=city.translation_key)
            .defer("introduction", "programme", "report")
            .order_by("-year", "path")
        )
    return capitals


def capital_badges(city, request=None):
    """The ``CITY_BADGES`` hook: one badge per year the city was the Capital, newest first."""
    years = sorted({capital.year for capital in capitals_of_city(city)}, reverse=True)
    return [_capital(city, year, request) for year in years]


@require_GET
@cache_control(max_age=86400, public=True)
def capital_badge_svg(request, city, year):
    badge = capital_badge(badge_city(city), year, request)
    if badge is None:
        raise Http404("This city was not the Capital of Living Together that year.")
    return badge_response(badge)
