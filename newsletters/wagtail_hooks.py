"""The newsletters in the admin: subscribers, campaigns, reminders, a newsletter's email buttons.

Editors never add a subscriber by hand and never delete one (the consent
history is kept): people subscribe themselves, or arrive by an import with a
documented consent source. Editors can correct a subscriber's details and
unsubscribe someone (recorded with channel ``editor``).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.admin_i18n import TranslatableSnippetViewSet
from core.admin_menus import EMAIL_MENU, INTERNATIONAL_DAY_MENU

from .admin_views import (
    CampaignCreateView,
    CampaignEditView,
    CampaignForm,
    NewsletterEditView,
    ProgressColumn,
    SubscriberEditView,
    SubscriberImportView,
    SubscriberIndexView,
    SubscribersPanel,
    SubscriberUnsubscribeView,
    campaign_progress,
    campaign_start_now,
    can_change,
    email_preview,
    send_test,
)
from .filters import SubscriberFilterSet
from .models import Campaign, NewsletterPage, ReminderMessage, ReminderRule, Subscriber


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
    menu_hook = EMAIL_MENU
    menu_order = 10
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
        FieldPanel("name", help_text=_("How the emails greet the subscriber.")),
        FieldPanel("language", help_text=_("Emails go to the subscriber in this language.")),
        FieldPanel("city_name", help_text=_("The city the subscriber gave, as written.")),
        FieldPanel("city", help_text=_("The member city, when the subscriber's city is one.")),
        FieldPanel(
            "country", help_text=_("Campaigns can be sent to the subscribers of one country.")
        ),
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


# Campaigns, email previews and test sends, reminders -------------------------------------


class CampaignViewSet(ModelViewSet):
    model = Campaign
    form_fields = ["newsletter", "audience", "audience_language", "audience_country", "send_at"]
    icon = "mail"
    menu_label = _("Campaigns")
    menu_hook = EMAIL_MENU
    menu_order = 20
    list_display = [
        "newsletter",
        "audience",
        "send_at",
        "status",
        ProgressColumn("progress", label=_("Progress")),
    ]
    list_filter = ["status", "audience"]
    inspect_view_enabled = False
    add_view_class = CampaignCreateView
    edit_view_class = CampaignEditView

    def get_form_class(self, for_update=False):
        return CampaignForm


campaign_viewset = CampaignViewSet("campaigns")


@hooks.register("register_admin_viewset")
def register_campaigns():
    return campaign_viewset


@hooks.register("register_admin_urls")
def campaign_urls():
    return [
        path("campaign-progress/<int:pk>/", campaign_progress, name="newsletter_campaign_progress"),
        path("campaign-start/<int:pk>/", campaign_start_now, name="newsletter_campaign_start"),
        path("newsletter-email/<int:page_id>/", email_preview, name="newsletter_email_preview"),
        path("newsletter-test/<int:page_id>/", send_test, name="newsletter_send_test"),
    ]


@hooks.register("register_page_header_buttons")
def newsletter_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, NewsletterPage):
        return
    yield Button(
        _("Preview the email"),
        reverse("newsletter_email_preview", args=[page.pk]),
        icon_name="mail",
        priority=80,
    )


class NewsletterPageViewSet(PageViewSet):
    """Newsletter pages edit with their email actions in the header."""

    model = NewsletterPage
    edit_view_class = NewsletterEditView


@hooks.register("register_admin_viewset")
def register_newsletter_pages():
    return NewsletterPageViewSet()


class ReminderRuleViewSet(ModelViewSet):
    """Editors keep the reminders before 16 May: how many days before, and which message."""

    model = ReminderRule
    icon = "date"
    menu_label = _("Reminder rules")
    menu_hook = INTERNATIONAL_DAY_MENU
    menu_order = 20
    form_fields = ["days_before", "message", "active"]
    list_display = [
        "__str__",
        "message",
        StatusFlagColumn(
            "active", label=_("Active"), true_label=_("Active"), false_label=_("Paused")
        ),
    ]
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_reminder_rules():
    return ReminderRuleViewSet("reminder_rules")


class ReminderMessageViewSet(TranslatableSnippetViewSet):
    """The reminders' text, translated with wagtail-localize like any snippet."""

    model = ReminderMessage
    icon = "mail"
    menu_label = _("Reminder messages")
    menu_hook = INTERNATIONAL_DAY_MENU
    menu_order = 30
    list_display = ["name", "subject"]


register_snippet(ReminderMessageViewSet)
