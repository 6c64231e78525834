"""Every live page of the demo content, in every language, as a visitor gets it."""

import io
import re

from django.core.management import call_command
from django.db import transaction
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


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The whole demo content, loaded once for this module as `make run` loads it.

    It lives in a transaction around the module's tests (each test runs in a
    savepoint inside it, as pytest-django does) and is rolled back after them.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo_pages(demo_site, db):
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


def test_menus_and_footers_are_in_the_readers_language(client, demo_site, db):
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


def test_loading_twice_leaves_the_same_database(demo_site, db):
    before = Page.objects.count(), Translation.objects.count()
    load_demo()
    assert (Page.objects.count(), Translation.objects.count()) == before


def test_a_rerun_translates_what_an_older_demo_left_as_aliases(client, demo_site, db):
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
