"""The summit's exhibition in a real browser: a resident reads it in German, comments, confirms
by email; a moderator approves in the admin; a city answers; the kiosk cycles; a poster prints
with a QR code that opens the panel's discussion."""

import io
import re
import time

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import translation

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from exhibitions.models import Contribution
from tests.browser.conftest import screenshot
from tests.cities.portal import PASSWORD
from tests.exhibitions.world import build_world, url_in
from tests.worlds import committed_world, on_home_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIN_FILL_SECONDS = 3
COMMENT = "Mehr sichere Radwege am Rhein, bitte!"
ANSWER = "Danke, wir nehmen das in den Mobilitätsplan mit."


@pytest.fixture
def world(live_server):
    return committed_world("exhibition", on_home_pages(build_world_with_editor))


def build_world_with_editor(home, locales):
    world = build_world(home, locales)
    get_user_model().objects.create_superuser("editor", "editor@observatory.test", PASSWORD)
    return world


def approve_in_admin(page, site, contribution):
    """The moderator's bulk action in the admin: the listing, then Approve, then confirm."""
    page.goto(site + "/admin/exhibitions/contributions/?status=pending")
    assert page.get_by_text(contribution.body[:40]).count() >= 1
    page.goto(site + f"/admin/bulk/exhibitions/contribution/approve/?id={contribution.pk}")
    page.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.APPROVED


def german(message):
    with translation.override("de"):
        return translation.gettext(message)


def wait_for_fill_time(page, opened):
    page.wait_for_timeout(max(0, (MIN_FILL_SECONDS + 0.3 - (time.monotonic() - opened)) * 1000))


def test_resident_comments_in_german_moderator_approves_city_answers(world, live_server, page_for):
    site = live_server.url
    resident = page_for(locale="de-DE")
    resident.goto(site + url_in(world, "exhibition", "de"))
    assert resident.locator("html").get_attribute("lang") == "de"
    assert resident.locator("h1").inner_text() == "Living together [de]"
    screenshot(resident, "exhibition-de")
    resident.get_by_role("link", name="Mobility [de]").click()
    resident.wait_for_url(site + url_in(world, "mobility", "de"))
    opened = time.monotonic()
    form = resident.locator("form.site-form", has=resident.locator("textarea[name=body]"))
    form.locator("textarea[name=body]").press_sequentially(COMMENT, delay=5)
    form.locator("input[name=name]").fill("Jana K.")
    form.locator("input[name=email]").fill("jana@resident.test")
    wait_for_fill_time(resident, opened)
    form.locator("button[type=submit]").click()
    resident.wait_for_url(re.compile(r".*/contribute/thanks/(#contribute-heading)?$"))
    assert resident.locator("h1").inner_text() == german("Check your email")
    contribution = Contribution.objects.get()
    assert contribution.language == "de" and contribution.status == "unconfirmed"

    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "de"
    confirm = re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)
    resident.goto(site + re.sub(r"^https?://[^/]+", "", confirm))
    assert resident.locator("h1").inner_text() == german("Your contribution is confirmed")
    resident.goto(site + url_in(world, "mobility", "de"))
    assert resident.get_by_text(COMMENT).count() == 0  # not before moderation

    moderator = page_for(locale="en-GB")
    moderator.goto(site + "/admin/login/")
    moderator.fill("input[name=username]", "editor")
    moderator.fill("input[name=password]", PASSWORD)
    moderator.locator("button[type=submit]").click()
    moderator.wait_for_url(site + "/admin/")
    approve_in_admin(moderator, site, contribution)

    resident.reload()
    comment = resident.locator(f"#contribution-{contribution.pk}")
    assert comment.get_by_text(COMMENT).count() == 1
    assert comment.locator("[lang=de]").count() == 1

    city = page_for(locale="de-DE")
    city.goto(site + "/de/accounts/login/?next=" + url_in(world, "mobility", "de"))
    city.fill("input[name=username]", "team@duesseldorf.test")
    city.fill("input[name=password]", PASSWORD)
    city.wait_for_timeout(1100)
    city.locator("main form.site-form button[type=submit]").click()
    city.wait_for_url(site + url_in(world, "mobility", "de"))
    answer_box = city.locator(f"#contribution-{contribution.pk} details.contribution__answer")
    answer_box.locator("summary").click()
    answer_box.locator("textarea[name=body]").fill(ANSWER)
    answer_box.locator("button[type=submit]").click()
    city.wait_for_url(re.compile(r".*/mobility/(#discussion)?$"))
    answer = Contribution.objects.get(kind=Contribution.Kind.ANSWER)
    assert answer.city_key == world["duesseldorf"].translation_key
    approve_in_admin(moderator, site, answer)
    resident.reload()
    shown = resident.locator(f"#contribution-{answer.pk}")
    assert shown.locator(".city-badge").count() == 1
    assert shown.get_by_text("Düsseldorf [de]").count() == 1
    assert shown.get_by_text(ANSWER).count() == 1
    screenshot(resident, "exhibition-panel-de-discussion")


def test_the_kiosk_cycles_through_the_panels(world, live_server, page_for):
    kiosk = page_for(locale="fr-FR", viewport={"width": 1920, "height": 1080})
    host = world["host"]
    kiosk.goto(live_server.url + url_in(world, "exhibition", "fr") + f"hosts/{host.pk}/kiosk/")
    root = kiosk.locator("[data-kiosk]")
    assert root.get_attribute("data-kiosk-current") == "1"
    panels = kiosk.locator("[data-kiosk-panel]")
    assert panels.nth(0).is_visible() and not panels.nth(1).is_visible()
    screenshot(kiosk, "exhibition-kiosk-fr")
    # One second a panel (the world's setting): the second panel comes by itself.
    # (A locator's wait: the site's CSP forbids the eval that wait_for_function needs.)
    expect(root).to_have_attribute("data-kiosk-current", "2", timeout=5000)
    assert panels.nth(1).is_visible() and not panels.nth(0).is_visible()
    assert "Montréal [fr]" in kiosk.locator(".kiosk__host").inner_text()


def test_a_poster_prints_with_a_qr_code_that_opens_the_discussion(world, live_server, page_for):
    site = live_server.url
    host = world["host"]
    poster = page_for(locale="fr-FR", viewport={"width": 1200, "height": 1700})
    panel_url = url_in(world, "mobility", "fr")
    poster.goto(site + panel_url + f"poster/?host={host.pk}")
    poster.emulate_media(media="print")
    assert not poster.locator(".poster-tools").is_visible()
    pdf = poster.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF")
    # The page is A3 (297 × 420 mm = 842 × 1191 points), from the print stylesheet's @page.
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf)
    assert box, pdf[:2000]
    width, height = float(box.group(1)), float(box.group(2))
    assert abs(width - 841.9) < 2 and abs(height - 1190.6) < 2, (width, height)
    path = screenshot(poster, "exhibition-poster-fr")
    # The QR code, read from what the browser drew, leads to the panel's discussion.
    qr = poster.locator(".poster__qr svg")
    image = Image.open(io.BytesIO(qr.screenshot()))
    (result,) = zxingcpp.read_barcodes(image)
    assert result.text == f"{site}{panel_url}?host={host.pk}#discussion"
    visitor = page_for(locale="fr-FR")
    visitor.goto(result.text)
    assert visitor.locator("h1").inner_text() == "Mobility [fr]"
    assert visitor.locator("#discussion").is_visible()
    assert visitor.locator(f"input[name=host][value='{host.pk}']").count() == 1
    assert path.exists()
