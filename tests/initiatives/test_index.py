"""The initiative index: filters, counts, pagination, bad parameters, query count."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cities.factories import ThemeFactory
from initiatives.factories import InitiativePageFactory
from initiatives.filters import search_initiatives
from initiatives.models import InitiativeKind
from tests.cities.builders import city, city_directory, initiative_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    """Two cities in two countries, two themes, five initiatives over three years."""
    directory = city_directory(home_page)
    index = initiative_index(home_page)
    montreal = city(
        directory,
        title="Montréal",
        slug="montreal",
        country="CA",
        continent="americas",
        latitude="45.501900",
        longitude="-73.567400",
    )
    duesseldorf = city(directory, title="Düsseldorf", slug="duesseldorf", country="DE")
    mobility = ThemeFactory(name="Mobility", slug="mobility", locale=home_page.locale)
    digital = ThemeFactory(name="Digital", slug="digital", locale=home_page.locale)
    rows = [
        (montreal, "Bike lanes", InitiativeKind.PUBLIC_POLICY, 2019, [mobility]),
        (montreal, "Open data", InitiativeKind.CITY_PROGRAMME, 2021, [digital]),
        (montreal, "Street fair", InitiativeKind.PUBLIC_ACTIVITY, 2021, [mobility, digital]),
        (duesseldorf, "Car-free Sundays", InitiativeKind.PUBLIC_ACTIVITY, 2021, [mobility]),
        (duesseldorf, "Digital city hall", InitiativeKind.PUBLIC_POLICY, 2023, [digital]),
    ]
    for parent, title, kind, year, themes in rows:
        InitiativePageFactory(
            parent=parent,
            title=title,
            kind=kind,
            start_date=datetime.date(year, 5, 16),
            themes=themes,
        )
    return index


def titles(response):
    return re.findall(
        r'class="initiative-card__title"><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )


def option_count(response, name, value):
    html = response.content.decode()
    select = re.search(rf'<select id="filter-{name}" name="{name}">(.*?)</select>', html, re.S)
    match = re.search(rf'<option value="{value}"[^>]*>[^<]*\((\d+)\)</option>', select.group(1))
    return int(match.group(1))


def test_lists_every_initiative_with_its_city(client, world):
    response = client.get("/en/initiatives/")
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(
        ["Bike lanes", "Open data", "Street fair", "Car-free Sundays", "Digital city hall"]
    )
    html = response.content.decode()
    assert "<span>Montréal</span>" in html and "<span>Düsseldorf</span>" in html
    assert "private.contact@example.org" not in html and "Private Contact" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=mobility", {"Bike lanes", "Street fair", "Car-free Sundays"}),
        ("country=DE", {"Car-free Sundays", "Digital city hall"}),
        ("city=montreal", {"Bike lanes", "Open data", "Street fair"}),
        ("kind=public_activity", {"Street fair", "Car-free Sundays"}),
        ("year=2021", {"Open data", "Street fair", "Car-free Sundays"}),
        ("theme=digital&year=2021", {"Open data", "Street fair"}),
        ("country=CA&kind=public_policy", {"Bike lanes"}),
    ],
)
def test_each_filter_narrows(client, world, query, expected):
    response = client.get(f"/en/initiatives/?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_counts_reflect_the_other_filters(client, world):
    response = client.get("/en/initiatives/")
    assert option_count(response, "theme", "mobility") == 3
    assert option_count(response, "theme", "digital") == 3
    assert option_count(response, "country", "CA") == 3
    assert option_count(response, "city", "duesseldorf") == 2
    assert option_count(response, "kind", "public_policy") == 2
    assert option_count(response, "year", "2021") == 3

    response = client.get("/en/initiatives/?year=2021&theme=mobility")
    # Theme counts follow the year; year counts follow the theme.
    assert option_count(response, "theme", "digital") == 2
    assert option_count(response, "theme", "mobility") == 2
    assert option_count(response, "year", "2019") == 1
    assert option_count(response, "year", "2021") == 2
    assert option_count(response, "country", "DE") == 1
    assert option_count(response, "kind", "public_activity") == 2


def test_no_match_shows_a_reset_link(client, world):
    response = client.get("/en/initiatives/?year=2019&country=DE")
    html = response.content.decode()
    assert titles(response) == []
    assert "No initiatives match" in html
    assert 'href="/en/initiatives/">Reset filters and show every initiative' in html


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=99999",
        "page=999",
        "page=abc",
        "theme=nope",
        "country=<x>",
        "city=atlantis",
        "kind=war",
        "page=-1&year=",
    ],
)
def test_bad_parameters_do_not_fail(client, world, query):
    response = client.get(f"/en/initiatives/?{query}")
    assert response.status_code == 200
    assert titles(response)


def test_pagination_keeps_the_filters(client, world, home_page):
    montreal = world.get_parent().get_children().get(slug="cities").get_children().first()
    for n in range(20):
        InitiativePageFactory(
            parent=montreal,
            kind=InitiativeKind.PUBLIC_POLICY,
            start_date=datetime.date(2022, 1, 1),
            title=f"Policy {n}",
        )
    response = client.get("/en/initiatives/?kind=public_policy")
    html = response.content.decode()
    assert len(titles(response)) == 12
    assert "22 initiatives" in html
    assert 'href="?kind=public_policy&amp;page=2"' in html
    second = client.get("/en/initiatives/?kind=public_policy&page=2")
    assert len(titles(second)) == 10
    assert 'href="?kind=public_policy&amp;page=1"' in second.content.decode()
    last = client.get("/en/initiatives/?kind=public_policy&page=999")
    assert titles(last) == titles(second)


def test_query_count_does_not_grow(client, home_page):
    city_directory(home_page)
    initiative_index(home_page)
    directory = home_page.get_children().get(slug="cities")
    theme = ThemeFactory(slug="mobility", locale=home_page.locale)
    cities = [city(directory, slug=f"c{n}", title=f"C{n}") for n in range(2)]

    def add(count):
        for n in range(count):
            InitiativePageFactory(
                parent=cities[n % 2], themes=[theme], start_date=datetime.date(2019 + n % 5, 1, 1)
            )

    add(2)
    client.get("/en/initiatives/")
    with CaptureQueriesContext(connection) as few:
        response = client.get("/en/initiatives/?theme=mobility")
    assert len(titles(response)) == 2
    add(18)
    client.get("/en/initiatives/")  # the site frame is built again once after pages change
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/initiatives/?theme=mobility")
    assert len(titles(response)) == 12
    assert len(many) == len(few)


def test_renders_in_arabic(client, world, locales):
    arabic_index = world.copy_for_translation(locales["ar"])
    arabic_index.title = "المبادرات"
    arabic_index.save_revision().publish()
    response = client.get("/ar/initiatives/?year=abc")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_search_function_is_locale_aware(world, locales):
    assert search_initiatives(locales["en"], {}).initiatives.count() == 5
    assert search_initiatives(locales["fr"], {}).initiatives.count() == 0


def test_words_narrow_the_initiatives_and_their_counts(client, world):
    response = client.get("/en/initiatives/?q=fair")
    assert titles(response) == ["Street fair"]
    assert option_count(response, "kind", "public_activity") == 1
    assert 'value="fair"' in response.content.decode()
    assert titles(client.get("/en/initiatives/?q=zzzunmatched")) == []
