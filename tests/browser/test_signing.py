"""A mayor signs the declaration in French in a real browser, confirms by email, and is listed."""

import io
import re
import time

from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest
from PIL import Image

from summits.models import Signature, SignatureKind
from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import violations
from tests.cities.portal import member
from tests.summits.world import committed_declaration_world, forget_rate_limits, page_url

# The live server's thread sees only committed data.
pytestmark = pytest.mark.django_db(transaction=True)

MIN_FILL_SECONDS = 3


@pytest.fixture
def world(live_server):
    forget_rate_limits()
    yield committed_declaration_world()
    forget_rate_limits()


def test_a_mayor_signs_in_french_confirms_and_is_listed(world, live_server, page_for):
    page = page_for(locale="fr-FR", bypass_csp=True)
    page.goto(live_server.url + page_url(world, "fr"))
    opened = time.monotonic()
    assert page.locator("html").get_attribute("lang") == "fr"
    form = page.locator("form.signing__form")
    assert not violations(page), violations(page)

    form.get_by_label("I acknowledge [fr statement]").check()
    form.locator("#id_name").press_sequentially("Anne Mayor", delay=20)
    form.locator("#id_title").press_sequentially("Maire de Lyon", delay=20)
    form.locator("#id_city_name").press_sequentially("Lyon", delay=20)
    form.locator("#id_country").select_option("FR")
    form.locator("#id_email").press_sequentially("anne@lyon.test", delay=20)
    form.locator("#id_consent").check()
    screenshot(page, "signing-fr-form")
    # A person takes a few seconds; the form refuses anything faster.
    page.wait_for_timeout(max(0, (MIN_FILL_SECONDS + 0.3 - (time.monotonic() - opened)) * 1000))
    form.locator("button[type=submit]").click()
    # (The browser keeps the form's #sign on the redirect: harmless.)
    page.wait_for_url(re.compile(r".*/sign/thanks/(#sign)?$"))
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "fr"
    screenshot(page, "signing-fr-thanks")
    signature = Signature.objects.get(email="anne@lyon.test")
    assert signature.kind == "acknowledge" and signature.language == "fr"
    assert signature.confirmed_at is None

    [message] = mail.outbox
    link = re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith(page_url(world, "fr"))
    response = page.goto(live_server.url + path)
    assert response.status == 200
    screenshot(page, "signing-fr-confirmed")
    page.locator(".signing-status a").click()
    page.wait_for_url(re.compile(r".*/fr/.*declaration/(#signatories)?$"))
    signatories = page.locator("#signatories")
    assert signatories.get_by_text("Anne Mayor").count() == 1
    screenshot(page, "signing-fr-signatories")

    english = page_for(locale="en-GB")
    english.goto(live_server.url + page_url(world, "en"))
    assert english.locator("#signatories").get_by_text("Anne Mayor").count() == 1
    assert english.locator("#signatories-acknowledge").count() == 1


def test_errors_in_arabic_are_accessible_and_right_to_left(world, live_server, page_for):
    page = page_for(locale="ar", viewport={"width": 390, "height": 844}, bypass_csp=True)
    page.goto(live_server.url + page_url(world, "ar"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.wait_for_timeout((MIN_FILL_SECONDS + 0.3) * 1000)
    page.locator("form.signing__form button[type=submit]").click()
    page.wait_for_load_state()
    errors = page.locator(".form-errors")
    assert errors.count() == 1
    # The answer scrolls back to the form, its errors linked to their fields.
    assert page.evaluate("location.hash") == "#sign"
    assert errors.locator("a[href='#id_email']").count() == 1
    assert not violations(page), violations(page)
    screenshot(page, "signing-ar-errors-phone")
    assert not Signature.objects.exists()


def signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_a_city_commits_by_uploading_its_councils_decision(world, live_server, page_for):
    city = world["duesseldorf"]
    signature = Signature.objects.create(
        declaration_key=world["declaration"].translation_key,
        name="Stephan Keller",
        title="Oberbürgermeister",
        city=city,
        country="DE",
        kind=SignatureKind.ACKNOWLEDGE,
        source=Signature.Source.CITY,
        confirmed_at=timezone.now(),
    )
    page = page_for(locale="fr-FR", bypass_csp=True)
    signed_in(page, live_server, member(city, "staff@duesseldorf.test"))
    page.goto(live_server.url + page_url(world, "fr"))
    page.locator("#sign a.button").click()
    page.wait_for_url(re.compile(rf".*/fr/my-city/signatures/{signature.pk}/upgrade/$"))
    assert not violations(page), violations(page)

    picture = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(picture, format="PNG")
    page.locator("#id_decision").set_input_files(
        files=[
            {"name": "decision.pdf", "mimeType": "application/pdf", "buffer": picture.getvalue()}
        ]
    )
    page.locator("#id_decision_title").fill("Délibération du conseil du 12 mars 2024")
    page.locator("#id_confirm").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".form-errors").count() == 1
    assert page.locator("#id_decision_title").input_value().startswith("Délibération")
    assert not violations(page), violations(page)
    screenshot(page, "signing-fr-upgrade-error")

    page.locator("#id_decision").set_input_files(
        files=[
            {"name": "decision.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
        ]
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".messages").count() == 1
    screenshot(page, "signing-fr-upgrade-done")
    signature.refresh_from_db()
    assert signature.kind == SignatureKind.COMMIT and signature.council_decision is not None
