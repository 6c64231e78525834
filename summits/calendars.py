"""The iCalendar of a summit's programme: one event per session, in the host city's time.

Sessions are entered in local time. The zone comes from the host city, with no
model field: its country's zone in the tz database (zone.tab, shipped with the
tzdata package icalendar depends on), chosen by its coordinates where the country
spans zones: Düsseldorf is Europe/Berlin, Montréal America/Toronto. A summit
without a host city gets "floating" times (RFC 5545: local wherever the reader
is), which is what the programme says, rather than a guessed UTC.
"""

import datetime
import math
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

from django.utils.translation import gettext

import icalendar

from home.open_data import uid_domain

from .models import Audience


def _iso6709(text):
    """±DDMM[SS] or ±DDDMM[SS] as decimal degrees."""
    sign = -1 if text[0] == "-" else 1
    digits = text[1:]
    degrees_len = 2 if len(digits) in (4, 6) else 3
    degrees = int(digits[:degrees_len])
    minutes = int(digits[degrees_len : degrees_len + 2])
    seconds = int(digits[degrees_len + 2 :] or 0)
    return sign * (degrees + minutes / 60 + seconds / 3600)


@cache
def country_zones():
    """{country code: [(latitude, longitude, zone name)]} from the tz database's zone.tab."""
    zones = {}
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text()
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, coordinates, name = line.split("\t")[:3]
        split = max(coordinates.rfind("+"), coordinates.rfind("-"))
        latitude, longitude = _iso6709(coordinates[:split]), _iso6709(coordinates[split:])
        zones.setdefault(code, []).append((latitude, longitude, name))
    return zones


def city_timezone(city, on=None):
    """The tz database zone of the city, or None.

    A country whose zones all keep the same time gets its main one, listed first
    (Germany: Europe/Berlin, not Europe/Busingen, though Büsingen is nearer to
    Düsseldorf). Otherwise the zone nearest to the city among those that keep the
    time of the nearest one (Montréal: America/Toronto).
    """
    if city is None or not city.country:
        return None
    candidates = country_zones().get(city.country.code)
    if not candidates:
        return None
    latitude, longitude = float(city.latitude), float(city.longitude)
    year = (on or datetime.date.today()).year
    moments = [datetime.datetime(year, 1, 15, 12), datetime.datetime(year, 7, 15, 12)]

    def keeps(zone):
        return tuple(ZoneInfo(zone[2]).utcoffset(moment) for moment in moments)

    def distance(zone):
        # Equirectangular approximation: enough to tell a country's zones apart.
        x = math.radians(zone[1] - longitude) * math.cos(math.radians(latitude))
        y = math.radians(zone[0] - latitude)
        return x * x + y * y

    if len({keeps(zone) for zone in candidates}) == 1:
        return ZoneInfo(candidates[0][2])
    time = keeps(min(candidates, key=distance))
    return ZoneInfo(min((z for z in candidates if keeps(z) == time), key=distance)[2])


def sessions(summit):
    """(uid part, date, session) for every session of the programme, in order."""
    for day_index, day in enumerate(summit.programme):
        if day.block_type != "day":
            continue
        for session_index, session in enumerate(day.value["sessions"]):
            block_id = getattr(day.value["sessions"], "bound_blocks", None)
            item_id = block_id[session_index].id if block_id else None
            yield item_id or f"{day.id or day_index}-{session_index}", day.value["date"], session


def programme_calendar(summit, request=None):
    """A VCALENDAR with one VEVENT per session of ``summit``, in the active language."""
    zone = city_timezone(summit.host_city, summit.start_date)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Observatory of Mayors on Living Together//Summit programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", summit.title)
    if zone is not None:
        calendar.add("x-wr-timezone", zone.key)
    url = summit.get_full_url(request)
    stamp = summit.last_published_at or datetime.datetime.now(tz=datetime.UTC)
    for uid, date, session in sessions(summit):
        event = icalendar.Event()
        event.add("uid", f"session-{uid}@{uid_domain()}")
        event.add("dtstamp", stamp)
        start = datetime.datetime.combine(date, session["start_time"], tzinfo=zone)
        event.add("dtstart", start)
        if session.get("end_time"):
            event.add("dtend", datetime.datetime.combine(date, session["end_time"], tzinfo=zone))
        event.add("summary", session["title"])
        if session.get("venue"):
            event.add("location", session["venue"])
        audience = Audience(session["audience"]).label if session.get("audience") else ""
        description = gettext("%(summit)s. Audience: %(audience)s.") % {
            "summit": summit.title,
            "audience": audience,
        }
        event.add("description", description)
        if url:
            event.add("url", url)
        calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()
    return calendar
