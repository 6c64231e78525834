"""The header search suggests pages as one types, by keyboard, in the page's language."""

import pytest

from home.factories import StandardPageFactory
from tests.browser.conftest import screenshot

# The live server's thread sees only committed data.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(home_page, locales, live_server):
    StandardPageFactory(parent=home_page, title="Living together in Düsseldorf", slug="living")
    french_home = home_page.get_translation(locales["fr"])
    StandardPageFactory(parent=french_home, title="Vivre ensemble à Düsseldorf", slug="vivre")
    return live_server


def test_suggestions_by_keyboard_lead_to_the_page(site, page_for):
    page = page_for(locale="fr-FR")
    page.goto(site.url + "/fr/")
    search = page.locator("#header-search")  # the footer's language select is a combobox too
    search.press_sequentially("Düssel", delay=60)
    options = page.get_by_role("option")
    options.first.wait_for()
    titles = options.all_inner_texts()
    # The visitor's language only: the English page is not suggested on /fr/.
    assert any("Vivre ensemble à Düsseldorf" in title for title in titles)
    assert not any("Living together" in title for title in titles)
    assert search.get_attribute("aria-expanded") == "true"
    screenshot(page, "search-autocomplete-fr")
    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    search.press("Enter")
    page.wait_for_url(site.url + "/fr/vivre/")
    assert page.locator("h1").inner_text() == "Vivre ensemble à Düsseldorf"


def test_escape_closes_and_enter_without_choice_searches(site, page_for):
    page = page_for(locale="en-GB")
    page.goto(site.url + "/en/")
    search = page.locator("#header-search")  # the footer's language select is a combobox too
    search.press_sequentially("Living", delay=60)
    page.get_by_role("option").first.wait_for()
    search.press("Escape")
    assert search.get_attribute("aria-expanded") == "false"
    search.press("Enter")
    page.wait_for_url(lambda url: "/en/search/" in url and "query=Living" in url)
    assert "Living together in Düsseldorf" in page.locator("main").inner_text()
