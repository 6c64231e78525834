"""Factories for the exhibitions app's pages (wagtail-factories)."""

import factory
import wagtail_factories

from .models import ExhibitionPage, PanelPage


class ExhibitionPageFactory(wagtail_factories.PageFactory):
    title = "Living together today and tomorrow"
    slug = "exhibition"
    introduction = "The summit's results, for residents to discuss with mayors."
    venue = "NRW-Forum"

    class Meta:
        model = ExhibitionPage


class PanelPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Workshop {n}")
    slug = factory.Sequence(lambda n: f"panel-{n}")
    summary = "What the mayors concluded."
    key_figures = factory.LazyFunction(lambda: [("figure", {"figure": "3", "label": "priorities"})])
    commitments = factory.LazyFunction(lambda: [("commitment", "Create spaces to meet")])

    class Meta:
        model = PanelPage
