"""The 16 May events in the admin: who may review them, the listing's filters and columns."""

from django.urls import path, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

import django_filters

from cities.models import CityPage
from core.admin_menus import INTERNATIONAL_DAY_MENU

from .admin_views import CityEventIndexView, review_event
from .events import can_review
from .models import CityEvent, city_keys_in_country


class CityEventPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, and the reviewers ("Moderators") may view and change events."""

    REVIEWER_ACTIONS = {"view", "change"}

    def user_has_permission(self, user, action):
        if action == "add":  # nobody, superusers included: cities register events in My city
            return False
        if super().user_has_permission(user, action):
            return True
        return action in self.REVIEWER_ACTIONS and can_review(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# Registered before any view asks: otherwise Wagtail creates its fallback policy.
register_permission_policy(CityEvent, CityEventPermissionPolicy(CityEvent))


def _country_choices():
    keys = CityEvent.objects.values_list("city_key", flat=True).distinct()
    countries = {
        city.country.code: city.country.name
        for city in CityPage.objects.filter(translation_key__in=keys).only("country")
    }
    return sorted(countries.items(), key=lambda item: str(item[1]))


def _year_choices():
    years = CityEvent.objects.dates("starts_at", "year", order="DESC")
    return [(str(day.year), str(day.year)) for day in years]


class CityEventFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=CityEvent.Status.choices,
        empty_label=gettext_lazy("All"),
    )
    country = django_filters.ChoiceFilter(
        label=gettext_lazy("Country"),
        choices=_country_choices,
        method="filter_country",
        empty_label=gettext_lazy("All"),
    )
    year = django_filters.ChoiceFilter(
        label=gettext_lazy("Year"),
        choices=_year_choices,
        method="filter_year",
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = CityEvent
        fields = ["status"]

    def filter_country(self, queryset, name, value):

        return queryset.filter(city_key__in=city_keys_in_country(value)) if value else queryset

    def filter_year(self, queryset, name, value):
        try:
            return queryset.filter(starts_at__year=int(value))
        except (TypeError, ValueError):
            return queryset


def city_name(event):
    """The city's name in the admin's language (one query a row: 20 rows a page)."""
    city = event.city()
    return city.title if city else "—"


def local_start(event):
    """The event's start as on its poster: its own date and time zone."""
    when = formats.date_format(event.local_start, "SHORT_DATETIME_FORMAT")
    return f"{when} ({event.time_zone_label})"


class CityEventViewSet(ModelViewSet):
    model = CityEvent
    icon = "date"
    menu_label = gettext_lazy("16 May events")
    menu_hook = INTERNATIONAL_DAY_MENU
    menu_order = 10
    url_prefix = "city-events"
    index_view_class = CityEventIndexView
    filterset_class = CityEventFilterSet
    search_fields = ["title", "place", "description"]
    copy_view_enabled = False
    inspect_view_enabled = False
    panels = CityEvent.panels

    @property
    def list_display(self):
        return [
            TitleColumn("title", label=_("Title"), get_url=self._review_url),
            Column("city", label=_("City"), accessor=city_name),
            Column(
                "starts_at",
                label=_("Starts (local time)"),
                accessor=local_start,
                sort_key="starts_at",
            ),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("language", label=_("Language"), accessor="get_language_display"),
            DateColumn("submitted_at", label=_("Submitted")),
        ]

    @staticmethod
    def _review_url(instance):
        return reverse("city_events_admin:review", args=[instance.pk])

    def get_common_view_kwargs(self, **kwargs):
        # There is no "add" view: no view of this viewset may link to one.
        return {**super().get_common_view_kwargs(**kwargs), "add_url_name": None}

    def get_urlpatterns(self):
        # No "add": cities register events from My city.
        patterns = [p for p in super().get_urlpatterns() if p.name not in {"add", "copy"}]
        return [*patterns, path("review/<int:pk>/", review_event, name="review")]


city_event_viewset = CityEventViewSet("city_events_admin")


@hooks.register("register_admin_viewset")
def register_city_events():
    return city_event_viewset
