"""The iCalendar of a summit's programme: one event per session, in the host city's time.

Sessions are entered in local time. The zone is the host city's
(``core.time_zones.city_time_zone``). A summit without a host city gets "floating"
times (RFC 5545: local wherever the reader is), which is what the programme says,
rather than a guessed UTC.
"""

import datetime

from django.utils.translation import gettext

import icalendar

from core.open_data import uid_domain
from core.time_zones import city_time_zone

from .models import Audience


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
    zone = city_time_zone(summit.host_city, summit.start_date)
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
