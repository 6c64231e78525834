"""A visitor lands in their browser's language and switches language in a real browser."""

import pytest

from tests.browser.conftest import screenshot

# The live server's thread sees only committed data.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(home_page, live_server):
    return live_server


def test_visitor_lands_in_browser_language_and_switches_to_arabic(site, page_for):
    page = page_for(locale="fr-FR")
    page.goto(site.url + "/")
    assert page.url == site.url + "/fr/"
    html = page.locator("html")
    assert html.get_attribute("lang") == "fr"
    assert html.get_attribute("dir") == "ltr"
    assert page.get_by_role("link", name="Aller au contenu").count() == 1
    screenshot(page, "home-fr")

    page.get_by_role("navigation", name="Langues").get_by_role("link", name="العربية").click()
    page.wait_for_url(site.url + "/ar/")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    # Arabic follows English (a wagtail-localize alias) until translated; the site's
    # own words are Arabic.
    assert page.get_by_role("link", name="انتقل إلى المحتوى").count() == 1
    # In RTL the brand sits on the right of the header.
    brand = page.locator(".site-brand").bounding_box()
    assert brand["x"] > 1280 / 2
    screenshot(page, "home-ar")


def test_skip_link_moves_focus_to_main(site, page_for):
    page = page_for(locale="en-GB", viewport={"width": 390, "height": 844})
    page.goto(site.url + "/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    screenshot(page, "home-en-phone")
