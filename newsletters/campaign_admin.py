"""Admin for sending newsletters: campaigns with live progress, test emails, email previews."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateTimeInput, Button
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet

from core.admin_i18n import TranslatableSnippetViewSet

from .models import Audience, Campaign, NewsletterPage, ReminderMessage, ReminderRule
from .rendering import newsletter_in, render_newsletter
from .sending import audience, progress
from .tasks import start_campaign


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["newsletter", "audience", "audience_language", "audience_country", "send_at"]
        widgets = {"send_at": AdminDateTimeInput}

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        # The newsletter in the default language: each recipient gets their translation.
        self.fields["newsletter"].queryset = NewsletterPage.objects.filter(
            locale=Locale.get_default()
        ).order_by("-latest_revision_created_at")
        self.fields["send_at"].help_text = gettext_lazy(
            "Now, or a later time: the campaign waits in the database until then."
        )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("audience")
        if kind == Audience.LANGUAGE and not cleaned.get("audience_language"):
            self.add_error("audience_language", _("Choose the language of this audience."))
        if kind == Audience.COUNTRY and not cleaned.get("audience_country"):
            self.add_error("audience_country", _("Choose the country of this audience."))
        newsletter = cleaned.get("newsletter")
        if newsletter is not None and not newsletter.live:
            self.add_error("newsletter", _("Publish the newsletter before sending it."))
        return cleaned


class ProgressColumn(Column):
    cell_template_name = "newsletters/admin/progress_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["progress"] = progress(instance)
        context["url"] = reverse("newsletter_campaign_progress", args=[instance.pk])
        return context


class CampaignCreateView(CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("newsletter", "").isdigit():
            initial["newsletter"] = int(self.request.GET["newsletter"])
        return initial

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        campaign = super().save_instance()
        from django.utils import timezone

        if campaign.send_at <= timezone.now():
            start_campaign.delay_on_commit(campaign.pk)
        return campaign

    def get_success_url(self):
        return reverse("newsletter_campaign_progress", args=[self.object.pk])


class CampaignEditView(EditView):
    """Only a campaign that has not started can change."""

    def dispatch(self, request, *args, **kwargs):
        campaign = get_object_or_404(Campaign, pk=kwargs.get("pk"))
        if campaign.status != Campaign.Status.SCHEDULED:
            return redirect("newsletter_campaign_progress", pk=campaign.pk)
        return super().dispatch(request, *args, **kwargs)


class CampaignViewSet(ModelViewSet):
    model = Campaign
    form_fields = ["newsletter", "audience", "audience_language", "audience_country", "send_at"]
    icon = "mail"
    menu_label = gettext_lazy("Campaigns")
    menu_order = 320
    add_to_admin_menu = True
    list_display = [
        "newsletter",
        "audience",
        "send_at",
        "status",
        ProgressColumn("progress", label=gettext_lazy("Progress")),
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


def _require_sender(request):
    if not request.user.has_perm("newsletters.add_campaign"):
        raise PermissionDenied


def campaign_progress(request, pk):
    """The campaign's live progress: an HTML page, or JSON for the page's polling."""
    _require_sender(request)
    campaign = get_object_or_404(Campaign.objects.select_related("newsletter"), pk=pk)
    data = progress(campaign)
    if request.GET.get("format") == "json":
        return JsonResponse(data)
    return render(
        request,
        "newsletters/admin/campaign_progress.html",
        {
            "campaign": campaign,
            "progress": data,
            "audience_size": audience(campaign).count() if not data["total"] else data["total"],
            "json_url": reverse("newsletter_campaign_progress", args=[pk]) + "?format=json",
        },
    )


def campaign_start_now(request, pk):
    """Send a scheduled campaign at once (POST)."""
    _require_sender(request)
    campaign = get_object_or_404(Campaign, pk=pk, status=Campaign.Status.SCHEDULED)
    if request.method == "POST":
        from django.utils import timezone

        Campaign.objects.filter(pk=pk).update(send_at=timezone.now())
        start_campaign.delay_on_commit(campaign.pk)
        messages.success(request, _("The campaign is starting."))
    return redirect("newsletter_campaign_progress", pk=pk)


def email_preview(request, page_id):
    """The email of a newsletter page as a recipient in its language would see it."""
    page = get_object_or_404(NewsletterPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    language = request.GET.get("language", page.locale.language_code)
    rendered = render_newsletter(newsletter_in(page, language))
    if request.GET.get("format") == "text":
        return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")
    return HttpResponse(rendered.html)


def send_test(request, page_id):
    """Send the newsletter's email in each chosen language to the editor themself."""
    from django.core.mail import EmailMultiAlternatives

    page = get_object_or_404(NewsletterPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit() or not request.user.email:
        raise PermissionDenied
    if request.method == "POST":
        languages = [code for code in request.POST.getlist("language") if code]
        for language in languages or [page.locale.language_code]:
            rendered = render_newsletter(newsletter_in(page, language))
            html_body, text_body = rendered.for_recipient("#")
            email = EmailMultiAlternatives(
                subject=f"[{_('Test')}] {rendered.subject}",
                body=text_body,
                to=[request.user.email],
                headers={"Content-Language": rendered.language},
            )
            email.attach_alternative(html_body, "text/html")
            email.send()
        messages.success(
            request, _("Test email sent to %(email)s.") % {"email": request.user.email}
        )
        return redirect("wagtailadmin_pages:edit", page_id)
    from django.conf import settings

    return render(
        request,
        "newsletters/admin/send_test.html",
        {"page": page, "languages": settings.LANGUAGES},
    )


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
    yield Button(
        _("Send a test to myself"),
        reverse("newsletter_send_test", args=[page.pk]),
        icon_name="mail",
        priority=81,
    )
    if user.has_perm("newsletters.add_campaign"):
        yield Button(
            _("Send as a campaign"),
            reverse(campaign_viewset.get_url_name("add")) + f"?newsletter={page.pk}",
            icon_name="mail",
            priority=82,
        )


class ReminderRuleViewSet(ModelViewSet):
    """Editors keep the reminders before 16 May: how many days before, and which message."""

    model = ReminderRule
    icon = "date"
    menu_label = gettext_lazy("Reminder rules")
    menu_order = 321
    add_to_admin_menu = True
    form_fields = ["days_before", "message", "active"]
    list_display = ["__str__", "message", "active"]
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_reminder_rules():
    return ReminderRuleViewSet("reminder_rules")


class ReminderMessageViewSet(TranslatableSnippetViewSet):
    """The reminders' text, translated with wagtail-localize like any snippet."""

    model = ReminderMessage
    icon = "mail"
    menu_label = gettext_lazy("Reminder messages")
    list_display = ["name", "subject"]


register_snippet(ReminderMessageViewSet)
