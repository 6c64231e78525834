"""Factories for themes, the city directory and city pages (factory_boy, wagtail-factories)."""

import decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from .models import CityIndexPage, CityPage, Continent, Theme


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    description = "A theme of the Düsseldorf summit."
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Theme


class CityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Member cities"
    slug = "cities"
    introduction = "The cities of the Observatory."

    class Meta:
        model = CityIndexPage


class CityPageFactory(wagtail_factories.PageFactory):
    """A member city; pass ``parent=`` a CityIndexPage."""

    title = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "DE"
    continent = Continent.EUROPE
    latitude = decimal.Decimal("51.227700")
    longitude = decimal.Decimal("6.773500")
    description = "<p>A member city.</p>"

    class Meta:
        model = CityPage
