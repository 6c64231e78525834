"""The demo loaders: themes and cities in every language, and safe to run twice."""

from wagtail_localize.models import Translation

import pytest

from cities.models import CityIndexPage, CityPage, Continent, Theme
from initiatives.demo import load_cities, load_themes
from initiatives.models import InitiativeIndexPage, InitiativeKind, InitiativePage


@pytest.fixture
def demo(demo_db, locales):
    """The whole demo's themes and member cities (English), by slug, as the loaders return
    them: the demo is loaded once for every module that reads it (tests/databases.py)."""
    english = locales["en"]
    themes = {theme.slug: theme for theme in Theme.objects.filter(locale=english)}
    index = CityIndexPage.objects.get(locale=english)
    cities = {city.slug: city for city in CityPage.objects.child_of(index)}
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
    themes, cities = demo
    assert {"montreal", "duesseldorf"} <= set(cities)
    assert len(cities) >= 20
    montreal = cities["montreal"]
    assert (montreal.country.code, montreal.continent) == ("CA", "americas")
    assert float(montreal.latitude) == pytest.approx(45.5019)
    assert float(cities["duesseldorf"].longitude) == pytest.approx(6.7735)
    assert {city.continent for city in cities.values()} == set(Continent.values)
    for city in cities.values():
        assert 2 <= InitiativePage.objects.child_of(city).count() <= 3
        assert -90 <= city.latitude <= 90 and -180 <= city.longitude <= 180
    assert InitiativePage.objects.filter(locale=locales["en"]).count() >= 40
    for locale in locales.values():
        assert CityPage.objects.live().filter(locale=locale).count() == len(cities)
        assert InitiativeIndexPage.objects.live().filter(locale=locale).exists()
    kinds = set(InitiativePage.objects.values_list("kind", flat=True))
    assert kinds == set(InitiativeKind.values)
    used = set(
        InitiativePage.objects.filter(locale=locales["en"]).values_list("themes__slug", flat=True)
    )
    assert used == set(themes)
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


def test_every_language_is_a_wagtail_localize_translation(demo, locales, client):
    _, cities = demo
    montreal = cities["montreal"]
    initiative = InitiativePage.objects.child_of(montreal).first()
    for page in (montreal, initiative):
        for code in ("fr", "de", "es", "ar"):
            translated = page.get_translation(locales[code])
            assert translated.alias_of_id is None and translated.live
            assert Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=locales[code]
            ).exists()
    assert montreal.get_translation(locales["de"]).title == "Montreal"
    assert cities["mexico-city"].get_translation(locales["de"]).title == "Mexiko-Stadt"
    assert cities["mexico-city"].get_translation(locales["es"]).title == "Ciudad de México"
    assert cities["mexico-city"].get_translation(locales["ar"]).title == "مدينة مكسيكو"
    html = client.get("/es/cities/montreal/").content.decode()
    assert "Montreal es una ciudad miembro del Observatorio" in html
    assert "untranslated-notice" not in html
    html = client.get("/ar/cities/").content.decode()
    assert "المدن الأعضاء" in html and "لشبونة" in html
    html = client.get("/es/initiatives/?theme=mobility-environment").content.decode()
    assert "Programa de calles compartidas" in html


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
