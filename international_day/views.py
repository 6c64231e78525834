"""Open data of 16 May: the iCalendars of the International Day and of cities' events."""

from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.i18n import active_locale
from core.open_data import Dataset, calendar_response

from .calendars import YEARS_AHEAD, city_events_calendar, international_day_calendar


@require_GET
@cache_control(max_age=3600, public=True)
def international_day_ics(request):
    calendar = international_day_calendar(active_locale(), request=request)
    return calendar_response(calendar, f"international-day-16-may-{get_language()}.ics")


@require_GET
@cache_control(max_age=900, public=True)
def city_events_ics(request):
    calendar = city_events_calendar(active_locale(), request=request)
    return calendar_response(calendar, f"city-events-16-may-{get_language()}.ics")


def datasets(request):
    return [
        Dataset(
            title=gettext("16 May, International Day of Living Together in Peace (iCalendar)"),
            description=ngettext(
                "The International Day of the next %(years)s year as all-day events, "
                "with each year's Capital of Living Together.",
                "The International Day of the next %(years)s years as all-day events, "
                "with each year's Capital of Living Together.",
                YEARS_AHEAD,
            )
            % {"years": YEARS_AHEAD},
            url=request.build_absolute_uri(reverse("international_day_ics")),
            format="iCalendar",
        ),
        Dataset(
            title=gettext("16 May events of member cities (iCalendar)"),
            description=gettext(
                "The events member cities registered for the International Day, once "
                "approved: date and time (UTC), place and coordinates, description, link."
            ),
            url=request.build_absolute_uri(reverse("city_events_ics")),
            format="iCalendar",
        ),
    ]
