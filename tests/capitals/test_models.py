"""Capitals models: the 16 May date, tree rules, one Capital a year, JSON-LD."""

import datetime
import json

from django.core.exceptions import ValidationError

from wagtail.models import Page

import pytest

from capitals.models import CapitalIndexPage, CapitalPage, next_international_day
from core.dates import international_day_countdown
from home.models import HomePage, StandardPage
from international_day.models import InternationalDayPage

from .pages import make_capital, make_capital_index, make_city, translate

D = datetime.date


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 1, 1), D(2026, 5, 16)),
        (D(2026, 5, 15), D(2026, 5, 16)),
        (D(2026, 5, 16), D(2026, 5, 16)),
        (D(2026, 5, 17), D(2027, 5, 16)),
        (D(2026, 12, 31), D(2027, 5, 16)),
        (D(2027, 1, 1), D(2027, 5, 16)),
        (D(2028, 2, 29), D(2028, 5, 16)),
    ],
)
def test_next_international_day(today, expected):
    assert next_international_day(today) == expected


def test_countdown_counts_days_and_knows_the_day_itself():
    assert international_day_countdown(D(2026, 5, 15)) == {
        "target": D(2026, 5, 16),
        "days": 1,
        "is_today": False,
    }
    assert international_day_countdown(D(2026, 5, 16))["is_today"] is True
    assert international_day_countdown(D(2026, 5, 17))["days"] == 364
    assert international_day_countdown(D(2026, 12, 31))["days"] == 136


def test_singletons_and_parents():
    assert CapitalIndexPage.max_count_per_parent == 1
    assert InternationalDayPage.max_count_per_parent == 1
    assert HomePage.max_count_per_parent == 1
    assert CapitalPage.parent_page_types == ["capitals.CapitalIndexPage"]
    assert CapitalPage.subpage_types == []
    assert set(CapitalIndexPage.subpage_types) == {"capitals.CapitalPage"}
    assert InternationalDayPage in HomePage.allowed_subpage_models()
    assert CapitalIndexPage in HomePage.allowed_subpage_models()
    assert CapitalPage not in HomePage.allowed_subpage_models()
    assert InternationalDayPage not in StandardPage.allowed_subpage_models()
    assert StandardPage in StandardPage.allowed_subpage_models()


def test_second_archive_or_international_day_cannot_be_created(home_page):
    assert CapitalIndexPage.can_create_at(home_page)
    assert InternationalDayPage.can_create_at(home_page)
    make_capital_index(home_page)
    home_page.add_child(instance=InternationalDayPage(title="16 May", slug="international-day"))
    home_page = Page.objects.get(pk=home_page.pk).specific
    assert not CapitalIndexPage.can_create_at(home_page)
    assert not InternationalDayPage.can_create_at(home_page)
    assert StandardPage.can_create_at(home_page)


def test_clean_rejects_a_second_capital_for_the_same_year(home_page):
    index = make_capital_index(home_page)
    capital = make_capital(index, make_city(home_page), year=2030)
    other_city = make_city(home_page, title="Montréal", slug="montreal", country="CA")
    second = CapitalPage(title="Another", slug="another-2030", year=2030, city=other_city)
    with pytest.raises(ValidationError) as error:
        second.clean()
    assert "year" in error.value.message_dict
    # Another year is fine, and so is the Capital itself.
    CapitalPage(title="Next", slug="2031", year=2031, city=other_city).clean()
    capital.clean()


def test_clean_accepts_the_translation_of_the_capital(home_page, locales):
    index = make_capital_index(home_page)
    capital = make_capital(index, make_city(home_page), year=2030)
    french = translate(capital, locales["fr"], title="Capitale 2030")
    french.clean()
    assert french.year == 2030


def test_json_ld_is_a_schema_org_event_at_the_city(rf, home_page):
    index = make_capital_index(home_page)
    capital = make_capital(
        index, make_city(home_page), year=2030, introduction="Düsseldorf </script> & more"
    )
    text = capital.json_ld()
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2030-05-16"
    assert data["location"]["name"] == "Düsseldorf"
    assert data["location"]["address"]["addressCountry"] == "DE"
    assert data["location"]["geo"]["latitude"] == pytest.approx(51.2277)
    assert data["description"] == "Düsseldorf </script> & more"
    assert data["url"].endswith("/en/capitals/2030/")
