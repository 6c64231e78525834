"""What the Capitals add to pages below them (``core.sections``), and to core's media privacy."""

from wagtail import hooks

from core.media_privacy import MEDIA_ACCESS
from core.sections import CITY_BADGES, CITY_PAGE, DEMO_CONTENT, HOME_PAGE

from . import demo
from .badges import capital_badges, capitals_of_city
from .cycle import may_see_application_file
from .models import current_capital


@hooks.register(HOME_PAGE, order=20)
def home_page_capital(page, request):
    return {"capital": current_capital(page.locale)}


@hooks.register(CITY_PAGE, order=30)
def city_page_capital_years(page, request):
    """The Capital pages of the city, in the page's language."""
    return {
        "capital_years": [
            capital for capital in capitals_of_city(page) if capital.locale_id == page.locale_id
        ]
    }


hooks.register(CITY_BADGES, capital_badges, order=20)


@hooks.register(DEMO_CONTENT, order=30)
def capitals_and_call(world):
    """Capitals, "About" and an open Capital call"""
    demo.load(world)


# An application's documents: only for the jurors who may score it (no declared conflict).
hooks.register(MEDIA_ACCESS, may_see_application_file)
