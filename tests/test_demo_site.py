"""Every live page of the demo content, in every language, as a visitor gets it."""

import io
import re

from django.core.management import call_command
from django.test import TestCase
from django.utils import translation
from django.utils.html import escape

from wagtail.models import Page
from wagtail_localize.models import Translation

import pytest

LINK = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
OTHER_LANGUAGES = ("fr", "de", "es", "ar")


def load_demo():
    # wagtail-localize publishes some work when the transaction commits: run it now.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def demo_pages(demo_db):
    return list(Page.objects.live().filter(depth__gt=1).select_related("locale"))


def test_promised_content(demo_pages):
    from capitals.models import CapitalPage
    from cities.models import CityPage, Theme
    from initiatives.models import InitiativePage
    from newsletters.models import ReminderMessage
    from summits.models import DeclarationPage, SummitPage

    english = {"locale__language_code": "en"}
    assert Theme.objects.filter(**english).count() == 5
    assert SummitPage.objects.filter(**english).count() == 2
    assert DeclarationPage.objects.filter(alias_of=None).count() == 5
    cities = CityPage.objects.filter(**english)
    assert cities.count() >= 20
    assert len(set(cities.values_list("continent", flat=True))) >= 5
    assert InitiativePage.objects.filter(**english).count() >= 40
    assert CapitalPage.objects.filter(**english).count() >= 3
    for model in (Theme, ReminderMessage):
        for code in OTHER_LANGUAGES:
            assert model.objects.filter(locale__language_code=code).count() == (
                model.objects.filter(**english).count()
            )


def test_every_english_page_has_a_live_spanish_and_arabic_translation(demo_pages):
    """No alias is left: each language has a live wagtail-localize translation of each page."""
    english = [page for page in demo_pages if page.locale.language_code == "en"]
    assert len(english) > 80
    for page in english:
        for code in OTHER_LANGUAGES:
            local = Page.objects.get(
                translation_key=page.translation_key, locale__language_code=code
            )
            assert local.live and local.alias_of_id is None, (page.url_path, code)
            assert Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=local.locale
            ).exists(), (page.url_path, code)
    assert not Page.objects.filter(alias_of__isnull=False).exists()


def test_every_page_in_every_language(client, demo_pages):
    translations = {}
    for page in demo_pages:
        translations.setdefault(page.translation_key, set()).add(page.locale.language_code)
    assert {page.locale.language_code for page in demo_pages} == {"en", *OTHER_LANGUAGES}
    for page in demo_pages:
        code = page.locale.language_code
        url = page.get_url()
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in html, url
        alternates = dict(LINK.findall(html))
        assert set(alternates) - {"x-default"} == translations[page.translation_key], url
        assert alternates["x-default"].endswith(f"/en{url[3:]}") or "en" not in alternates, url
        with translation.override(code):
            assert escape(translation.gettext("Skip to content")) in html, url
        assert escape(page.title) in html, url
        assert "untranslated-notice" not in html, url


def test_menus_and_footers_are_in_the_readers_language(client, demo_db):
    menus = {
        "es": ("Cumbres", "Ciudades miembro", "Iniciativas", "Sobre el Observatorio"),
        "ar": ("القمم", "المدن الأعضاء", "المبادرات", "عن المرصد"),
    }
    for code, titles in menus.items():
        html = client.get(f"/{code}/").content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        for title in titles:
            assert f">{title}</a>" in html[: html.index("<main")], (code, title)
            assert f">{title}</a>" in footer, (code, title)
        assert ">Member cities</a>" not in html and ">About the Observatory</a>" not in html


def test_loading_twice_leaves_the_same_database(demo_db):
    before = Page.objects.count(), Translation.objects.count()
    load_demo()
    assert (Page.objects.count(), Translation.objects.count()) == before


def test_a_rerun_translates_what_an_older_demo_left_as_aliases(client, demo_db):
    """An older demo had Spanish and Arabic aliases and no note on the Declaration's texts."""
    from cities.models import CityPage
    from home.locale_sync import synchronize_locale_trees
    from international_day.models import InternationalDayPage
    from summits.models import DeclarationPage

    pages = Page.objects.count()
    older = [
        InternationalDayPage.objects.get(locale__language_code="en"),
        CityPage.objects.get(locale__language_code="en", slug="montreal"),
        DeclarationPage.objects.get(locale__language_code="en"),
    ]
    for page in older:
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code__in=["es", "ar"]
        ).delete()
    DeclarationPage.objects.update(language_note="")
    synchronize_locale_trees()
    aliases = Page.objects.filter(alias_of__isnull=False)
    # The city's initiatives went with it: they are aliases again too.
    assert aliases.count() == 2 * (len(older) + 3)
    assert Page.objects.count() == pages

    load_demo()

    assert not Page.objects.filter(alias_of__isnull=False).exists()
    assert Page.objects.count() == pages
    html = client.get("/es/cities/montreal/").content.decode()
    assert "Montreal es una ciudad miembro del Observatorio" in html
    html = client.get("/ar/international-day/").content.decode()
    assert "اليوم الدولي للعيش معًا في سلام" in html
    for code, words in {
        "en": "The English and French texts",
        "fr": "Les textes anglais et français",
        "de": "Arbeitsübersetzung der Beobachtungsstelle",
        "es": "Traducción de trabajo del Observatorio",
        "ar": "ترجمة عمل أعدّها المرصد",
    }.items():
        html = client.get(f"/{code}/summits/duesseldorf-2019/declaration/").content.decode()
        assert f'<p class="declaration__language-note" role="note">{words}' in html, code


# One page of each page type that carries an image, and the picture it shows it as.
IMAGE_PAGES = {
    "summits.SummitPage": ("/{lang}/summits/montreal-2015/", "hero"),
    "cities.CityPage": ("/{lang}/cities/montreal/", "figure"),
    "initiatives.InitiativePage": (
        "/{lang}/cities/montreal/neighbourhood-dialogue-tables/",
        "content",
    ),
    "capitals.CapitalPage": ("/{lang}/capitals/2022/", "hero"),
    "international_day.InternationalDayPage": ("/{lang}/international-day/", "hero"),
    "newsletters.NewsletterPage": ("/{lang}/newsletters/towards-16-may/", "hero"),
}


def _alt_of(page):
    from initiatives.models import InitiativePage

    if isinstance(page, InitiativePage):
        return page.card_image["alt_text"]
    return page.image_alt


def test_every_page_type_has_an_image_described_in_every_language(demo_db):
    from django.apps import apps

    from summits.models import SummitVenue

    for label in IMAGE_PAGES:
        model = apps.get_model(label)
        alts = {}
        for page in model.objects.live().select_related("locale"):
            has_image = page.card_image if label.endswith("InitiativePage") else page.image_id
            assert has_image, (label, page.url_path, page.locale.language_code)
            alt = _alt_of(page)
            assert alt, (label, page.url_path)
            alts.setdefault(page.translation_key, {})[page.locale.language_code] = alt
        for texts in alts.values():
            assert set(texts) == {"en", *OTHER_LANGUAGES}, label
            # Each language describes the picture in its own words.
            assert len(set(texts.values())) == 5, texts
    assert SummitVenue.objects.filter(image__isnull=False).count() >= 6


def test_renditions_are_made_when_the_demo_loads_not_on_a_first_visit(client, demo_db):
    from wagtail.images import get_image_model

    rendition_model = get_image_model().get_rendition_model()
    before = rendition_model.objects.count()
    assert before > 0
    for url, _picture in IMAGE_PAGES.values():
        for code in ("en", "ar"):
            assert client.get(url.format(lang=code)).status_code == 200
    for url in ("/en/", "/en/cities/", "/en/initiatives/", "/en/capitals/", "/en/summits/"):
        assert client.get(url).status_code == 200
    assert rendition_model.objects.count() == before


def test_each_page_type_shows_its_image_as_webp_with_alt_in_every_language(client, demo_db):
    from django.apps import apps

    from core.images import PICTURES

    for label, (url, picture) in IMAGE_PAGES.items():
        model = apps.get_model(label)
        for code in ("en", *OTHER_LANGUAGES):
            html = client.get(url.format(lang=code)).content.decode()
            page = model.objects.get(
                url_path__endswith=url.format(lang="x")[2:], locale__language_code=code
            )
            pictures = re.findall(r"<picture>.*?</picture>", html, re.S)
            sizes = PICTURES[picture][1]
            [main] = [p for p in pictures if f'sizes="{sizes}"' in p][:1]
            source = re.search(r'<source [^>]*type="image/webp"[^>]*>', main).group(0)
            assert ".webp 480w" in source and "sizes=" in source, (label, code)
            assert re.search(r'<img [^>]*\bwidth="\d+"', main), (label, code)
            assert re.search(r'<img [^>]*\bheight="\d+"', main), (label, code)
            assert f'alt="{escape(_alt_of(page))}"' in main, (label, code)


def test_home_news_holds_newsletters_and_never_the_about_page(client, demo_db):
    html = client.get("/en/").content.decode()
    news = re.search(r'aria-labelledby="news-heading".*?</section>', html, re.S).group(0)
    assert "/en/newsletters/towards-16-may/" in news
    assert "/en/about/" not in news and "About the Observatory" not in news
    initiatives = re.search(r'aria-labelledby="initiatives-heading".*?</section>', html, re.S)
    assert "<picture>" in initiatives.group(0)


def test_every_live_page_has_its_publication_date_and_the_news_show_it(client, demo_db):
    assert not Page.objects.live().filter(depth__gt=1, first_published_at__isnull=True).exists()
    for code in ("en", "ar"):
        html = client.get(f"/{code}/").content.decode()
        news = re.search(r'aria-labelledby="news-heading".*?</section>', html, re.S).group(0)
        assert '<p class="card__meta"><time datetime="' in news, code


def test_the_montreal_summit_has_its_programme_and_calendar(client, demo_db):
    from django.urls import reverse

    for code in ("en", "fr", "ar"):
        html = client.get(f"/{code}/summits/montreal-2015/").content.decode()
        assert 'id="programme-heading"' in html, code
        with translation.override(code):
            url = reverse("summit_programme_ics", kwargs={"summit": "montreal-2015"})
        calendar = client.get(url).content.decode()
        assert calendar.count("BEGIN:VEVENT") == 6, code
        assert "DTSTART" in calendar and "2015061" in calendar


def test_capitals_show_a_programme_an_image_and_their_citys_event(client, demo_db):
    for code in ("en", "es", "ar"):
        html = client.get(f"/{code}/capitals/2022/").content.decode()
        assert 'id="programme-heading"' in html, code
        assert "<picture>" in html and "image/webp" in html, code
        assert "Capital of Living Together: the 16 May celebration" in html, code
