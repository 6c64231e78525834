"""Pages for the cities and initiatives tests: a directory, an initiative index, cities."""

from wagtail.models import Page

from cities.factories import CityIndexPageFactory, CityPageFactory
from initiatives.factories import InitiativeIndexPageFactory


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def city_directory(home):
    return CityIndexPageFactory(parent=home)


def initiative_index(home):
    return InitiativeIndexPageFactory(parent=home)


def city(index, **kwargs):
    return CityPageFactory(parent=index, **kwargs)
