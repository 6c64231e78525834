"""Every language has its URL prefix, its `lang` and `dir`, and links to the others."""

import re

from wagtail.models import Page

import pytest

LANGUAGES = {"en": "ltr", "fr": "ltr", "de": "ltr", "es": "ltr", "ar": "rtl"}


@pytest.mark.parametrize(("code", "direction"), LANGUAGES.items())
def test_each_language_home_has_lang_and_dir(client, home_page, code, direction):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in html
    translated = home_page.get_translation(
        home_page.locale.__class__.objects.get(language_code=code)
    )
    assert f"<h1>{translated.title}</h1>" in html


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("fr-CA,fr;q=0.9,en;q=0.5", "/fr/"), ("ar", "/ar/"), ("de-DE", "/de/"), ("ja", "/en/")],
)
def test_root_sends_visitor_to_browser_language(client, home_page, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_switcher_and_hreflang_link_every_translation(client, home_page):
    html = client.get("/de/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    for code in LANGUAGES:
        assert f'href="/{code}/" lang="{code}"' in switcher
        assert re.search(
            rf'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/">', html
        )
    assert 'href="/de/" lang="de" hreflang="de" dir="ltr" aria-current="true"' in switcher


def test_switcher_falls_back_to_locale_home_when_page_is_untranslated(client, home_page):
    from home.models import HomePage

    assert Page.objects.type(HomePage).count() == 5
    html = client.get("/fr/").content.decode()
    assert 'href="/ar/" lang="ar" hreflang="ar" dir="rtl"' in html


def test_site_strings_are_translated(client, home_page):
    html = client.get("/fr/").content.decode()
    assert "Aller au contenu" in html
    html = client.get("/ar/").content.decode()
    assert "انتقل إلى المحتوى" in html


def test_load_demo_is_idempotent(home_page, locales):
    from home.demo import ensure_home_pages

    again = ensure_home_pages(locales)
    assert again.pk == home_page.pk
    assert Page.objects.filter(depth=2).count() == 5


def test_an_untranslated_alias_says_so_and_marks_its_language(client, home_page):
    from home.demo import publish
    from home.models import StandardPage

    # Published in English, the page is at once an alias in every other language.
    page = StandardPage(title="Membership", slug="membership", live=False)
    publish(home_page.add_child(instance=page))
    arabic = client.get("/ar/membership/").content.decode()
    assert 'class="untranslated-notice" role="note"' in arabic
    assert '<div lang="en" dir="ltr">' in arabic
    for translated in ("/ar/", "/fr/"):
        assert "untranslated-notice" not in client.get(translated).content.decode()
