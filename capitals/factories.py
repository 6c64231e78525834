"""Factories for the Capitals archive, Capital pages and the International Day page."""

import factory
import wagtail_factories

from .models import CapitalIndexPage, CapitalPage


class CapitalIndexPageFactory(wagtail_factories.PageFactory):
    title = "Capitals of Living Together"
    slug = "capitals"
    introduction = "Each year a member city hosts the main celebration of 16 May."

    class Meta:
        model = CapitalIndexPage


class CapitalPageFactory(wagtail_factories.PageFactory):
    """A Capital; pass ``parent=`` a CapitalIndexPage and ``city=`` a CityPage."""

    year = factory.Sequence(lambda n: 2020 + n)
    title = factory.LazyAttribute(lambda page: f"Capital of Living Together {page.year}")
    slug = factory.LazyAttribute(lambda page: str(page.year))
    introduction = "The city hosts the main celebration of the International Day."

    class Meta:
        model = CapitalPage
