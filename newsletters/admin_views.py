"""Admin views for subscribers: the listing with its chart, the CSV import, editor unsubscribe."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from core.csv import SafeSpreadsheetExportMixin

from .charts import growth_svg, subscriber_growth
from .contacts import import_subscribers, withdraw
from .forms import IMPORT_COLUMNS, SubscriberImportForm
from .models import ConsentEvent, Subscriber, SubscriberStatus

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
