"""The exhibitions in the admin: contributions to moderate (with bulk approve and reject and
filters by summit, panel, city and language), the report per summit, the dashboard panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets import Button
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from cities.models import CityPage
from core.i18n import localized_by_key
from summits.models import SummitPage

from .admin_views import (
    ExhibitionsPanel,
    can_moderate,
    summit_csv,
    summit_report,
    summits_with_exhibitions,
)
from .models import Contribution, PanelPage
from .moderation import approve, reject


class ContributionPermissionPolicy(ModelPermissionPolicy):
    """Moderators view and change contributions; nobody adds one here (residents write them)."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if super().user_has_permission(user, action):
            return True
        return action in {"view", "change", "delete"} and can_moderate(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Contribution, ContributionPermissionPolicy(Contribution))


def _summit_choices():
    return [(str(s.translation_key), s.title) for s in summits_with_exhibitions()]


def _panel_choices():
    keys = Contribution.objects.values_list("panel_key", flat=True).distinct()
    pages = list(PanelPage.objects.filter(translation_key__in=keys))
    local = localized_by_key(pages, Locale.get_active())
    choices = {str(key): page.title for key, page in local.items()}
    return sorted(choices.items(), key=lambda item: item[1])


def _city_choices():
    keys = Contribution.objects.exclude(city_key=None).values_list("city_key", flat=True)
    pages = list(CityPage.objects.filter(translation_key__in=set(keys)))
    local = localized_by_key(pages, Locale.get_active())
    return sorted(((str(k), p.title) for k, p in local.items()), key=lambda item: item[1])


class ContributionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Contribution.Status.choices, empty_label=_("All")
    )
    summit = django_filters.ChoiceFilter(
        label=_("Summit"), choices=_summit_choices, field_name="summit_key", empty_label=_("All")
    )
    panel = django_filters.ChoiceFilter(
        label=_("Panel"), choices=_panel_choices, field_name="panel_key", empty_label=_("All")
    )
    city = django_filters.ChoiceFilter(
        label=_("City"), choices=_city_choices, field_name="city_key", empty_label=_("All")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=Contribution._meta.get_field("language").choices,
        empty_label=_("All"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Contribution.Kind.choices, empty_label=_("All")
    )
    reported = django_filters.BooleanFilter(
        label=_("Reported"), method="filter_reported", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = Contribution
        fields = ["status", "language", "kind"]

    def filter_reported(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(reports__isnull=False).distinct()
        return queryset.filter(reports__isnull=True)


def panel_title(contribution):
    panel = contribution.panel
    return panel.title if panel else "—"


def city_title(contribution):
    city = contribution.city()
    if city is None:
        return "—"
    return f"{city.title} ✓" if contribution.answered_as_city else city.title


class ContributionViewSet(SnippetViewSet):
    model = Contribution
    icon = "comment"
    menu_label = _("Contributions")
    menu_order = 335
    add_to_admin_menu = True
    url_prefix = "exhibitions/contributions"
    filterset_class = ContributionFilterSet
    search_fields = ["body", "name"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "panel",
        "kind",
        "parent",
        "body",
        "language",
        "name",
        "email",
        "answered_as_city",
        "host",
        "status",
        "created_at",
        "confirmed_at",
        "edited_at",
        "moderated_at",
        "moderated_by",
    ]
    panels = Contribution.panels
    list_display = [
        "__str__",
        Column("panel", label=_("Panel"), accessor=panel_title),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("language", label=_("Language"), accessor="get_language_display"),
        Column("city", label=_("City"), accessor=city_title),
        Column("name", label=_("Name")),
        DateColumn("created_at", label=_("Written")),
    ]
    list_export = ["id", "panel_key", "kind", "body", "language", "name", "status", "created_at"]

    def get_queryset(self, request):
        return Contribution.objects.select_related("panel")


register_snippet(ContributionViewSet)


class ModerateBulkAction(SnippetBulkAction):
    template_name = "exhibitions/admin/confirm_bulk_moderate.html"
    moderate = None

    models = [Contribution]

    def check_perm(self, obj):
        return can_moderate(self.request.user)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return cls.moderate(objects, user), 0

    def get_execution_context(self):
        return {"user": self.request.user}


@hooks.register("register_bulk_action")
class ApproveBulkAction(ModerateBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected contributions")
    action_priority = 10
    moderate = staticmethod(approve)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d contribution approved.",
            "%(count)d contributions approved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class RejectBulkAction(ModerateBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected contributions")
    action_priority = 20
    classes = {"serious"}
    moderate = staticmethod(reject)

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d contribution rejected.",
            "%(count)d contributions rejected.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


@hooks.register("register_admin_urls")
def exhibition_admin_urls():
    return [
        path("exhibitions/summits/<int:pk>/", summit_report, name="exhibition_summit_report"),
        path(
            "exhibitions/summits/<int:pk>/contributions.csv",
            summit_csv,
            name="exhibition_summit_csv",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_exhibitions_panel(request, panels):
    if can_moderate(request.user):
        panels.append(ExhibitionsPanel())


@hooks.register("register_page_header_buttons")
def summit_report_button(page, user, view_name, next_url=None):
    if page.specific_class is not SummitPage or not can_moderate(user):
        return []
    return [
        Button(
            _("Residents' contributions"),
            reverse("exhibition_summit_report", args=[page.pk]),
            icon_name="comment",
            priority=60,
        )
    ]
