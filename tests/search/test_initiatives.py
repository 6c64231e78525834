"""search_initiatives: full text within a queryset, so the facet counts of the index still work."""

import datetime

import pytest

from cities.factories import CityIndexPageFactory, CityPageFactory
from initiatives.factories import InitiativePageFactory
from initiatives.models import InitiativeKind, InitiativePage
from initiatives.search import search_initiatives

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiatives(homes):
    directory = CityIndexPageFactory(parent=homes["en"])
    montreal = CityPageFactory(parent=directory, title="Montréal", slug="montreal")
    rows = [
        ("Bike lanes", "Safer streets for everyone.", InitiativeKind.PUBLIC_POLICY),
        ("Street fair", "A festival in every street.", InitiativeKind.PUBLIC_ACTIVITY),
        ("Open data", "Figures about the city festival.", InitiativeKind.CITY_PROGRAMME),
    ]
    for title, summary, kind in rows:
        InitiativePageFactory(
            parent=montreal,
            title=title,
            summary=summary,
            kind=kind,
            start_date=datetime.date(2021, 5, 16),
        )
    InitiativePageFactory(parent=montreal, title="Draft festival", live=False)
    return InitiativePage.objects.filter(locale=homes["en"].locale)


def test_blank_query_keeps_the_queryset(initiatives):
    assert search_initiatives(initiatives, "  ").count() == initiatives.count()


def test_matches_and_keeps_other_filters(initiatives):
    found = search_initiatives(initiatives, "festival")
    assert set(found.values_list("title", flat=True)) == {"Street fair", "Open data"}
    filtered = search_initiatives(
        initiatives.filter(kind=InitiativeKind.PUBLIC_ACTIVITY), "festival"
    )
    assert list(filtered.values_list("title", flat=True)) == ["Street fair"]


def test_counts_still_work(initiatives):
    from django.db.models import Count

    counts = dict(
        search_initiatives(initiatives, "festival")
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    assert counts == {InitiativeKind.PUBLIC_ACTIVITY: 1, InitiativeKind.CITY_PROGRAMME: 1}


def test_drafts_never_match(initiatives):
    assert "Draft festival" not in search_initiatives(initiatives, "festival").values_list(
        "title", flat=True
    )


def test_hostile_query(initiatives):
    assert search_initiatives(initiatives, '"(' + "x" * 10_000).count() == 0
