"""What the initiatives add to pages below them (``core.sections``)."""

from wagtail import hooks

from core.restrictions import private_q
from core.sections import CITY_PAGE, DATASETS, DEMO_CONTENT, HOME_PAGE, MY_CITY, PAGE_LISTERS

from .demo import load_cities, load_themes
from .models import InitiativeIndexPage, InitiativePage, latest_initiatives
from .models.pages import CARD_DEFERRED_FIELDS, attach_card_images
from .submission import city_initiatives, initiative_state
from .views import datasets


@hooks.register(HOME_PAGE, order=30)
def home_page_initiatives(page, request):
    return {"latest_initiatives": latest_initiatives(page.locale)}


@hooks.register(CITY_PAGE, order=10)
def city_page_initiatives(page, request):
    initiatives = (
        InitiativePage.objects.child_of(page)
        .live()
        .exclude(private_q())
        .defer(*CARD_DEFERRED_FIELDS)
        .order_by("-start_date")
    )
    return {"initiatives": attach_card_images(list(initiatives))}


@hooks.register(MY_CITY, order=10)
def my_city_initiatives(team, city, request):
    """Every initiative of the city, drafts included, with where it stands."""
    initiatives = []
    for page in city_initiatives(city):
        state, comment = initiative_state(page)
        initiatives.append({"page": page, "state": state, "comment": comment})
    return {"initiatives": initiatives}


hooks.register(DATASETS, datasets, order=20)


@hooks.register(PAGE_LISTERS, order=10)
def initiative_listers(page):
    """An initiative is listed by the initiatives index (its city and home are ancestors)."""
    if isinstance(page, InitiativePage):
        return list(InitiativeIndexPage.objects.filter(locale=page.locale))
    return []


@hooks.register(DEMO_CONTENT, order=10)
def themes_cities_and_initiatives(world):
    """themes, cities and initiatives"""
    world["themes"] = load_themes(world["locales"])
    world["cities"] = load_cities(world["home"], world["locales"], world["themes"])
