"""Builders for the pages the Capitals and home tests need from other apps.

Cities and initiatives are created directly (``parent.add_child``) so these tests
don't depend on the other apps' factories.
"""

import datetime
import itertools

from django.utils import timezone

from wagtail.models import Page

from capitals.factories import CapitalIndexPageFactory, CapitalPageFactory
from cities.models import CityIndexPage, CityPage
from core.dates import next_international_day
from initiatives.models import InitiativePage
from international_day.factories import InternationalDayPageFactory
from tests.translations import copy_for_translation

_numbers = itertools.count(1)


def publish(page):
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def city_index(home):
    existing = CityIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return publish(home.add_child(instance=CityIndexPage(title="Cities", slug="cities")))


def make_city(home, title="Düsseldorf", slug="duesseldorf", country="DE"):
    return publish(
        city_index(home).add_child(
            instance=CityPage(
                title=title,
                slug=slug,
                country=country,
                continent="europe",
                latitude="51.227700",
                longitude="6.773500",
            )
        )
    )


def make_initiative(city, title=None):
    number = next(_numbers)
    return publish(
        city.add_child(
            instance=InitiativePage(
                title=title or f"Initiative {number}",
                slug=f"initiative-{number}",
                kind="public_activity",
                start_date=datetime.date(2024, 5, 16),
                summary="Neighbours meet in the square every month.",
            )
        )
    )


def make_capital_index(home):
    return publish(CapitalIndexPageFactory(parent=home))


def make_capital(index, city, year=None, **kwargs):
    year = year or next_international_day(timezone.localdate()).year
    return publish(CapitalPageFactory(parent=index, city=city, year=year, **kwargs))


def make_international_day(home):
    return publish(InternationalDayPageFactory(parent=home))


def translate(page, locale, **fields):
    """A published translation of ``page`` (and of its parents where missing)."""
    translated = copy_for_translation(page, locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    for ancestor in translated.get_ancestors().specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    return Page.objects.get(pk=translated.pk).specific
