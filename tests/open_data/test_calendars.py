"""iCalendar of a summit's programme and of 16 May, read back by icalendar."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import icalendar
import pytest

from core.dates import next_international_day
from core.time_zones import city_time_zone
from international_day.calendars import YEARS_AHEAD, registered_events


def calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].endswith('.ics"')
    return icalendar.Calendar.from_ical(response.content)


def events(cal):
    return list(cal.walk("VEVENT"))


def test_programme_has_one_event_per_session_in_berlin_time(client, world):
    cal = calendar(client, "/en/open-data/summits/duesseldorf-2019/programme.ics")
    assert str(cal["X-WR-CALNAME"]) == "Düsseldorf Summit"
    found = events(cal)
    sessions = [s for day in world.summit.programme for s in day.value["sessions"]]
    assert len(found) == len(sessions) == 2
    first = found[0]
    assert str(first["SUMMARY"]) == "Session 1"
    assert str(first["LOCATION"]) == "Town Hall"
    start = first.decoded("DTSTART")
    assert start == datetime.datetime(2019, 8, 30, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert first["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert first.decoded("DTEND") - start == datetime.timedelta(hours=1)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(first["URL"]) == "http://testserver/en/summits/duesseldorf-2019/"


def test_programme_uids_are_stable_and_shared_by_languages(client, world):
    url = "/en/open-data/summits/duesseldorf-2019/programme.ics"
    uids = [str(e["UID"]) for e in events(calendar(client, url))]
    again = [str(e["UID"]) for e in events(calendar(client, url))]
    arabic = events(calendar(client, "/ar/open-data/summits/duesseldorf-2019/programme.ics"))
    assert uids == again == [str(e["UID"]) for e in arabic]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@testserver") for uid in uids)


def test_international_day_calendar(client, world, locales):
    cal = calendar(client, "/en/open-data/international-day.ics")
    found = events(cal)
    first = next_international_day().year
    assert len(found) == YEARS_AHEAD
    for year, event in zip(range(first, first + YEARS_AHEAD), found, strict=True):
        # All-day: DATE values, 16 May to 17 May exclusive.
        assert event.decoded("DTSTART") == datetime.date(year, 5, 16)
        assert event.decoded("DTEND") == datetime.date(year, 5, 17)
        assert str(event["UID"]) == f"international-day-{year}@testserver"
        assert str(event["SUMMARY"]) == "International Day of Living Together in Peace"
    assert str(found[0]["LOCATION"]) == "Düsseldorf"
    assert f"Capital of Living Together {first}: Düsseldorf" in str(found[0]["DESCRIPTION"])
    assert "LOCATION" not in found[1]


def test_international_day_in_the_language_of_the_url(client, world):
    english = events(calendar(client, "/en/open-data/international-day.ics"))
    arabic = events(calendar(client, "/ar/open-data/international-day.ics"))
    assert [str(e["UID"]) for e in english] == [str(e["UID"]) for e in arabic]
    assert str(arabic[0]["LOCATION"]) == "دوسلدورف"
    french = events(calendar(client, "/fr/open-data/international-day.ics"))
    assert str(french[0]["LOCATION"]) == "Düsseldorf (FR)"


def test_registered_events_are_a_placeholder(locales):
    assert registered_events(locales["en"], [2030]) == []


@pytest.mark.parametrize(
    ("country", "latitude", "longitude", "zone"),
    [
        ("DE", 51.2277, 6.7735, "Europe/Berlin"),
        ("CA", 45.5017, -73.5673, "America/Toronto"),
        ("US", 34.05, -118.24, "America/Los_Angeles"),
        ("AU", -33.87, 151.21, "Australia/Sydney"),
        ("ES", 28.12, -15.43, "Atlantic/Canary"),
        ("SN", 14.69, -17.44, "Africa/Dakar"),
    ],
)
def test_host_city_timezone(country, latitude, longitude, zone):
    city = SimpleNamespace(
        country=SimpleNamespace(code=country), latitude=latitude, longitude=longitude
    )
    assert city_time_zone(city, datetime.date(2019, 8, 30)).key == zone


def test_summit_without_host_city_has_floating_times(client, world):
    world.summit.host_city = None
    world.summit.save_revision().publish()
    cal = calendar(client, "/en/open-data/summits/duesseldorf-2019/programme.ics")
    start = events(cal)[0].decoded("DTSTART")
    assert start == datetime.datetime(2019, 8, 30, 9) and start.tzinfo is None
    assert not cal.walk("VTIMEZONE")
