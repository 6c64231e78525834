"""Chromium: a city registers a 16 May event in Spanish, an editor approves, it is on the map."""

import io

from django.core import mail
from django.test import override_settings

from wagtail.models import Page

import pytest
from PIL import Image as PILImage

from core.dates import campaign_year
from home.demo import publish_everywhere
from international_day.models import CityEvent, InternationalDayPage
from tests.browser.conftest import screenshot
from tests.cities.portal import (
    PASSWORD,
    city_directory_everywhere,
    city_everywhere,
    member,
    moderator,
)

# The live server's thread sees only committed data.
pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Fiesta de la convivencia en el Burgplatz"
YEAR = campaign_year()


@pytest.fixture
def site(home_page, locales, live_server):
    index = city_directory_everywhere(home_page, locales)
    duesseldorf = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
    day = InternationalDayPage(
        title="International Day of Living Together in Peace",
        slug="international-day",
        introduction="Every 16 May, cities celebrate living together in peace.",
    )
    home_page.add_child(instance=day)
    publish_everywhere(Page.objects.get(pk=day.pk).specific, locales, lambda copy, code: None)
    editor = moderator(email="editor@observatory.test", language="en")
    editor.set_password(PASSWORD)
    editor.save()
    member(duesseldorf, "equipo@duesseldorf.test", language="es")
    return live_server


def no_tiles(page):
    """No network in tests: tile requests fail fast instead of waiting."""
    page.route("**/*tile*/**", lambda route: route.abort())


def poster_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (480, 300), (217, 130, 43)).save(buffer, "PNG")
    return {"name": "fiesta.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


@override_settings(OBSERVATORY_MAP_TILE_URL="https://tile.invalid/{z}/{x}/{y}.png")
def test_city_registers_in_spanish_editor_approves_it_shows_on_the_map(site, page_for):
    url = site.url
    page = page_for(locale="es-ES")
    no_tiles(page)
    page.goto(url + "/es/my-city/")
    assert "/es/accounts/login/" in page.url
    page.fill("input[name=username]", "equipo@duesseldorf.test")
    page.fill("input[name=password]", PASSWORD)
    page.wait_for_timeout(1100)  # the login form refuses bots that answer at once
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_url(url + "/es/my-city/")

    link = page.locator("a[href='/es/my-city/events/new/']")
    if link.count():  # once My city includes components/my_city_events.html
        link.first.click()
    else:
        page.goto(url + "/es/my-city/events/new/")
    page.wait_for_url(url + "/es/my-city/events/new/")
    assert page.locator("input[name=starts_at]").get_attribute("type") == "datetime-local"

    # The place picker: a click on the map fills in the coordinates.
    picker = page.locator("#event-place-map")
    picker.wait_for(state="visible")
    page.fill("input[name=latitude]", "")
    page.fill("input[name=longitude]", "")
    picker.click(position={"x": 200, "y": 120})
    assert page.input_value("input[name=latitude]") != ""
    assert page.input_value("input[name=longitude]") != ""
    # Then the exact place, typed.
    page.fill("input[name=latitude]", "51.227700")
    page.fill("input[name=longitude]", "6.773500")

    page.fill("input[name=title]", TITLE)
    page.fill("input[name=starts_at]", f"{YEAR}-05-16T18:00")
    page.fill("input[name=ends_at]", f"{YEAR}-05-16T22:00")
    page.select_option("select[name=time_zone]", "Europe/Berlin")
    page.fill("input[name=place]", "Burgplatz, Altstadt")
    page.fill("textarea[name=description]", "Música, comida y juegos de todos los barrios.")
    page.fill("input[name=link]", "https://duesseldorf.example/fiesta")
    page.set_input_files("input[name=image]", files=[poster_png()])
    page.fill("input[name=image_alt]", "La plaza llena de vecinos")
    screenshot(page, "city-event-form-es")
    page.locator("button[name=submit]").click()
    page.wait_for_url(url + "/es/my-city/")
    screenshot(page, "city-event-submitted-es")

    event = CityEvent.objects.get(title=TITLE)
    assert event.status == CityEvent.Status.SUBMITTED and event.language == "es"
    assert [m.to for m in mail.outbox] == [["editor@observatory.test"]]

    # The editor approves in the admin.
    admin = page_for(locale="en-GB")
    admin.goto(url + "/admin/login/")
    admin.fill("input[name=username]", "editor@observatory.test")
    admin.fill("input[name=password]", PASSWORD)
    admin.locator("button[type=submit]").click()
    admin.wait_for_url(url + "/admin/")
    admin.goto(url + "/admin/city-events/?status=submitted")
    screenshot(admin, "admin-city-events")
    admin.get_by_role("link", name=TITLE).first.click()
    admin.wait_for_url(f"**/admin/city-events/review/{event.pk}/")
    screenshot(admin, "admin-city-event-review")
    admin.get_by_role("button", name="Approve", exact=True).click()
    admin.wait_for_url(url + "/admin/city-events/")
    event.refresh_from_db()
    assert event.status == CityEvent.Status.APPROVED
    to_city = [m for m in mail.outbox if m.to == ["equipo@duesseldorf.test"]]
    assert len(to_city) == 1 and to_city[0].extra_headers["Content-Language"] == "es"

    # On the International Day page: in the list, and a marker on the map.
    page.goto(url + "/es/international-day/")
    item = page.locator(f"#event-{event.pk}")
    assert item.locator("h4").inner_text() == TITLE
    assert item.locator("img[alt='La plaza llena de vecinos']").count() == 1
    page.locator("#events-map").wait_for(state="visible")
    page.locator("#events-map").scroll_into_view_if_needed()  # the map loads as it comes near
    markers = page.locator("#events-map path.leaflet-interactive")
    markers.first.wait_for()
    assert markers.count() == 1
    page.locator("#events").scroll_into_view_if_needed()
    screenshot(page, "international-day-events-es")
    markers.first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert TITLE in popup.inner_text()

    # Without JavaScript the list is all there.
    plain = page_for(locale="es-ES")
    plain.context.set_extra_http_headers({})
    plain.route("**/*.js", lambda route: route.abort())
    plain.goto(url + "/es/international-day/")
    assert plain.locator(f"#event-{event.pk}").count() == 1
    assert plain.locator("#events-map").is_hidden()
