"""The demo loader: five languages, real facts only, safe to run twice."""

from wagtail.models import Page

from capitals.demo import load_capitals
from capitals.models import CapitalIndexPage, CapitalPage, InternationalDayPage
from home.models import StandardPage

from .pages import make_city


def test_load_capitals_creates_translated_pages_and_is_idempotent(client, home_page, locales):
    assert load_capitals(home_page, locales, {}) is not None
    counts = {
        model: model.objects.count()
        for model in (CapitalIndexPage, InternationalDayPage, StandardPage, CapitalPage)
    }
    assert counts == {CapitalIndexPage: 5, InternationalDayPage: 5, StandardPage: 5, CapitalPage: 0}
    total = Page.objects.count()
    assert load_capitals(home_page, locales, {}) is None
    assert Page.objects.count() == total

    html = client.get("/fr/international-day/").content.decode()
    assert "Journée internationale du vivre-ensemble en paix" in html
    assert "72/130" in html
    html = client.get("/ar/about/").content.decode()
    assert "مونتريال" in html
    html = client.get("/de/capitals/").content.decode()
    assert "Hauptstädte des Zusammenlebens" in html
    for code in locales:
        assert client.get(f"/{code}/").status_code == 200


def test_demo_capital_only_on_request_and_labelled(client, home_page, locales):
    city = make_city(home_page)
    load_capitals(home_page, locales, {"duesseldorf": city}, demo_capital=True)
    capitals = CapitalPage.objects.all()
    assert capitals.count() == 5
    assert all(capital.city_id == city.id for capital in capitals)
    english = capitals.get(locale=locales["en"])
    assert english.introduction.startswith("Demo:")
    assert english.title.startswith("Demo Capital")


def test_missing_city_means_no_capital(home_page, locales):
    load_capitals(home_page, locales, {"montreal": None}, demo_capital=True)
    assert not CapitalPage.objects.exists()
