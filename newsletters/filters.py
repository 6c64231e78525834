"""The filters of the subscribers' listing in the admin."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet

import django_filters
from django_countries import countries

from cities.models import CityPage

from .models import Subscriber, SubscriberStatus


def city_choices(request=None):

    return CityPage.objects.filter(
        pk__in=Subscriber.objects.exclude(city=None).values("city")
    ).order_by("title")


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
    city = django_filters.ModelChoiceFilter(
        label=_("Member city"), queryset=city_choices, empty_label=_("All")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=_("All")
    )
    is_city_contact = django_filters.BooleanFilter(label=_("Member-city contact"))

    class Meta:
        model = Subscriber
        fields = ["status", "language", "city", "country", "is_city_contact"]
