"""Admin: Subscribers (listing with filters, search, chart, CSV export and import), dashboard panel.

Editors never add a subscriber by hand and never delete one (the consent
history is kept): people subscribe themselves, or arrive by an import with a
documented consent source. Editors can correct a subscriber's details and
unsubscribe someone (recorded with channel ``editor``).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .admin_views import (
    SubscriberEditView,
    SubscriberImportView,
    SubscriberIndexView,
    SubscribersPanel,
    SubscriberUnsubscribeView,
    can_change,
)
from .filters import SubscriberFilterSet
from .models import Subscriber


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that nobody adds or deletes subscribers here."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber), exact_class=True)


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    url_prefix = "subscribers"
    icon = "mail"
    menu_label = _("Subscribers")
    menu_order = 320
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = SubscriberIndexView
    edit_view_class = SubscriberEditView
    list_display = ["email", "name", "language", "status", "city_name", "country", "confirmed_at"]
    filterset_class = SubscriberFilterSet
    search_fields = ["email", "name"]
    ordering = ["-created_at"]
    list_per_page = 50
    list_export = [
        "email",
        "name",
        "language",
        "country",
        "city_name",
        "city",
        "status",
        "is_city_contact",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    export_headings = {name: name for name in list_export}
    export_filename = "subscribers"
    # The address itself and the status change only by the person (or "Unsubscribe").
    panels = [
        FieldPanel("name"),
        FieldPanel("language"),
        FieldPanel("city_name"),
        FieldPanel("city"),
        FieldPanel("country"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", SubscriberImportView.as_view(), name="import"),
            path("unsubscribe/<int:pk>/", SubscriberUnsubscribeView.as_view(), name="unsubscribe"),
        ]


subscriber_viewset = SubscriberViewSet("newsletters_subscriber")


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset


@hooks.register("construct_homepage_panels")
def add_subscribers_panel(request, panels):
    if can_change(request.user) or request.user.has_perm("newsletters.view_subscriber"):
        panels.append(SubscribersPanel())


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "newsletters.unsubscribe", _("Unsubscribe"), _("Unsubscribed by an editor")
    )


# Campaigns, test sends and email previews.
from . import campaign_admin  # noqa: E402, F401
