"""The iCalendar of 16 May: the International Day of the coming years, later registered events."""

import datetime

from django.utils.translation import gettext

import icalendar

from home.open_data import uid_domain
from home.structured_data import localized_by_key

from .models import INTERNATIONAL_DAY, CapitalPage, next_international_day

YEARS_AHEAD = 5


def registered_events(locale, years):
    """VEVENTs of the 16 May events cities register (a later issue): none yet.

    The events app will return one icalendar.Event per published event of ``years``,
    with a UID of its own (``event-<id>@<domain>``); the calendar adds them as they come.
    """
    return []


def international_day_calendar(locale, today=None, request=None):
    """All-day VEVENTs for 16 May of this and the next years, with the year's Capital if any."""
    first = next_international_day(today).year
    years = list(range(first, first + YEARS_AHEAD))
    capitals = list(
        CapitalPage.objects.live()
        .public()
        .filter(year__in=years)
        .select_related("city")
        .order_by("year", "locale_id")
    )
    by_year = {}
    for capital in capitals:
        if capital.year not in by_year or capital.locale_id == locale.pk:
            by_year[capital.year] = capital
    cities = localized_by_key([capital.city for capital in by_year.values()], locale)

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Observatory of Mayors on Living Together//16 May//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", gettext("International Day of Living Together in Peace"))
    stamp = datetime.datetime.now(tz=datetime.UTC).replace(
        month=1, day=1, hour=0, minute=0, second=0, microsecond=0
    )
    for year in years:
        day = datetime.date(year, *INTERNATIONAL_DAY)
        event = icalendar.Event()
        # Language-independent: the same day is one event, in whichever language it is read.
        event.add("uid", f"international-day-{year}@{uid_domain()}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("summary", gettext("International Day of Living Together in Peace"))
        description = gettext(
            "Proclaimed by the United Nations General Assembly (resolution 72/130)."
        )
        capital = by_year.get(year)
        if capital is not None:
            city = cities[capital.city.translation_key]
            description += " " + gettext("Capital of Living Together %(year)s: %(city)s.") % {
                "year": year,
                "city": city.title,
            }
            event.add("location", city.title)
            if capital.locale_id == locale.pk:
                event.add("url", capital.get_full_url(request))
        event.add("description", description)
        calendar.add_component(event)
    for event in registered_events(locale, years):
        calendar.add_component(event)
    return calendar
