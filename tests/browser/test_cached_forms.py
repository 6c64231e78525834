"""Signing and subscribing from a page the page cache served, under the site's real CSP."""

import re

import pytest

from newsletters.models import Subscriber
from summits.models import Signature
from tests.browser.conftest import screenshot
from tests.summits.world import committed_declaration_world, forget_rate_limits, page_url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(live_server, settings):
    settings.OBSERVATORY_PAGE_CACHE_SECONDS = 600
    forget_rate_limits()
    yield committed_declaration_world()
    forget_rate_limits()


def warm(browser, address):
    """A first visitor: the page is rendered and kept."""
    context = browser.new_context()
    response = context.new_page().goto(address)
    assert response.headers.get("x-page-cache") in ("miss", "hit")
    context.close()


def cached(browser, address, javascript=True):
    """A new visitor (no cookies) on ``address``, served from the page cache."""
    context = browser.new_context(locale="en-GB", java_script_enabled=javascript)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    response = page.goto(address)
    assert response.headers.get("x-page-cache") == "hit", response.headers
    assert "set-cookie" not in response.headers
    # What the cache served holds no visitor's token: the script fetched one.
    assert 'name="csrfmiddlewaretoken" value=""' in response.text()
    return context, page, problems


def test_signing_and_subscribing_from_a_cached_page(world, live_server, browser):
    address = live_server.url + page_url(world, "en")
    warm(browser, address)
    context, page, problems = cached(browser, address)
    form = page.locator("form.signing__form")
    # The script fetched this visitor's token and clock as the page opened.
    page.wait_for_selector("form.signing__form[data-token-ready]", state="attached")
    form.locator("#id_name").press_sequentially("Jane Mayor", delay=20)
    assert form.locator("input[name=csrfmiddlewaretoken]").input_value() != ""
    form.locator("input[name=kind]").first.check()
    form.locator("#id_title").press_sequentially("Mayor", delay=20)
    form.locator("#id_city_name").press_sequentially("Lyon", delay=20)
    form.locator("#id_country").select_option("FR")
    form.locator("#id_email").press_sequentially("jane@lyon.test", delay=20)
    form.locator("#id_consent").check()
    page.wait_for_timeout(3300)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/sign/thanks/(#sign)?$"))
    screenshot(page, "cached-signing-thanks")
    assert Signature.objects.filter(email="jane@lyon.test").exists()
    assert not [p for p in problems if "Content Security Policy" in p], problems
    context.close()

    # A signature waiting for its confirmation changes no page: still kept.
    context, page, problems = cached(browser, address)
    footer = page.locator("form.subscribe__form")
    footer.locator("input[name=email]").fill("reader@example.org")
    footer.locator("input[name=consent]").check()
    page.wait_for_timeout(3300)
    footer.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/en/newsletters/subscribe/thanks/$"))
    assert Subscriber.objects.filter(email="reader@example.org").exists()
    assert not [p for p in problems if "Content Security Policy" in p], problems
    context.close()


def test_subscribing_from_a_cached_page_without_javascript(world, live_server, browser):
    address = live_server.url + page_url(world, "en")
    warm(browser, address)
    context, page, _problems = cached(browser, address, javascript=False)
    footer = page.locator("form.subscribe__form")
    footer.locator("input[name=email]").fill("nojs@example.org")
    footer.locator("input[name=consent]").check()
    page.wait_for_timeout(3300)
    footer.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/en/newsletters/subscribe/thanks/$"))
    assert Subscriber.objects.filter(email="nojs@example.org").exists()
    context.close()


def test_the_admin_login_page_works_under_the_sites_policy(live_server, browser, transactional_db):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("chief", "chief@example.org", "a-long-password")
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    response = page.goto(live_server.url + "/admin/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator("#id_username").fill("chief")
    page.locator("#id_password").fill("a-long-password")
    page.locator("button[type=submit]").click()
    page.wait_for_url(live_server.url + "/admin/")
    assert not [p for p in problems if "Content Security Policy" in p], problems
    context.close()
