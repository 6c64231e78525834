"""The open-data page lists every endpoint, in the visitor's language, with the licence."""

import pytest


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "ar"])
def test_open_data_page_in_every_language(client, world, language):
    response = client.get(f"/{language}/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    for path in (
        "open-data/cities.geojson",
        "open-data/initiatives.csv",
        "open-data/initiatives.rss",
        "open-data/initiatives.atom",
        "open-data/international-day.ics",
    ):
        assert f"http://testserver/{language}/{path}" in html
    assert "https://creativecommons.org/licenses/by/4.0/" in html
    assert "http://testserver/api/v2/pages/?type=cities.CityPage" in html


def test_open_data_page_lists_each_summit(client, world):
    html = client.get("/en/open-data/").content.decode()
    assert "http://testserver/en/open-data/summits/duesseldorf-2019/programme.ics" in html
    assert "http://testserver/en/open-data/summits/duesseldorf-2019/signatories.csv" in html
    assert "CC BY 4.0" in html


def test_every_listed_endpoint_answers(client, world):
    from core.open_data import all_datasets

    response = client.get("/en/open-data/")
    for dataset in all_datasets(response.wsgi_request):
        if dataset.url:
            assert client.get(dataset.url).status_code == 200, dataset.url
