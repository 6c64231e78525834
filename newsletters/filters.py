"""The filters of the subscribers' listing in the admin."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet

import django_filters
from django_countries import countries

from cities.models import CityPage
from core.i18n import one_per_key

from .models import Subscriber, SubscriberStatus


def city_choices():
    """The subscribers' member cities, once each, named in the admin's language."""
    keys = CityPage.objects.filter(
        pk__in=Subscriber.objects.exclude(city=None).values("city")
    ).values("translation_key")
    cities = one_per_key(CityPage.objects.filter(translation_key__in=keys))
    return sorted(((str(key), city.title) for key, city in cities.items()), key=lambda c: c[1])


def country_choices():
    present = set(Subscriber.objects.exclude(country="").values_list("country", flat=True))
    return [(code, name) for code, name in countries if code in present]


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=SubscriberStatus.choices, empty_label=_("All")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=settings.LANGUAGES, empty_label=_("All")
    )
    city = django_filters.ChoiceFilter(
        label=_("Member city"), choices=city_choices, method="filter_city", empty_label=_("All")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=_("All")
    )
    is_city_contact = django_filters.BooleanFilter(label=_("Member-city contact"))

    class Meta:
        model = Subscriber
        fields = ["status", "language", "city", "country", "is_city_contact"]

    def filter_city(self, queryset, name, value):
        # A subscriber's city is one page of it: any language's stands for the city.
        return queryset.filter(city__translation_key=value) if value else queryset
