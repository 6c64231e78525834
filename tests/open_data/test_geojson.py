"""The GeoJSON of member cities: valid, [longitude, latitude], names in the URL's language."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import geojson

from cities.factories import CityPageFactory


def features(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "max-age" in response["Cache-Control"]
    collection = geojson.loads(response.content.decode())
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"
    return {feature["properties"]["country_code"]: feature for feature in collection["features"]}


def test_geojson_points_and_properties(client, world):
    found = features(client, "/en/open-data/cities.geojson")
    duesseldorf = found["DE"]
    assert duesseldorf["geometry"]["type"] == "Point"
    assert duesseldorf["geometry"]["coordinates"] == [6.7735, 51.2277]  # lon, lat
    props = duesseldorf["properties"]
    assert props["name"] == "Düsseldorf"
    assert props["country"] == "Germany"
    assert props["continent"] == "europe"
    assert props["url"] == "http://testserver/en/cities/duesseldorf/"
    assert props["member_since"] == "2019-08-31"
    assert found["CA"]["geometry"]["coordinates"] == [-73.5673, 45.5017]


def test_geojson_in_french_and_arabic(client, world):
    french = features(client, "/fr/open-data/cities.geojson")
    assert french["DE"]["properties"]["name"] == "Düsseldorf (FR)"
    assert french["DE"]["properties"]["country"] == "Allemagne"
    assert french["DE"]["properties"]["url"] == "http://testserver/fr/cities/duesseldorf/"
    # Not translated into French: the English page, saying so.
    assert french["CA"]["properties"]["name"] == "Montréal"
    assert french["CA"]["properties"]["language"] == "en"
    arabic = features(client, "/ar/open-data/cities.geojson")
    assert arabic["DE"]["properties"]["name"] == "دوسلدورف"


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_geojson_queries_do_not_grow(client, world):
    for _ in range(3):
        CityPageFactory(parent=world.cities)
    with_five = count_queries(client, "/en/open-data/cities.geojson")
    for _ in range(45):
        CityPageFactory(parent=world.cities)
    assert count_queries(client, "/en/open-data/cities.geojson") == with_five
