"""Time zones: one answer everywhere to "what time is it in this city".

A city's zone comes from its country in the tz database (zone.tab, shipped with
the tzdata package), chosen by the city's coordinates where the country spans
zones: Düsseldorf is Europe/Berlin, Montréal America/Toronto. Summit programmes
and 16 May events both use it.
"""

import datetime
import math
import zoneinfo
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

from django.conf import settings


@cache
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


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


def city_time_zone(city, on=None):
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


def city_time_zone_name(city):
    """The name of the city's zone (``city_time_zone``), else the site's."""
    zone = city_time_zone(city)
    return zone.key if zone else settings.TIME_ZONE
