"""What the exhibitions add to pages below them (``core.sections``)."""

from wagtail import hooks

from core.sections import DATASETS, DEMO_CONTENT, MY_CITY

from . import demo
from .open_data import datasets
from .portal_views import hosting

hooks.register(DATASETS, datasets, order=35)


@hooks.register(MY_CITY, order=35)
def my_city_exhibitions(team, city, request):
    return {"exhibition_hosting": hosting(team, request)}


@hooks.register(DEMO_CONTENT, order=25)
def summit_exhibition(world):
    """the 2019 summit's exhibition, its host cities and residents' contributions"""
    demo.load(world)
