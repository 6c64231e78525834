"""Signatories of a declaration: shared by every language, counted only once confirmed."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from cities.factories import CityIndexPageFactory, CityPageFactory
from summits.demo import load_signatures
from summits.factories import DeclarationPageFactory, SummitIndexPageFactory, SummitPageFactory
from summits.models import Signature, SignatureKind


@pytest.fixture
def declaration(home_page, locales):
    summit = SummitPageFactory(parent=SummitIndexPageFactory(parent=home_page))
    declaration = DeclarationPageFactory(parent=summit)
    for page in (summit.get_parent(), summit, declaration):
        translated = page.specific.copy_for_translation(locales["fr"], copy_parents=True)
        translated.save_revision().publish()
    return declaration


@pytest.fixture
def city(home_page, locales):
    city = CityPageFactory(parent=CityIndexPageFactory(parent=home_page), title="Düsseldorf")
    french_index = city.get_parent().specific.copy_for_translation(locales["fr"])
    french_index.save_revision().publish()
    french = city.copy_for_translation(locales["fr"])
    french.title = "Düsseldorf (FR)"
    french.save_revision().publish()
    return city


def sign(declaration, name, kind=SignatureKind.COMMIT, confirmed=True, **fields):
    return Signature.objects.create(
        declaration_key=declaration.translation_key,
        name=name,
        kind=kind,
        confirmed_at=timezone.now() if confirmed else None,
        **fields,
    )


def test_signatories_are_the_same_in_every_language(client, declaration, locales, city):
    sign(declaration, "Ada Mayor", country="DE", city=city)
    sign(
        declaration, "Bruno Deputy", kind=SignatureKind.ACKNOWLEDGE, country="FR", city_name="Lyon"
    )
    english = client.get(declaration.url).content.decode()
    french = client.get(declaration.get_translation(locales["fr"]).url).content.decode()
    for html in (english, french):
        assert "Ada Mayor" in html
        assert "Bruno Deputy" in html
        assert "Lyon" in html
    assert "Düsseldorf (FR)" in french
    assert "Düsseldorf (FR)" not in english


def test_only_confirmed_visible_signatures_count(declaration):
    sign(declaration, "Confirmed", country="DE")
    sign(declaration, "Waiting for the email link", confirmed=False)
    sign(declaration, "Hidden by an editor", hidden=True)
    sign(declaration, "Acknowledges", kind=SignatureKind.ACKNOWLEDGE, country="DE")
    sign(declaration, "Another", country="CA")
    signatories = declaration.signatories()
    assert signatories["total"] == 3
    counts = {group["kind"]: len(group["signatures"]) for group in signatories["groups"]}
    assert counts == {"commit": 2, "acknowledge": 1}
    assert [(country.code, count) for country, count in signatories["countries"]] == [
        ("DE", 2),
        ("CA", 1),
    ]


def test_page_shows_counts_and_groups(client, declaration):
    sign(declaration, "Ada Mayor", country="DE")
    html = client.get(declaration.url).content.decode()
    assert "No signature has been confirmed yet." not in html
    assert "I agree and commit" in html
    assert "Germany" in html


def test_queries_do_not_grow_with_signatures(client, declaration, city):
    for index in range(5):
        sign(declaration, f"Signatory {index}", country="DE", city=city)
    client.get(declaration.url)
    with CaptureQueriesContext(connection) as five:
        client.get(declaration.url)
    for index in range(5, 50):
        sign(declaration, f"Signatory {index}", country="DE", city=city)
    with CaptureQueriesContext(connection) as fifty:
        client.get(declaration.url)
    assert len(fifty) == len(five)


def test_demo_signatory_from_the_seed(declaration):
    load_signatures(declaration)
    load_signatures(declaration)
    signature = Signature.objects.get()
    assert signature.name == "Cheikh Khaled Bentounes"
    assert signature.kind == SignatureKind.COMMIT
    assert signature.signed_on == datetime.date(2019, 8, 31)
    assert declaration.signatories()["total"] == 1
