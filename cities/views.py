"""Open data of the city directory: the GeoJSON of member cities."""

import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.i18n import active_locale, default_locale
from core.open_data import Dataset

from .models import CityPage


def member_cities(locale):
    """Live member cities, each in ``locale`` where translated, else in the default one."""
    default = default_locale()
    pages = (
        CityPage.objects.live()
        .public()
        .filter(locale_id__in={locale.pk, default.pk})
        .select_related("locale")
    )
    chosen = {}
    for page in pages:
        if page.translation_key not in chosen or page.locale_id == locale.pk:
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.title)


def city_feature(city, request):
    """A GeoJSON Feature: a Point at [longitude, latitude] (RFC 7946 order)."""
    return {
        "type": "Feature",
        "id": str(city.translation_key),
        "geometry": {
            "type": "Point",
            "coordinates": [float(city.longitude), float(city.latitude)],
        },
        "properties": {
            "name": city.title,
            "country_code": city.country.code,
            "country": str(city.country.name),
            "continent": city.continent,
            "continent_name": str(city.get_continent_display()),
            "url": city.get_full_url(request),
            "member_since": city.member_since.isoformat() if city.member_since else None,
            "language": city.locale.language_code,
        },
    }


@require_GET
@cache_control(max_age=3600, public=True)
def cities_geojson(request):
    locale = active_locale()
    collection = {
        "type": "FeatureCollection",
        "features": [city_feature(city, request) for city in member_cities(locale)],
    }
    response = HttpResponse(
        json.dumps(collection, ensure_ascii=False), content_type="application/geo+json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def datasets(request):
    return [
        Dataset(
            title=gettext("Member cities (GeoJSON)"),
            description=gettext(
                "Every member city as a point, with its name in this language, its "
                "country, continent, page and year of membership."
            ),
            url=request.build_absolute_uri(reverse("cities_geojson")),
            format="GeoJSON",
        ),
        Dataset(
            title=gettext("Badges for member cities"),
            description=gettext(
                "Signatories of a declaration and Capitals of Living Together can embed "
                "a badge on their website: the snippet is on their city page."
            ),
            url="",
            format="SVG",
        ),
    ]
