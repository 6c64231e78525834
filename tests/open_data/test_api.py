"""The Wagtail API v2: pages by type and language, images, documents; no private fields."""

import json

import pytest

from cities.models import CityPage


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_city_pages_by_type_with_their_fields(client, world):
    data = get_json(
        client,
        "/api/v2/pages/?type=cities.CityPage&locale=en"
        "&fields=country,continent,latitude,longitude,mayor,member_since,website",
    )
    by_title = {item["title"]: item for item in data["items"]}
    assert set(by_title) == {"Düsseldorf", "Montréal"}
    city = by_title["Düsseldorf"]
    assert city["meta"]["type"] == "cities.CityPage"
    assert city["meta"]["locale"] == "en"
    assert city["country"]["code"] == "DE"
    assert city["continent"] == "europe"
    assert float(city["latitude"]) == pytest.approx(51.2277)
    assert float(city["longitude"]) == pytest.approx(6.7735)
    assert city["mayor"] == "Dr. Stephan Keller"
    assert city["member_since"] == "2019-08-31"
    assert city["website"] == "https://www.duesseldorf.de"


def test_locale_filter_gives_one_language(client, world):
    french = get_json(client, "/api/v2/pages/?type=cities.CityPage&locale=fr")
    assert [item["title"] for item in french["items"]] == ["Düsseldorf (FR)"]
    assert {item["meta"]["locale"] for item in french["items"]} == {"fr"}
    arabic = get_json(client, "/api/v2/pages/?type=cities.CityPage&locale=ar")
    assert [item["title"] for item in arabic["items"]] == ["دوسلدورف"]
    every = get_json(client, "/api/v2/pages/?type=cities.CityPage")
    # Without a locale: Düsseldorf in all five languages (translations and aliases) and Montréal.
    assert every["meta"]["total_count"] == CityPage.objects.live().public().count() == 6


def test_summit_and_capital_fields(client, world):
    summit = get_json(
        client,
        "/api/v2/pages/?type=summits.SummitPage&locale=en"
        "&fields=edition,start_date,end_date,host_city",
    )["items"][0]
    assert summit["start_date"] == "2019-08-30" and summit["end_date"] == "2019-09-01"
    assert summit["host_city"]["id"] == world.duesseldorf.pk
    assert isinstance(summit["edition"], int)
    capital = get_json(client, "/api/v2/pages/?type=capitals.CapitalPage&fields=year,city")
    assert capital["items"][0]["year"] == world.capital.year
    assert capital["items"][0]["city"]["title"] == "Düsseldorf"


def test_initiative_fields_and_never_the_contact(client, world):
    data = get_json(client, "/api/v2/pages/?type=initiatives.InitiativePage&fields=*")
    item = data["items"][0]
    assert item["kind"] == "public_activity"
    assert item["start_date"] == "2022-05-16" and item["end_date"] == "2022-09-01"
    assert {theme["slug"] for theme in item["themes"]} == {t.slug for t in world.themes}
    assert "Education" in {theme["name"] for theme in item["themes"]}
    detail = client.get(f"/api/v2/pages/{world.initiative.pk}/").content.decode()
    listing = json.dumps(data)
    for text in (detail, listing):
        assert "contact" not in text
        assert "private.contact@example.org" not in text
        assert "Private Contact" not in text


@pytest.mark.parametrize(
    "query",
    [
        "fields=contact_email",
        "fields=contact_name",
        "contact_email=private.contact@example.org",
        "order=contact_email",
    ],
)
def test_contact_fields_cannot_be_asked_for_filtered_or_sorted(client, world, query):
    url = f"/api/v2/pages/?type=initiatives.InitiativePage&{query}"
    data = get_json(client, url, status=400)
    assert "private.contact@example.org" not in json.dumps(data)


def test_unknown_type_is_a_bad_request(client, world):
    get_json(client, "/api/v2/pages/?type=initiatives.Nothing", status=400)


def test_images_and_documents_endpoints(client, world):
    for endpoint in ("images", "documents"):
        data = get_json(client, f"/api/v2/{endpoint}/")
        assert data["meta"]["total_count"] == 0
