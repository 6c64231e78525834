"""Chromium: a map below the fold costs nothing until the reader comes near it.

The International Day page's events map used to load Leaflet and request its tiles as
the page opened: the page's longest task on a phone and, with no tile server in reach,
errors in the console on every visit (Lighthouse's "errors-in-console").
"""

from django.test import override_settings

from wagtail.models import Page

import pytest

from home.demo import publish_everywhere
from international_day.models import InternationalDayPage
from tests.cities.portal import city_directory_everywhere, city_everywhere
from tests.international_day.test_events import make_event

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def day_with_an_event(home_page, locales, live_server):
    index = city_directory_everywhere(home_page, locales)
    duesseldorf = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
    day = InternationalDayPage(
        title="International Day of Living Together in Peace",
        slug="international-day",
        introduction="Every 16 May, cities celebrate living together in peace.",
    )
    home_page.add_child(instance=day)
    publish_everywhere(Page.objects.get(pk=day.pk).specific, locales, lambda copy, code: None)
    make_event(duesseldorf, title="Fest auf dem Burgplatz")
    return live_server.url + "/{lang}/international-day/"


@pytest.mark.parametrize("lang", ["en", "ar"])
@override_settings(OBSERVATORY_MAP_TILE_URL="https://tile.invalid/{z}/{x}/{y}.png")
def test_the_events_map_loads_when_the_reader_comes_near(day_with_an_event, page_for, lang):
    page = page_for(locale=lang, viewport={"width": 390, "height": 400})
    errors, tiles, scripts = [], [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: scripts.append(request.url.rsplit("/", 1)[-1]))

    def refuse_tile(route):
        tiles.append(route.request.url)
        route.abort()

    page.route("https://tile.invalid/**", refuse_tile)
    page.goto(day_with_an_event.format(lang=lang))
    page.wait_for_load_state("networkidle")
    events_map = page.locator("#events-map")
    assert events_map.bounding_box()["y"] > 400 + 200  # below the fold and its margin
    assert events_map.is_visible()  # its box is there, its size set: nothing moves later
    assert errors == []
    assert tiles == []
    assert not [name for name in scripts if name.startswith("leaflet.") and name.endswith(".js")]

    events_map.scroll_into_view_if_needed()
    events_map.locator("path.leaflet-interactive").wait_for()
    assert [name for name in scripts if name.startswith("leaflet.") and name.endswith(".js")]
    assert events_map.locator("img.leaflet-tile").count()  # asked for now that the reader looks
