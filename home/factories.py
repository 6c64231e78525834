"""Factories for the home app's pages (wagtail-factories)."""

import factory
import wagtail_factories

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Observatory of Mayors on Living Together"
    introduction = "<p>Cities sharing what helps people live together.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "A page built from the shared blocks."

    class Meta:
        model = StandardPage
