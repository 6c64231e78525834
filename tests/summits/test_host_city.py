"""A summit links its host city and names its themes in the visitor's language."""

import pytest

from cities.factories import CityIndexPageFactory, CityPageFactory, ThemeFactory
from summits.demo import load_summits
from tests.translations import copy_for_translation


def publish_translation(instance, locale, **fields):
    if hasattr(instance, "save_revision"):
        translation = copy_for_translation(instance, locale, copy_parents=True)
    else:
        translation = instance.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    if hasattr(translation, "save_revision"):
        translation.save_revision().publish()
    return translation


@pytest.fixture
def host_city(home_page, locales):
    city = CityPageFactory(parent=CityIndexPageFactory(parent=home_page), slug="duesseldorf")
    publish_translation(city, locales["fr"], title="Düsseldorf (FR)")
    return city


def test_host_city_and_themes_are_shown_in_the_active_language(
    client, home_page, locales, host_city
):
    theme = ThemeFactory(name="Digital city", locale=locales["en"])
    publish_translation(theme, locales["fr"], name="Ville numérique")
    load_summits(home_page, locales, cities={"duesseldorf": host_city}, themes={"digital": theme})

    html = client.get("/fr/summits/duesseldorf-2019/").content.decode()
    fr_city = host_city.get_translation(locales["fr"])
    assert f'<a href="{fr_city.url}">Düsseldorf (FR)</a>' in html
    assert "Ville numérique" in html
    html = client.get("/en/summits/duesseldorf-2019/").content.decode()
    assert f'<a href="{host_city.url}">{host_city.title}</a>' in html
    assert "Digital city" in html
    assert "Ville numérique" not in html


def test_unpublished_host_city_is_not_linked(client, home_page, locales, host_city):
    host_city.get_translation(locales["fr"]).unpublish()
    load_summits(home_page, locales, cities={"duesseldorf": host_city}, themes={})
    html = client.get("/fr/summits/duesseldorf-2019/").content.decode()
    assert "Düsseldorf (FR)" not in html
    assert client.get("/en/summits/duesseldorf-2019/").status_code == 200
