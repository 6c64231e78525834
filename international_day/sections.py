"""What the International Day adds to pages below it (``core.sections``)."""

from wagtail import hooks

from core.dates import international_day_countdown
from core.page_cache import watch
from core.restrictions import private_q
from core.sections import CAPITAL_PAGE, CITY_PAGE, DATASETS, DEMO_CONTENT, HOME_PAGE, MY_CITY

from . import demo
from .models import CityEvent, InternationalDayPage, events_listing, events_of_city
from .views import datasets


@hooks.register(HOME_PAGE, order=10)
def home_page_countdown(page, request):
    return {
        "countdown": international_day_countdown(),
        "international_day": InternationalDayPage.objects.live()
        .exclude(private_q())
        .filter(locale=page.locale)
        .first(),
    }


@hooks.register(CITY_PAGE, order=20)
def city_page_events(page, request):
    """The city's upcoming and past approved events."""
    return {"city_events": events_listing(request, city=page)}


@hooks.register(CAPITAL_PAGE, order=10)
def capital_page_events(page, request):
    """The approved events of the Capital's city in its year."""
    return {
        "city_events": events_listing(request, city_key=page.city.translation_key, year=page.year)
    }


@hooks.register(MY_CITY, order=20)
def my_city_events(team, city, request):
    return {"events": events_of_city(team.city_key)}


hooks.register(DATASETS, datasets, order=40)
# City and Capital pages and the calendar list the approved events.
watch(CityEvent)


@hooks.register(DEMO_CONTENT, order=40)
def international_day(world):
    """the International Day and 16 May events"""
    demo.load(world)
