"""Factories for the home app's pages (wagtail-factories)."""

import wagtail_factories

from .models import HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Observatory of Mayors on Living Together"
    introduction = "<p>Cities sharing what helps people live together.</p>"

    class Meta:
        model = HomePage
