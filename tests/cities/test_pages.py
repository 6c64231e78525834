"""The city directory, its map data and filters, city pages, and the tree rules."""

import json
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.test.utils import WagtailPageTestCase

import pytest

from cities.factories import CityPageFactory, ThemeFactory
from cities.models import CityIndexPage, CityPage
from home.models import HomePage
from initiatives.factories import InitiativePageFactory
from initiatives.models import InitiativeIndexPage, InitiativePage

from .builders import city, city_directory

pytestmark = pytest.mark.django_db


class TestTreeRules(WagtailPageTestCase):
    def test_where_pages_live(self):
        self.assertCanCreateAt(HomePage, CityIndexPage)
        self.assertCanCreateAt(CityIndexPage, CityPage)
        self.assertCanCreateAt(CityPage, InitiativePage)
        self.assertCanCreateAt(HomePage, InitiativeIndexPage)
        self.assertCanNotCreateAt(HomePage, CityPage)
        self.assertCanNotCreateAt(CityIndexPage, InitiativePage)
        self.assertCanNotCreateAt(HomePage, InitiativePage)
        self.assertCanNotCreateAt(InitiativeIndexPage, InitiativePage)
        self.assertCanNotCreateAt(CityPage, CityPage)


def map_data(response):
    match = re.search(
        r'<script id="city-map-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the map data is in the page"
    return json.loads(match.group(1))


def test_directory_lists_cities_and_map_data(client, home_page):
    index = city_directory(home_page)
    city(
        index,
        title="Montréal",
        slug="montreal",
        country="CA",
        continent="americas",
        latitude="45.501900",
        longitude="-73.567400",
        mayor="A Mayor",
    )
    city(index, title="Düsseldorf", slug="duesseldorf")
    response = client.get("/en/cities/")
    assert response.status_code == 200
    html = response.content.decode()
    # Without JavaScript: the cities are in the HTML, the map container has a label.
    assert "Montréal" in html and "Düsseldorf" in html
    assert "A Mayor" in html
    assert 'id="city-map"' in html and 'aria-label="Map of member cities"' in html
    assert "data-tile-url=" in html
    assert "<strong>2</strong> member cities" in html
    data = {entry["name"]: entry for entry in map_data(response)}
    assert data["Montréal"]["lat"] == pytest.approx(45.5019)
    assert data["Montréal"]["lng"] == pytest.approx(-73.5674)
    assert data["Montréal"]["url"] == "/en/cities/montreal/"
    assert "vendor/leaflet/leaflet.js" in html and "js/cities-map.js" in html
    # No inline script but the JSON data (CSP).
    assert "<script>" not in html


def test_directory_filters_by_country_and_continent(client, home_page):
    index = city_directory(home_page)
    city(index, title="Montréal", slug="montreal", country="CA", continent="americas")
    city(index, title="Düsseldorf", slug="duesseldorf", country="DE", continent="europe")
    html = client.get("/en/cities/?country=CA").content.decode()
    assert "Montréal" in html and "/en/cities/duesseldorf/" not in html
    html = client.get("/en/cities/?continent=europe").content.decode()
    assert "/en/cities/duesseldorf/" in html and "/en/cities/montreal/" not in html
    response = client.get("/en/cities/?continent=atlantis&country=ZZ")
    assert response.status_code == 200
    assert "No member city matches" in response.content.decode()
    assert map_data(client.get("/en/cities/?country=CA"))[0]["name"] == "Montréal"


def test_directory_renders_in_arabic(client, home_page, locales):
    index = city_directory(home_page)
    montreal = city(index, title="Montréal", slug="montreal")
    arabic_index = index.copy_for_translation(locales["ar"])
    arabic_index.save_revision().publish()
    arabic_city = montreal.copy_for_translation(locales["ar"])
    arabic_city.title = "مونتريال"
    arabic_city.save_revision().publish()
    response = client.get("/ar/cities/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html and "مونتريال" in html
    response = client.get("/ar/cities/montreal/")
    assert response.status_code == 200


def test_directory_query_count_does_not_grow(client, home_page):
    index = city_directory(home_page)
    for n in range(2):
        city(index, title=f"City {n}", slug=f"few-{n}")
    client.get("/en/cities/")  # warm caches (site root paths, locales)
    with CaptureQueriesContext(connection) as few:
        client.get("/en/cities/")
    for n in range(18):
        city(index, title=f"More {n}", slug=f"more-{n}")
    client.get("/en/cities/")  # the site frame is built again once after pages change
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/cities/")
    assert len(map_data(response)) == 20
    assert len(many) == len(few)


def test_city_page(client, home_page):
    index = city_directory(home_page)
    duesseldorf = city(
        index,
        title="Düsseldorf",
        slug="duesseldorf",
        mayor="Demo Mayor",
        population=645923,
        website="https://www.duesseldorf.de/",
    )
    theme = ThemeFactory(name="Digital city")
    InitiativePageFactory(parent=duesseldorf, title="Open data", themes=[theme])
    with translation.override("en"):
        response = client.get("/en/cities/duesseldorf/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Düsseldorf",
        "Germany",
        "Demo Mayor",
        "645,923",
        "https://www.duesseldorf.de/",
        "Open data",
    ):
        assert text in html
    assert "private.contact@example.org" not in html


def test_city_page_lists_capital_years(client, home_page):
    from capitals.models import CapitalIndexPage, CapitalPage

    index = city_directory(home_page)
    duesseldorf = city(index, title="Düsseldorf", slug="duesseldorf")
    capitals = home_page.add_child(instance=CapitalIndexPage(title="Capitals", slug="capitals"))
    capitals.save_revision().publish()
    capital = capitals.add_child(
        instance=CapitalPage(title="Capital 2021", slug="2021", year=2021, city=duesseldorf)
    )
    capital.save_revision().publish()
    html = client.get("/en/cities/duesseldorf/").content.decode()
    assert "/en/capitals/2021/" in html


def test_city_factory_needs_a_directory(home_page):
    index = city_directory(home_page)
    page = CityPageFactory(parent=index)
    assert page.get_parent().specific == index
