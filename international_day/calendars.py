"""The iCalendars of 16 May: the International Day of the coming years, and cities' events."""

import datetime

from django.utils import translation
from django.utils.translation import gettext

import icalendar

from capitals.models import CapitalPage
from core.dates import INTERNATIONAL_DAY, next_international_day
from core.i18n import localized_by_key
from core.open_data import uid_domain
from core.restrictions import private_q

from .events import event_bounds
from .models import CityEvent, attach_cities

YEARS_AHEAD = 5


def event_vevent(event, locale, request=None):
    """One VEVENT for an approved city event (with ``local_city`` set): times in UTC."""

    start, end = event_bounds(event)
    vevent = icalendar.Event()
    # Stable and language-independent: the same event in every language's calendar.
    vevent.add("uid", f"event-{event.pk}@{uid_domain()}")
    vevent.add("dtstamp", (event.reviewed_at or event.updated_at).astimezone(datetime.UTC))
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    vevent.add("summary", event.title)
    city = event.local_city
    vevent.add("location", f"{event.place}, {city.title}" if city else event.place)
    vevent.add("geo", (float(event.latitude), float(event.longitude)))
    description = event.description
    if event.link:
        description += "\n\n" + event.link
    vevent.add("description", description)
    if city is not None and city.locale_id == locale.pk:
        vevent.add("url", f"{city.get_full_url(request)}#event-{event.pk}")
    elif event.link:
        vevent.add("url", event.link)
    return vevent


def registered_events(locale, years):
    """VEVENTs of the approved 16 May events cities registered for ``years``."""

    with translation.override(locale.language_code):
        events = attach_cities(
            CityEvent.objects.filter(
                status=CityEvent.Status.APPROVED, starts_at__year__in=list(years)
            ).order_by("starts_at", "pk"),
            locale,
        )
        return [event_vevent(event, locale) for event in events]


def city_events_calendar(locale, request=None):
    """Every approved city event, past ones included: the calendar of registered events."""

    events = attach_cities(
        CityEvent.objects.filter(status=CityEvent.Status.APPROVED).order_by("starts_at", "pk"),
        locale,
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Observatory of Mayors on Living Together//16 May events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", gettext("16 May events of member cities"))
    for event in events:
        calendar.add_component(event_vevent(event, locale, request))
    return calendar


def international_day_calendar(locale, today=None, request=None):
    """All-day VEVENTs for 16 May of this and the next years, with the year's Capital if any."""
    first = next_international_day(today).year
    years = list(range(first, first + YEARS_AHEAD))
    capitals = list(
        CapitalPage.objects.live()
        .exclude(private_q())
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
