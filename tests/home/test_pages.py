"""The home page and standard pages: countdown, current Capital, latest initiatives, news."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from home.factories import StandardPageFactory
from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory
from tests.capitals.pages import (
    make_capital,
    make_capital_index,
    make_city,
    make_initiative,
    make_international_day,
    publish,
    translate,
)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_home_page_renders_with_countdown(client, home_page, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-countdown" in html
    assert re.search(r'data-target="\d{4}-05-16"', html)
    assert "js/countdown.js" in html
    assert "css/home.css" in html


def test_home_page_countdown_in_french(client, home_page):
    html = client.get("/fr/").content.decode()
    assert "mai" in html
    assert "Encore" in html or "aujourd" in html


@pytest.mark.parametrize("language", ["en", "ar"])
def test_standard_page_renders(client, home_page, locales, language):
    page = publish(
        StandardPageFactory(
            parent=home_page,
            title="About",
            slug="about",
            introduction="Who we are.",
            body=[("heading", {"text": "Five themes", "level": "h2"})],
        )
    )
    translate(page, locales["ar"], title="عن المرصد")
    html = client.get(f"/{language}/about/").content.decode()
    assert "Five themes" in html
    assert "Who we are." in html


def test_home_shows_current_capital_and_latest_initiatives(client, home_page, locales):
    city = make_city(home_page)
    capital = make_capital(make_capital_index(home_page), city)
    initiatives = [make_initiative(city, title=f"Initiative {n}") for n in range(4)]
    make_international_day(home_page)
    html = client.get("/en/").content.decode()
    assert f'href="/en/capitals/{capital.year}/">Düsseldorf</a>' in html
    assert f"Capital of Living Together {capital.year}" in html
    # The latest three, newest first, with their city.
    shown = re.findall(r'href="/en/cities/duesseldorf/initiative-\d+/">([^<]+)</a>', html)
    assert shown == [initiatives[3].title, initiatives[2].title, initiatives[1].title]
    assert html.count("<span>Düsseldorf</span>") == 3
    assert 'href="/en/international-day/"' in html


def test_home_shows_only_its_own_language(client, home_page, locales):
    city = make_city(home_page)
    initiative = make_initiative(city, title="Not translated yet")
    french_city = translate(city, locales["fr"], title="Düsseldorf (fr)")
    html = client.get("/fr/").content.decode()
    # Published in English, the initiative is at once in French too, as an alias:
    # listed at its French address, never as a link into the English site.
    assert f'href="/fr/cities/duesseldorf/{initiative.slug}/">Not translated yet</a>' in html
    assert 'href="/en/cities/' not in html
    translate(initiative, locales["fr"], title="En français")
    assert french_city.id != city.id
    html = client.get("/fr/").content.decode()
    assert "En français" in html
    assert "Not translated yet" not in html
    assert "Düsseldorf (fr)" in html


def news_section(html):
    match = re.search(r'<section[^>]*aria-labelledby="news-heading".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_latest_news_are_newsletters_not_standard_pages(client, home_page):
    publish(StandardPageFactory(parent=home_page, title="About the Observatory", slug="about"))
    assert "Latest news" not in client.get("/en/").content.decode()
    index = NewsletterIndexPageFactory(parent=home_page)
    NewsletterPageFactory(parent=index, title="Towards 16 May", slug="towards-16-may")
    news = news_section(client.get("/en/").content.decode())
    assert "Latest news" in news
    assert 'href="/en/newsletters/towards-16-may/">Towards 16 May</a>' in news
    assert "About the Observatory" not in news


def test_home_query_count_does_not_grow_with_content(client, home_page):
    city = make_city(home_page)
    make_capital(make_capital_index(home_page), city)
    make_initiative(city)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/").status_code == 200
        return len(queries)

    client.get("/en/")
    few = count()
    other = make_city(home_page, title="Montréal", slug="montreal", country="CA")
    for _ in range(5):
        make_initiative(city)
        make_initiative(other)
        publish(StandardPageFactory(parent=home_page))
    client.get("/en/")  # the site frame is built again once after pages change
    assert count() == few
