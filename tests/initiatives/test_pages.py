"""The initiative page: what it shows, and never the contact."""

import datetime

import pytest

from cities.factories import ThemeFactory
from initiatives.factories import InitiativePageFactory
from initiatives.models import InitiativeKind
from tests.cities.builders import city, city_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(home_page):
    duesseldorf = city(city_directory(home_page), title="Düsseldorf", slug="duesseldorf")
    theme = ThemeFactory(
        name="Digital city, e-governance and data", slug="digital-city", locale=home_page.locale
    )
    return InitiativePageFactory(
        parent=duesseldorf,
        title="Open data for cohesion",
        slug="open-data",
        kind=InitiativeKind.CITY_PROGRAMME,
        start_date=datetime.date(2019, 9, 1),
        end_date=datetime.date(2022, 12, 31),
        summary="Data by neighbourhood.",
        outcomes="<ul><li>Twelve data sets</li></ul>",
        partners="University\nLibraries",
        themes=[theme],
    )


def test_initiative_page_shows_what_is_public(client, initiative):
    response = client.get("/en/cities/duesseldorf/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Open data for cohesion",
        "City programme",
        "Digital city, e-governance and data",
        "Data by neighbourhood.",
        "Twelve data sets",
        "<li>University</li>",
        "<li>Libraries</li>",
        'href="/en/cities/duesseldorf/"',
        "2019-09-01",
        "2022-12-31",
    ):
        assert text in html
    assert "private.contact@example.org" not in html
    assert "Private Contact" not in html


def test_initiative_page_in_arabic(client, initiative, locales):
    directory = initiative.get_parent().get_parent()
    for page in (directory, initiative.get_parent(), initiative):
        page.specific.copy_for_translation(locales["ar"]).save_revision().publish()
    response = client.get("/ar/cities/duesseldorf/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert "private.contact@example.org" not in html


def test_themes_in_the_readers_language_in_one_query(
    initiative, locales, django_assert_num_queries
):
    from django.utils import translation

    digital = initiative.themes.get()
    french = digital.copy_for_translation(locales["fr"])
    french.name = "Ville numérique, e-gouvernance et données"
    french.save()
    culture = ThemeFactory(name="Culture", slug="culture", locale=digital.locale, sort_order=0)
    digital.sort_order = 1
    digital.save()
    initiative.themes.add(culture)
    initiative.save()
    with translation.override("fr"):
        initiative.local_themes()  # the locales, read once per process (core.caching)
        with django_assert_num_queries(1):
            names = [theme.name for theme in initiative.local_themes()]
    # Translated where a translation exists, else in the default language; listed in order.
    assert names == ["Culture", "Ville numérique, e-gouvernance et données"]
    # A preview shows the editor's choice, in memory, before it is saved.
    draft = type(initiative).objects.get(pk=initiative.pk)
    draft.themes = [digital]
    with translation.override("fr"):
        assert [theme.name for theme in draft.local_themes()] == [french.name]
