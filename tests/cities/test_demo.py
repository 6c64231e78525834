"""The demo loaders: themes and cities in every language, and safe to run twice."""

import pytest

from cities.demo import load_cities, load_themes
from cities.models import CityIndexPage, CityPage, Theme
from initiatives.models import InitiativeIndexPage, InitiativePage


@pytest.fixture
def demo(home_page, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        themes = load_themes(locales)
        cities = load_cities(home_page, locales, themes)
    return themes, cities


def test_themes_in_every_language(demo, locales):
    themes, _ = demo
    assert len(themes) == 5
    assert Theme.objects.count() == 25
    french = Theme.objects.get(locale=locales["fr"], slug="mobility-environment")
    assert french.name == "Mobilité durable et environnement"
    assert "mobilité verte" in french.description
    assert Theme.objects.get(locale=locales["ar"], slug="digital-city").name.startswith("المدينة")


def test_cities_and_initiatives_in_every_language(demo, locales, client):
    _, cities = demo
    assert {"montreal", "duesseldorf"} <= set(cities)
    assert 8 <= len(cities) <= 10
    montreal = cities["montreal"]
    assert (montreal.country.code, montreal.continent) == ("CA", "americas")
    assert float(montreal.latitude) == pytest.approx(45.5019)
    assert float(cities["duesseldorf"].longitude) == pytest.approx(6.7735)
    assert {city.continent for city in cities.values()} >= {"africa", "americas", "asia", "europe"}
    for city in cities.values():
        assert 2 <= InitiativePage.objects.child_of(city).count() <= 3
    for locale in locales.values():
        assert CityPage.objects.live().filter(locale=locale).count() == len(cities)
        assert InitiativeIndexPage.objects.live().filter(locale=locale).exists()
    kinds = set(InitiativePage.objects.values_list("kind", flat=True))
    assert kinds == {"public_activity", "public_policy", "city_programme"}
    years = {d.year for d in InitiativePage.objects.values_list("start_date", flat=True)}
    assert min(years) >= 2019 and max(years) <= 2025

    for code in locales:
        for url in (f"/{code}/cities/", f"/{code}/initiatives/", f"/{code}/cities/montreal/"):
            assert client.get(url).status_code == 200, url
    html = client.get("/fr/initiatives/?theme=mobility-environment").content.decode()
    assert "Programme de rues partagées" in html
    assert "Mobilité durable et environnement" in html
    html = client.get("/de/cities/").content.decode()
    assert "Lissabon" in html


def test_loading_twice_changes_nothing(demo, home_page, locales):
    themes, cities = demo
    pages = InitiativePage.objects.count(), CityPage.objects.count(), Theme.objects.count()
    again = load_cities(home_page, locales, load_themes(locales))
    assert set(again) == set(cities)
    assert (
        InitiativePage.objects.count(),
        CityPage.objects.count(),
        Theme.objects.count(),
    ) == pages
    assert CityIndexPage.objects.child_of(home_page).count() == 1
