"""Admin views of the newsletters: subscribers (listing and chart, CSV import, unsubscribe by an
editor, dashboard panel) and campaigns (form, live progress, start now, email preview, test send).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.edit import EditView as PageEditView
from wagtail.admin.widgets import AdminDateTimeInput, HeaderButton
from wagtail.log_actions import log
from wagtail.models import Locale

from core.csv import SafeSpreadsheetExportMixin
from observatory import outbox

from .charts import growth_svg, subscriber_growth
from .contacts import import_subscribers, withdraw
from .forms import IMPORT_COLUMNS, SubscriberImportForm
from .models import (
    Audience,
    Campaign,
    ConsentEvent,
    NewsletterPage,
    Subscriber,
    SubscriberStatus,
)
from .rendering import newsletter_in, render_newsletter
from .sending import audience, progress
from .tasks import start_campaign

URL_NAMESPACE = "newsletters_subscriber"


def admin_url(name, *args):
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def can_change(user):
    return user.has_perm("newsletters.change_subscriber")


def chart_context(request, chart_id="subscriber-growth"):
    period = request.GET.get("growth") if request is not None else None
    growth = subscriber_growth(period if period in ("week", "month") else None)
    return {
        "growth": growth,
        "growth_svg": growth_svg(growth, chart_id=chart_id),
        "receiving_count": Subscriber.objects.receiving().count(),
        "pending_count": Subscriber.objects.filter(status=SubscriberStatus.PENDING).count(),
        "city_contacts_count": Subscriber.objects.receiving().filter(is_city_contact=True).count(),
    }


class SubscriberIndexView(SafeSpreadsheetExportMixin, IndexView):
    template_name = "newsletters/admin/subscriber_index.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("city")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_change(self.request.user):
            buttons.append(
                HeaderButton(_("Import CSV"), url=admin_url("import"), icon_name="upload")
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_change(self.request.user) and instance.status in (
            SubscriberStatus.SUBSCRIBED,
            SubscriberStatus.PENDING,
        ):
            buttons.append(
                MenuItem(
                    _("Unsubscribe"),
                    url=admin_url("unsubscribe", instance.pk),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.is_export:
            context.update(chart_context(self.request))
        return context

    def to_row_dict(self, item):
        computed = {
            "city": item.city.title if item.city_id else "",
            "country": item.country.code if item.country else "",
        }
        return {
            name: computed[name] if name in computed else getattr(item, name)
            for name in self.list_export
        }


class SubscriberEditView(EditView):
    template_name = "newsletters/admin/subscriber_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consent_events"] = self.object.consent_events.order_by("at", "pk")
        context["unsubscribe_url"] = (
            admin_url("unsubscribe", self.object.pk)
            if self.object.status in (SubscriberStatus.SUBSCRIBED, SubscriberStatus.PENDING)
            else None
        )
        return context


class AdminPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_change(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": admin_url("index"), "label": capfirst_plural()},
            {"url": "", "label": self.get_page_title()},
        ]


def capfirst_plural():
    return str(Subscriber._meta.verbose_name_plural).capitalize()


class SubscriberImportView(AdminPermissionMixin, WagtailAdminTemplateMixin, FormView):
    form_class = SubscriberImportForm
    template_name = "newsletters/admin/import.html"
    page_title = _("Import subscribers")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = IMPORT_COLUMNS
        return context

    def form_valid(self, form):
        counts = import_subscribers(form.rows, form.cleaned_data["consent_source"])
        text = ngettext(
            "%(count)s subscriber imported.", "%(count)s subscribers imported.", counts["imported"]
        ) % {"count": counts["imported"]}
        if counts["already"]:
            text += " " + ngettext(
                "%(count)s was already subscribed.",
                "%(count)s were already subscribed.",
                counts["already"],
            ) % {"count": counts["already"]}
        if counts["refused"]:
            text += " " + ngettext(
                "%(count)s address was not resubscribed: it unsubscribed, bounced or complained.",
                "%(count)s addresses were not resubscribed: they unsubscribed, bounced or "
                "complained.",
                counts["refused"],
            ) % {"count": counts["refused"]}
        messages.success(self.request, text)
        return HttpResponseRedirect(admin_url("index"))

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SubscriberUnsubscribeView(AdminPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """An editor unsubscribes someone (who asked by phone, by letter…): channel editor."""

    template_name = "newsletters/admin/unsubscribe.html"
    page_title = _("Unsubscribe")
    header_icon = "cross"

    def get_subscriber(self):
        return get_object_or_404(Subscriber, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.get_subscriber().email

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["subscriber"] = self.get_subscriber()
        return context

    def post(self, request, *args, **kwargs):
        subscriber = self.get_subscriber()
        note = (request.POST.get("note") or "").strip()[:400]
        who = request.user.get_username()
        if withdraw(
            subscriber,
            ConsentEvent.Channel.EDITOR,
            request=request,
            note=f"{who}: {note}" if note else who,
        ):
            log(subscriber, "newsletters.unsubscribe", user=request.user)
            messages.success(
                request, gettext("%(email)s is unsubscribed.") % {"email": subscriber.email}
            )
        else:
            messages.warning(
                request,
                gettext("%(email)s was not subscribed.") % {"email": subscriber.email},
            )
        return HttpResponseRedirect(admin_url("index"))


class SubscribersPanel(Component):
    """The dashboard panel: how many receive the emails, and the chart."""

    name = "newsletters_subscribers"
    template_name = "newsletters/admin/dashboard_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        request = parent_context.get("request")
        context = chart_context(request, chart_id="dashboard-subscriber-growth")
        context["list_url"] = admin_url("index")
        return context


# Campaigns ----------------------------------------------------------------------------


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
        self.fields["send_at"].help_text = _(
            "Now, or a later time: the campaign waits in the database until then."
        )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("audience")
        if kind == Audience.LANGUAGE and not cleaned.get("audience_language"):
            self.add_error("audience_language", gettext("Choose the language of this audience."))
        if kind == Audience.COUNTRY and not cleaned.get("audience_country"):
            self.add_error("audience_country", gettext("Choose the country of this audience."))
        newsletter = cleaned.get("newsletter")
        if newsletter is not None and not newsletter.live:
            self.add_error("newsletter", gettext("Publish the newsletter before sending it."))
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
        if campaign.send_at <= timezone.now():
            outbox.enqueue(start_campaign, campaign.pk)
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
        with transaction.atomic():
            Campaign.objects.filter(pk=pk).update(send_at=timezone.now())
            outbox.enqueue(start_campaign, campaign.pk)
        messages.success(request, gettext("The campaign is starting."))
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
    page = get_object_or_404(NewsletterPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit() or not request.user.email:
        raise PermissionDenied
    if request.method == "POST":
        languages = [code for code in request.POST.getlist("language") if code]
        for language in languages or [page.locale.language_code]:
            rendered = render_newsletter(newsletter_in(page, language))
            html_body, text_body = rendered.for_recipient("#")
            email = EmailMultiAlternatives(
                subject=f"[{gettext('Test')}] {rendered.subject}",
                body=text_body,
                to=[request.user.email],
                headers={"Content-Language": rendered.language},
            )
            email.attach_alternative(html_body, "text/html")
            email.send()
        messages.success(
            request, gettext("Test email sent to %(email)s.") % {"email": request.user.email}
        )
        return redirect("wagtailadmin_pages:edit", page_id)
    return render(
        request,
        "newsletters/admin/send_test.html",
        {"page": page, "languages": settings.LANGUAGES},
    )


class NewsletterEditView(PageEditView):
    """A newsletter's edit view: "Send a test" and "Send as a campaign" in its header.

    They are what an editor does with a finished newsletter, so they stand next to the
    title rather than in the "…" menu (which keeps "Preview the email").
    """

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.email:
            buttons.append(
                HeaderButton(
                    _("Send a test to myself"),
                    url=reverse("newsletter_send_test", args=[self.page.pk]),
                    icon_name="mail",
                    priority=10,
                )
            )
        if self.page.live and self.request.user.has_perm("newsletters.add_campaign"):
            buttons.append(
                HeaderButton(
                    _("Send as a campaign"),
                    url=reverse("campaigns:add") + f"?newsletter={self.page.pk}",
                    icon_name="mail",
                    priority=20,
                )
            )
        return buttons
