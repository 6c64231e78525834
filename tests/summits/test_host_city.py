"""A summit links its host city and names its themes in the visitor's language."""

from summits.models import SummitPage

# The demo's Düsseldorf summit, its host city and its themes, in five languages
# (copied from the demo's template, tests/databases.py).


def duesseldorf_summit(locales):
    return SummitPage.objects.get(locale=locales["en"], slug="duesseldorf-2019")


def test_host_city_and_themes_are_shown_in_the_active_language(client, demo_db, locales):
    summit = duesseldorf_summit(locales)
    city, themes = summit.host_city, list(summit.themes.all())
    assert city is not None and themes
    fr_city = city.get_translation(locales["fr"])
    fr_themes = [theme.get_translation(locales["fr"]).name for theme in themes]
    assert fr_city.title != city.title or fr_city.url != city.url
    assert set(fr_themes) != {theme.name for theme in themes}

    html = client.get("/fr/summits/duesseldorf-2019/").content.decode()
    assert f'<a href="{fr_city.url}">{fr_city.title}</a>' in html
    assert all(name in html for name in fr_themes)
    html = client.get("/en/summits/duesseldorf-2019/").content.decode()
    assert f'<a href="{city.url}">{city.title}</a>' in html
    assert all(theme.name in html for theme in themes)
    assert not any(name in html for name in fr_themes if name not in {t.name for t in themes})


def test_unpublished_host_city_is_not_linked(client, demo_db, locales):
    city = duesseldorf_summit(locales).host_city
    fr_city = city.get_translation(locales["fr"])
    assert f'href="{fr_city.url}"' in client.get("/fr/summits/duesseldorf-2019/").content.decode()
    fr_city.unpublish()
    html = client.get("/fr/summits/duesseldorf-2019/").content.decode()
    assert f'href="{fr_city.url}"' not in html
    assert client.get("/en/summits/duesseldorf-2019/").status_code == 200
