"""Flow 4 in a real browser: subscribe in German from the International Day page."""

import re

from django.core import mail

import pytest

from home.demo import publish_everywhere
from international_day.factories import InternationalDayPageFactory
from newsletters.models import Subscriber, SubscriberStatus
from tests.browser.conftest import screenshot

# The live server's thread sees only committed data.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def day_page(home_page, locales, live_server):
    page = InternationalDayPageFactory(parent=home_page)

    titles = {
        "fr": "Journée internationale du vivre ensemble en paix",
        "de": "Internationaler Tag des friedlichen Zusammenlebens",
    }

    def fill(copy, code):
        copy.title = titles.get(code, copy.title)

    publish_everywhere(page, locales, fill)
    return live_server


def test_a_visitor_subscribes_in_german_from_the_international_day_page(day_page, page_for):
    site = day_page.url
    page = page_for(locale="de-DE")
    page.goto(site + "/de/international-day/")
    form = page.locator("#reminders form")
    assert form.locator("select[name=language]").input_value() == "de"
    screenshot(page, "subscribe-international-day-de")
    form.locator("input[name=email]").fill("leserin@example.de")
    form.locator("input[name=name]").fill("Lea")
    form.locator("select[name=country]").select_option("DE")
    page.wait_for_timeout(3200)  # a person takes a moment; the form refuses bots that don't
    # Sent without the consent: the page comes back with the error, keeping what was typed.
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".form-errors").count() == 1
    assert page.locator("input[name=email]").input_value() == "leserin@example.de"
    screenshot(page, "subscribe-errors-de")
    page.locator("input[name=consent]").check()
    page.wait_for_timeout(3200)
    page.locator("form.subscribe__form button[type=submit]").click()
    page.wait_for_url(site + "/de/newsletters/subscribe/thanks/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").inner_text() not in ("", "Check your email")  # German text
    screenshot(page, "subscribe-thanks-de")

    reader = Subscriber.objects.get(email="leserin@example.de")
    assert reader.status == SubscriberStatus.PENDING and reader.language == "de"
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "de"
    link = re.search(r"http://\S+/de/newsletters/confirm/\S+/", message.body).group(0)
    page.goto(site + re.sub(r"^https?://[^/]+", "", link))
    assert page.locator("html").get_attribute("lang") == "de"
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.SUBSCRIBED
    screenshot(page, "subscribe-confirmed-de")
