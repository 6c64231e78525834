"""Factories for the initiative index and initiative pages (wagtail-factories)."""

import datetime

import factory
import wagtail_factories

from .models import InitiativeIndexPage, InitiativeKind, InitiativePage


class InitiativeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Initiatives"
    slug = "initiatives"
    introduction = "What member cities do to live together."

    class Meta:
        model = InitiativeIndexPage


class InitiativePageFactory(wagtail_factories.PageFactory):
    """An initiative; pass ``parent=`` a CityPage, and ``themes=[…]`` to tag it."""

    title = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    kind = InitiativeKind.PUBLIC_ACTIVITY
    start_date = datetime.date(2021, 5, 16)
    summary = "A demo initiative of a member city."
    partners = "Neighbourhood associations\nLocal schools"
    contact_name = "Private Contact"
    contact_email = "private.contact@example.org"

    class Meta:
        model = InitiativePage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
            self.save()
