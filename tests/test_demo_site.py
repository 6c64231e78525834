"""Every live page of the demo content, in every language, as a visitor gets it."""

import re

from django.core.management import call_command
from django.utils import translation
from django.utils.html import escape

from wagtail.models import Page

import pytest

LINK = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


@pytest.fixture
def demo_pages(db, django_capture_on_commit_callbacks):
    """The whole demo content, loaded as `make run` loads it (about 30 s)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return list(Page.objects.live().filter(depth__gt=1).select_related("locale"))


# One test, one load: the demo is large, and each part below needs all of it.
def test_demo_site(client, demo_pages):
    check_promised_content()
    check_every_page_in_every_language(client, demo_pages)
    check_loading_twice_leaves_the_same_database()


def check_promised_content():
    from capitals.models import CapitalPage
    from cities.models import CityPage, Theme
    from initiatives.models import InitiativePage
    from summits.models import DeclarationPage, SummitPage

    english = {"locale__language_code": "en"}
    assert Theme.objects.filter(**english).count() == 5
    assert SummitPage.objects.filter(**english).count() == 2
    assert (
        DeclarationPage.objects.filter(
            locale__language_code__in=["en", "fr", "de"], alias_of=None
        ).count()
        == 3
    )
    cities = CityPage.objects.filter(**english)
    assert cities.count() >= 20
    assert len(set(cities.values_list("continent", flat=True))) >= 5
    assert InitiativePage.objects.filter(**english).count() >= 40
    assert CapitalPage.objects.filter(**english).count() >= 3
    for code in ("es", "ar"):
        assert not Page.objects.filter(
            locale__language_code=code, depth__gt=2, alias_of=None
        ).exists()


def check_every_page_in_every_language(client, demo_pages):
    translations = {}
    for page in demo_pages:
        translations.setdefault(page.translation_key, set()).add(page.locale.language_code)
    assert {page.locale.language_code for page in demo_pages} == {"en", "fr", "de", "es", "ar"}
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
        if page.alias_of_id is None:
            assert escape(page.title) in html, url


def check_loading_twice_leaves_the_same_database():
    before = Page.objects.count()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Page.objects.count() == before
