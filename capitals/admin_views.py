"""Admin views of the Capital cycle: the jury's declarations and scores, the ranking, the panel."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.components import Component

from core.dates import international_day_countdown

from .cycle import declaration_of, designate, is_juror
from .models import CapitalApplication, CapitalCall, CapitalScore, JurorDeclaration


def _require_juror(request):
    if not is_juror(request.user):
        raise PermissionDenied


def jury_index(request):
    """The applications a juror has to look at, with what remains to do on each."""
    _require_juror(request)
    applications = (
        CapitalApplication.objects.filter(status=CapitalApplication.Status.SUBMITTED)
        .select_related("call")
        .order_by("-call__year", "pk")
    )
    rows = []
    for application in applications:
        declaration = declaration_of(application, request.user)
        scored = CapitalScore.objects.filter(application=application, juror=request.user).count()
        rows.append(
            {
                "application": application,
                "declaration": declaration,
                "scored": scored,
                "criteria": application.call.criteria.count(),
            }
        )
    return render(request, "capitals/admin/jury_index.html", {"rows": rows})


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=gettext_lazy("Do you have a conflict of interest with this city?"),
        choices=[
            ("False", gettext_lazy("No conflict of interest")),
            ("True", gettext_lazy("I have a conflict of interest")),
        ],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=gettext_lazy("Note (optional)"), required=False, max_length=500)


def score_form_class(call):
    fields = {
        f"criterion_{criterion.pk}": forms.IntegerField(
            label=f"{criterion.name} (0–{criterion.max_points})",
            min_value=0,
            max_value=criterion.max_points,
            help_text=criterion.description,
        )
        for criterion in call.criteria.all()
    }
    return type("ScoreForm", (forms.Form,), fields)


def jury_application(request, pk):
    """Declare a conflict (or none) first; without conflict, read the application and score it."""
    _require_juror(request)
    application = get_object_or_404(
        CapitalApplication.objects.select_related("call"),
        pk=pk,
        status=CapitalApplication.Status.SUBMITTED,
    )
    declaration = declaration_of(application, request.user)
    if declaration is None:
        form = ConflictForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            JurorDeclaration.objects.get_or_create(
                application=application,
                juror=request.user,
                defaults={
                    "has_conflict": form.cleaned_data["has_conflict"],
                    "note": form.cleaned_data["note"],
                },
            )
            return redirect("capital_jury_application", pk=pk)
        # Only the city's name until the juror has declared: no content to be swayed by.
        return render(
            request,
            "capitals/admin/declare.html",
            {"application": application, "form": form},
        )
    if declaration.has_conflict:
        return render(
            request,
            "capitals/admin/conflict.html",
            {"application": application, "declaration": declaration},
        )
    call = application.call
    ScoreForm = score_form_class(call)
    existing = {
        f"criterion_{score.criterion_id}": score.points
        for score in CapitalScore.objects.filter(application=application, juror=request.user)
    }
    closed = call.designated_id is not None
    form = ScoreForm(request.POST or None, initial=existing)
    if request.method == "POST" and not closed and form.is_valid():
        with transaction.atomic():
            for criterion in call.criteria.all():
                CapitalScore.objects.update_or_create(
                    application=application,
                    juror=request.user,
                    criterion=criterion,
                    defaults={"points": form.cleaned_data[f"criterion_{criterion.pk}"]},
                )
        messages.success(request, _("Your scores are saved."))
        return redirect("capital_jury")
    return render(
        request,
        "capitals/admin/score.html",
        {
            "application": application,
            "city": application.city(),
            "form": form,
            "closed": closed,
            "eligible": application.is_eligible(),
        },
    )


def ranking(request, pk):
    """Editors: the ranking of a call's applications, and designation of the Capital."""
    if not request.user.has_perm("capitals.change_capitalcall"):
        raise PermissionDenied
    call = get_object_or_404(CapitalCall, pk=pk)
    if request.method == "POST":
        application = get_object_or_404(
            CapitalApplication, pk=request.POST.get("application"), call=call
        )
        if not application.is_eligible():
            messages.error(request, _("This city is not eligible."))
        elif call.designated_id:
            messages.error(request, _("This call already has its Capital."))
        else:
            page = designate(call, application, request.user)
            messages.success(
                request,
                _(
                    "%(city)s is the Capital of Living Together %(year)s. Its page is a draft "
                    "for you to finish; every applicant is being told."
                )
                % {"city": application.city().title, "year": call.year},
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        return redirect("capital_ranking", pk=pk)
    conflicts = JurorDeclaration.objects.filter(application__call=call, has_conflict=True)
    return render(
        request,
        "capitals/admin/ranking.html",
        {
            "call": call,
            "applications": call.ranking(),
            "max_total": call.max_total(),
            "conflicts": conflicts.count(),
        },
    )


class CapitalCyclePanel(Component):
    """The whole cycle at a glance: open calls, applications, scores, next 16 May."""

    name = "capital_cycle"
    order = 90

    def render_html(self, parent_context):
        request = parent_context["request"]
        calls = []
        for call in CapitalCall.objects.filter(designated__isnull=True).order_by("year")[:3]:
            submitted = call.applications.filter(status=CapitalApplication.Status.SUBMITTED)
            expected = submitted.count() * max(call.criteria.count(), 1)
            calls.append(
                {
                    "call": call,
                    "open": call.is_open,
                    "applications": submitted.count(),
                    "drafts": call.applications.filter(
                        status=CapitalApplication.Status.DRAFT
                    ).count(),
                    "scores": CapitalScore.objects.filter(application__call=call).count(),
                    "expected_per_juror": expected,
                    "ranking_url": reverse("capital_ranking", args=[call.pk]),
                }
            )
        return render_to_string(
            "capitals/admin/dashboard_panel.html",
            {
                "calls": calls,
                "countdown": international_day_countdown(timezone.localdate()),
                "can_edit": request.user.has_perm("capitals.change_capitalcall"),
            },
            request=request,
        )
