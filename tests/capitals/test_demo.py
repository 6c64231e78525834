"""The demo loader: real facts, translated into every language, safe to run twice."""

from wagtail.models import Page

import pytest

from capitals.demo import DEMO_CAPITAL_YEARS, load_capitals
from capitals.models import CapitalIndexPage, CapitalPage
from home.models import StandardPage
from international_day.demo import load_international_day_page
from international_day.models import InternationalDayPage

from .pages import make_city


@pytest.fixture
def load(django_capture_on_commit_callbacks):
    """wagtail-localize publishes translations on commit: run those callbacks."""

    def run(home, locales, cities, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            index = load_capitals(home, locales, cities, **kwargs)
            # The International Day page is its own app's demo, loaded beside the Capitals.
            load_international_day_page(home, locales)
            return index

    return run


def test_load_capitals_creates_translated_pages_and_is_idempotent(client, home_page, locales, load):
    assert load(home_page, locales, {}) is not None
    counts = {
        model: model.objects.count()
        for model in (CapitalIndexPage, InternationalDayPage, StandardPage, CapitalPage)
    }
    assert counts == {CapitalIndexPage: 5, InternationalDayPage: 5, StandardPage: 5, CapitalPage: 0}
    total = Page.objects.count()
    assert load(home_page, locales, {}) == CapitalIndexPage.objects.get(locale=locales["en"])
    assert Page.objects.count() == total

    html = client.get("/fr/international-day/").content.decode()
    assert "Journée internationale du vivre-ensemble en paix" in html
    assert "72/130" in html
    html = client.get("/de/capitals/").content.decode()
    assert "Hauptstädte des Zusammenlebens" in html
    # Spanish and Arabic are wagtail-localize translations too, not aliases.
    spanish = InternationalDayPage.objects.get(locale=locales["es"])
    assert spanish.alias_of_id is None
    html = client.get("/es/international-day/").content.decode()
    assert "Día Internacional de la Convivencia en Paz" in html
    assert "Cómo participan las ciudades" in html
    html = client.get("/ar/about/").content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert "عن المرصد" in html
    assert "About the Observatory" not in html
    for code in locales:
        assert client.get(f"/{code}/").status_code == 200


def test_french_translation_is_wagtail_localize_and_goes_out_of_date(home_page, locales, load):
    from wagtail_localize.models import Translation

    load(home_page, locales, {})
    english = InternationalDayPage.objects.get(locale=locales["en"])
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=locales["fr"]
    )
    assert translation.get_progress() == (
        translation.source.stringsegment_set.count(),
        translation.source.stringsegment_set.count(),
    )
    english.introduction = "A new English introduction."
    english.save_revision().publish()
    # The source changed: wagtail-localize shows the French page as needing a sync.
    assert translation.source.get_source_instance_edit_url()
    assert english.get_latest_revision().created_at > translation.source.last_updated_at


def test_demo_capitals_are_labelled_in_every_language(client, home_page, locales, load):
    city = make_city(home_page)
    load(home_page, locales, dict.fromkeys(DEMO_CAPITAL_YEARS.values(), city))
    capitals = CapitalPage.objects.all()
    assert capitals.count() == 5 * len(DEMO_CAPITAL_YEARS)
    assert all(capital.city_id == city.id for capital in capitals)
    labels = {"Demo", "Démonstration", "Demostración", "تجريبي"}
    for capital in capitals:
        assert capital.alias_of_id is None
        assert capital.introduction.split(":")[0].strip() in labels
    html = client.get("/en/capitals/").content.decode()
    for year in DEMO_CAPITAL_YEARS:
        assert f"/en/capitals/{year}/" in html


def test_missing_city_means_no_capital(home_page, locales, load):
    load(home_page, locales, {"montreal": None})
    assert not CapitalPage.objects.exists()
