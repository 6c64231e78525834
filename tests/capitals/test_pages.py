"""Capitals pages render in English and Arabic, the archive's queries stay flat."""

import datetime
import json
import re

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from core.dates import international_day_countdown

from .pages import (
    make_capital,
    make_capital_index,
    make_city,
    make_international_day,
    translate,
)


@pytest.fixture
def capitals_site(home_page, locales):
    """The archive, one Capital and the International Day page, in English and Arabic."""
    city = make_city(home_page)
    translate(city, locales["ar"], title="دوسلدورف")
    index = make_capital_index(home_page)
    capital = make_capital(index, city)
    day = make_international_day(home_page)
    for page in (index, capital, day):
        translate(page, locales["ar"], title=f"{page.title} (ar)")
    return index, capital, day


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_capitals_page_renders(client, capitals_site, language):
    index, capital, day = capitals_site
    for page in capitals_site:
        url = f"/{language}{page.url[3:]}"
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()


def test_archive_lists_capitals_with_the_city_in_the_active_language(client, capitals_site):
    index, capital, _ = capitals_site
    html = client.get("/en/capitals/").content.decode()
    assert str(capital.year) in html
    assert "Düsseldorf" in html
    assert "Germany" in html
    html = client.get("/ar/capitals/").content.decode()
    assert "دوسلدورف" in html
    assert "ألمانيا" in html


def test_capital_page_json_ld_parses(client, capitals_site):
    _, capital, _ = capitals_site
    html = client.get(f"/en/capitals/{capital.year}/").content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    events = [json.loads(script) for script in scripts if '"Event"' in script]
    assert len(events) == 1
    assert events[0]["location"]["name"] == "Düsseldorf"
    assert events[0]["startDate"] == f"{capital.year}-05-16"
    html = client.get(f"/ar/capitals/{capital.year}/").content.decode()
    assert "دوسلدورف" in html


def test_international_day_page_shows_resolution_capital_and_countdown(client, capitals_site):
    _, capital, _ = capitals_site
    html = client.get("/en/international-day/").content.decode()
    assert "72/130" in html
    assert "8 December 2017" in html
    assert f"/en/capitals/{capital.year}/" in html
    assert "data-countdown" in html
    assert "js/countdown.js" in html
    assert "<script>" not in html  # no inline scripts: the CSP forbids them


def test_archive_query_count_does_not_grow(client, home_page):
    index = make_capital_index(home_page)
    city = make_city(home_page)
    make_capital(index, city, year=2020)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/capitals/").status_code == 200
        return len(queries)

    client.get("/en/capitals/")  # warm caches (site root, locales)
    few = count()
    for year, slug in ((2021, "a"), (2022, "b"), (2023, "c")):
        other = make_city(home_page, title=f"City {slug}", slug=f"city-{slug}")
        make_capital(index, other, year=year)
    client.get("/en/capitals/")  # the site frame is built again once after pages change
    assert count() == few


def render_countdown(language, today):
    with translation.override(language):
        return render_to_string(
            "components/countdown.html", {"countdown": international_day_countdown(today)}
        )


def days_text(html):
    return re.search(r"data-countdown-days>(.*?)</p>", html, re.S).group(1).strip()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 5, 15), "Encore 1 jour"),
        (datetime.date(2026, 5, 14), "Encore 2 jours"),
        (datetime.date(2026, 1, 1), "Encore 135 jours"),
    ],
)
def test_countdown_in_french(today, expected):
    html = render_countdown("fr", today)
    assert days_text(html) == expected
    assert "16 mai 2026" in html
    assert 'data-target="2026-05-16"' in html


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 5, 15), "بقي يوم واحد"),
        (datetime.date(2026, 5, 14), "بقي يومان"),
        (datetime.date(2026, 5, 11), "بقيت 5 أيام"),
        (datetime.date(2026, 4, 16), "بقي 30 يومًا"),
        (datetime.date(2026, 1, 1), "بقي 135 يومًا"),
        (datetime.date(2025, 5, 17), "بقي 364 يومًا"),
        (datetime.date(2026, 2, 5), "بقي 100 يوم"),
    ],
)
def test_countdown_in_arabic(today, expected):
    html = render_countdown("ar", today)
    assert days_text(html) == expected
    assert "مايو" in html


def test_countdown_in_english_and_on_the_day():
    assert days_text(render_countdown("en", datetime.date(2026, 5, 15))) == "1 day to go"
    assert days_text(render_countdown("en", datetime.date(2026, 5, 6))) == "10 days to go"
    html = render_countdown("en", datetime.date(2026, 5, 16))
    assert "data-countdown-days" not in html
    today = re.search(r"<p class=\"countdown__today\" data-countdown-today>(.*?)</p>", html)
    assert today.group(1) == "Today is the International Day of Living Together in Peace!"
    html = render_countdown("fr", datetime.date(2026, 5, 16))
    assert "C&#x27;est aujourd&#x27;hui" in html or "C'est aujourd'hui" in html
