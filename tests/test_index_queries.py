"""Index pages make as many queries with 30 children as with 5.

The world is built once for the module (tests/shared.py): every section gets 5
children, every page is measured, then every section gets 25 more and every page is
measured again. Each scenario's test compares its two figures.
"""

import datetime

from django.db import connection
from django.test import Client
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


ADDERS = (add_cities, add_initiatives, add_summits, add_capitals)


@pytest.fixture(scope="module")
def query_counts(module_home):
    """{scenario: (queries with 5 children, queries with 30)}, measured once for all."""
    client = Client()
    with module_home.build(on_commit=False):
        sections = site_sections(module_home.home)
        for add in ADDERS:
            add(sections, 5)
        with_five = {
            name: queries_for(client, url(sections)) for name, (_add, url) in SCENARIOS.items()
        }
        for add in ADDERS:
            add(sections, 25)
        with_thirty = {
            name: queries_for(client, url(sections)) for name, (_add, url) in SCENARIOS.items()
        }
    return {name: (with_five[name], with_thirty[name]) for name in SCENARIOS}


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_queries_do_not_grow_with_children(query_counts, scenario):
    with_five, with_thirty = query_counts[scenario]
    assert with_thirty == with_five, (
        f"{scenario}: {with_five} queries with 5, {with_thirty} with 30"
    )
