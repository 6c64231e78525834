"""Index pages make as many queries with 50 children as with 5."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from capitals.factories import CapitalIndexPageFactory, CapitalPageFactory
from cities.factories import CityIndexPageFactory, CityPageFactory, ThemeFactory
from initiatives.factories import InitiativeIndexPageFactory, InitiativePageFactory
from summits.factories import SummitIndexPageFactory, SummitPageFactory


def queries_for(client, url):
    client.get(url)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.fixture
def site_sections(home_page):
    cities = CityIndexPageFactory(parent=home_page)
    return {
        "home": home_page,
        "cities": cities,
        "initiatives": InitiativeIndexPageFactory(parent=home_page),
        "summits": SummitIndexPageFactory(parent=home_page),
        "capitals": CapitalIndexPageFactory(parent=home_page),
        "host": CityPageFactory(parent=cities, slug="host"),
        "themes": [ThemeFactory(), ThemeFactory()],
    }


def add_cities(sections, count):
    for _ in range(count):
        CityPageFactory(parent=sections["cities"])


def add_initiatives(sections, count):
    for index in range(count):
        initiative = InitiativePageFactory(
            parent=sections["host"], start_date=datetime.date(2019 + index % 6, 5, 16)
        )
        initiative.themes.set(sections["themes"])
        initiative.save_revision().publish()


def add_summits(sections, count):
    for _ in range(count):
        SummitPageFactory(parent=sections["summits"], host_city=sections["host"])


def add_capitals(sections, count):
    for _ in range(count):
        CapitalPageFactory(parent=sections["capitals"], city=sections["host"])


SCENARIOS = {
    "city directory": (add_cities, lambda s: s["cities"].url),
    "initiative index": (add_initiatives, lambda s: s["initiatives"].url),
    "city page": (add_initiatives, lambda s: s["host"].url),
    "home page": (add_initiatives, lambda s: s["home"].url),
    "summit index": (add_summits, lambda s: s["summits"].url),
    "capitals archive": (add_capitals, lambda s: s["capitals"].url),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_queries_do_not_grow_with_children(client, site_sections, scenario):
    add, url = SCENARIOS[scenario]
    add(site_sections, 5)
    with_five = queries_for(client, url(site_sections))
    add(site_sections, 45)
    with_fifty = queries_for(client, url(site_sections))
    assert with_fifty == with_five, f"{scenario}: {with_five} queries with 5, {with_fifty} with 50"
