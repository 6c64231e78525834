"""Admin views of the 16 May events: the listing, and the review (approve or reject)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.admin.views import generic

from .events import approve_event, can_review, reject_event
from .forms import ApproveForm, RejectForm
from .models import CityEvent


class CityEventIndexView(generic.IndexView):
    default_ordering = "-starts_at"

    def get_add_url(self):
        return None  # no "add" view: cities register events from My city

    def get_edit_url(self, instance):
        return reverse("city_events_admin:review", args=[instance.pk])


def review_event(request, pk):
    """An event as the city wrote it, with Approve and Reject-with-comment."""
    if not can_review(request.user):
        raise PermissionDenied
    event = get_object_or_404(CityEvent.objects.select_related("image"), pk=pk)
    approve_form = ApproveForm(prefix="approve")
    reject_form = RejectForm(prefix="reject")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "approve":
            approve_form = ApproveForm(request.POST, prefix="approve")
            if approve_form.is_valid():
                if approve_event(event, request.user, approve_form.cleaned_data["comment"]):
                    messages.success(
                        request,
                        _("“%(title)s” is approved; the city is being told.")
                        % {"title": event.title},
                    )
                else:
                    messages.warning(request, _("This event is not waiting for review."))
                return redirect("city_events_admin:index")
        elif action == "reject":
            reject_form = RejectForm(request.POST, prefix="reject")
            if reject_form.is_valid():
                if reject_event(event, request.user, reject_form.cleaned_data["comment"]):
                    messages.success(
                        request,
                        _("The city is being asked to change “%(title)s”.")
                        % {"title": event.title},
                    )
                else:
                    messages.warning(request, _("This event is not waiting for review."))
                return redirect("city_events_admin:index")
        status = 400
    city = event.city()
    return TemplateResponse(
        request,
        "international_day/admin/review_event.html",
        {
            "event": event,
            "city": city,
            "approve_form": approve_form,
            "reject_form": reject_form,
            "can_decide": event.status == CityEvent.Status.SUBMITTED,
            "edit_url": reverse("city_events_admin:edit", args=[event.pk]),
            "index_url": reverse("city_events_admin:index"),
        },
        status=status,
    )
