"""The maps speak the reader's language: Leaflet's zoom buttons and the tiles' credit."""

import html
import re

from django.test import override_settings
from django.utils import translation

import pytest

from cities.models import tile_attribution

from .builders import city, city_directory

pytestmark = pytest.mark.django_db


def test_the_tiles_credit_is_in_the_readers_language():
    with translation.override("ar"):
        credit = tile_attribution()
    assert credit == (
        '© مساهمو <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    )
    with translation.override("de"):
        assert "OpenStreetMap</a>-Mitwirkende" in tile_attribution()


@override_settings(OBSERVATORY_MAP_ATTRIBUTION='© <a href="https://tiles.example">Example</a>')
def test_another_tile_server_keeps_its_own_credit():
    with translation.override("ar"):
        assert tile_attribution() == '© <a href="https://tiles.example">Example</a>'


def test_the_directory_map_hands_its_words_to_the_script(client, home_page, locales):
    index = city_directory(home_page)
    city(index, title="Montréal", slug="montreal")
    index.copy_for_translation(locales["ar"]).save_revision().publish()
    page = client.get("/ar/cities/").content.decode()
    assert 'data-zoom-in="تكبير" data-zoom-out="تصغير"' in page
    # The credit is HTML for Leaflet, escaped inside its attribute.
    credit = re.search(r'data-attribution="([^"]*)"', page).group(1)
    assert html.unescape(credit) == (
        '© مساهمو <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    )
    assert page.index("js/maps.js") < page.index("js/cities-map.js")
