"""A small world for the open-data tests: cities, initiatives, a summit, signatures, a Capital.

Built once per module (tests/shared.py): each test reads its own copy and runs in a
savepoint of its own, so what one test adds (an initiative, a feed entry) never
reaches the next.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from wagtail.models import Page

import pytest

from capitals.factories import CapitalIndexPageFactory, CapitalPageFactory
from cities.factories import CityIndexPageFactory, CityPageFactory, ThemeFactory
from core.dates import next_international_day
from initiatives.factories import InitiativeIndexPageFactory, InitiativePageFactory
from summits.factories import DeclarationPageFactory, SummitIndexPageFactory, SummitPageFactory
from summits.models import Signature, SignatureKind
from tests.shared import fresh
from tests.translations import copy_for_translation


def translate(page, locale, **fields):
    """A published translation of ``page`` (and of its parents where missing)."""
    translated = copy_for_translation(page, locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    for ancestor in translated.get_ancestors().specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    return Page.objects.get(pk=translated.pk).specific


def sign(declaration, name, confirmed=True, **fields):
    return Signature.objects.create(
        declaration_key=declaration.translation_key,
        name=name,
        kind=fields.pop("kind", SignatureKind.COMMIT),
        confirmed_at=timezone.now() if confirmed else None,
        **fields,
    )


@pytest.fixture(scope="module")
def open_data_world(module_home):
    # As in a test's own transaction: wagtail-localize's on-commit callbacks never run.
    with module_home.build(on_commit=False):
        return build_world(module_home.home, module_home.locales)


@pytest.fixture
def world(open_data_world, db):
    return fresh(open_data_world)


def build_world(home_page, locales):
    cities = CityIndexPageFactory(parent=home_page)
    duesseldorf = CityPageFactory(
        parent=cities,
        title="Düsseldorf",
        slug="duesseldorf",
        country="DE",
        mayor="Dr. Stephan Keller",
        member_since=datetime.date(2019, 8, 31),
        website="https://www.duesseldorf.de",
    )
    montreal = CityPageFactory(
        parent=cities,
        title="Montréal",
        slug="montreal",
        country="CA",
        continent="americas",
        latitude="45.501700",
        longitude="-73.567300",
    )
    french_duesseldorf = translate(duesseldorf, locales["fr"], title="Düsseldorf (FR)")
    arabic_duesseldorf = translate(duesseldorf, locales["ar"], title="دوسلدورف")
    themes = [ThemeFactory(name="Education", slug="education"), ThemeFactory(name="Culture")]
    initiatives_index = InitiativeIndexPageFactory(parent=home_page)
    initiative = InitiativePageFactory(
        parent=duesseldorf,
        title="Neighbours' table",
        summary='=HYPERLINK("http://evil") Neighbours share a meal.',
        start_date=datetime.date(2022, 5, 16),
        end_date=datetime.date(2022, 9, 1),
        themes=themes,
    )
    initiative.save_revision().publish()
    summits = SummitIndexPageFactory(parent=home_page)
    summit = SummitPageFactory(
        parent=summits,
        title="Düsseldorf Summit",
        slug="duesseldorf-2019",
        host_city=duesseldorf,
    )
    declaration = DeclarationPageFactory(parent=summit)
    translate(summit, locales["ar"], title="قمة دوسلدورف")
    translate(declaration, locales["ar"], title="إعلان دوسلدورف")
    sign(
        declaration,
        "Ada Mayor",
        title="Mayor",
        city=duesseldorf,
        country="DE",
        email="ada@example.org",
        signed_on=datetime.date(2019, 8, 31),
    )
    sign(declaration, "Bruno Unconfirmed", confirmed=False, city=montreal, email="b@example.org")
    sign(declaration, "Hidden Person", hidden=True, email="h@example.org")
    capitals = CapitalIndexPageFactory(parent=home_page)
    capital = CapitalPageFactory(
        parent=capitals, city=duesseldorf, year=next_international_day().year
    )
    return SimpleNamespace(
        home=home_page,
        cities=cities,
        duesseldorf=duesseldorf,
        french_duesseldorf=french_duesseldorf,
        arabic_duesseldorf=arabic_duesseldorf,
        montreal=montreal,
        themes=themes,
        initiatives=initiatives_index,
        initiative=initiative,
        summit=summit,
        declaration=declaration,
        capital=capital,
    )
