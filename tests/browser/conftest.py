"""Playwright driving Debian's Chromium against the live test server."""

import os
from pathlib import Path

import pytest

from tests.conftest import missing_service

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# One page of every page type and of the site's own views, in the demo content.
DEMO_PAGES = {
    "HomePage": "/{lang}/",
    "StandardPage": "/{lang}/about/",
    "SummitIndexPage": "/{lang}/summits/",
    "SummitPage": "/{lang}/summits/duesseldorf-2019/",
    "DeclarationPage": "/{lang}/summits/duesseldorf-2019/declaration/",
    "ExhibitionPage": "/{lang}/summits/duesseldorf-2019/exhibition/",
    "PanelPage": "/{lang}/summits/duesseldorf-2019/exhibition/inclusive-urbanism/",
    "CityIndexPage": "/{lang}/cities/",
    "CityPage": "/{lang}/cities/duesseldorf/",
    "InitiativeIndexPage": "/{lang}/initiatives/",
    "InitiativePage": "/{lang}/cities/duesseldorf/open-data-for-cohesion/",
    "CapitalIndexPage": "/{lang}/capitals/",
    "CapitalPage": "/{lang}/capitals/2025/",
    "InternationalDayPage": "/{lang}/international-day/",
    "NewsletterIndexPage": "/{lang}/newsletters/",
    "NewsletterPage": "/{lang}/newsletters/towards-16-may/",
    "search": "/{lang}/search/?query=city",
    "open data": "/{lang}/open-data/",
    "404": "/{lang}/no-such-page/",
    "sign-in": "/{lang}/accounts/login/",
}
LANGUAGES = ["en", "fr", "de", "es", "ar"]


@pytest.fixture
def demo_content(demo_db):
    """The demo content, committed for the live server to see: copied from its template,
    loaded once for the run (tests/databases.py)."""


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing_service(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' own ORM
    # calls stay synchronous, so Django's guard is lifted while the browser runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page_for(browser):
    """A new browser page with the given Accept-Language."""
    contexts = []

    def open_page(locale="en-GB", viewport=None, bypass_csp=False):
        context = browser.new_context(
            locale=locale,
            viewport=viewport or {"width": 1280, "height": 900},
            bypass_csp=bypass_csp,
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
