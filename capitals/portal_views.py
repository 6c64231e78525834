"""My city → Capital of Living Together: open calls, eligibility, the city's application."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities.accounts import city_member_required
from core.uploads import save_document
from initiatives.forms import DocumentFormSet

from .cycle import application_collection
from .models import CapitalApplication, CapitalCall


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = CapitalApplication
        fields = ["motivation", "planned_activities"]
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 8}),
            "planned_activities": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "motivation": gettext_lazy("Why your city, and what living together means there."),
            "planned_activities": gettext_lazy(
                "What your city plans for 16 May as Capital: events, partners, audiences."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.max_length = 20000


@city_member_required
def capital_calls(request):
    team = request.city_team
    calls = CapitalCall.objects.order_by("-year")
    applications = {a.call_id: a for a in CapitalApplication.objects.filter(city_key=team.city_key)}
    rows = []
    for call in calls:
        application = applications.get(call.pk)
        if not call.is_open and application is None:
            continue
        rows.append({"call": call, "application": application})
    probe = CapitalApplication(city_key=team.city_key)
    eligibility = {}
    for row in rows:
        probe.call = row["call"]
        eligibility[row["call"].pk] = probe.is_eligible()
    for row in rows:
        row["eligible"] = eligibility[row["call"].pk]
    return render(
        request,
        "capitals/calls.html",
        {"city": team.city(), "rows": rows},
    )


@city_member_required
def capital_application(request, year):
    team = request.city_team
    call = get_object_or_404(CapitalCall, year=year)
    application = CapitalApplication.objects.filter(call=call, city_key=team.city_key).first()
    if not call.is_open:
        messages.warning(request, _("This call is closed: applications can no longer change."))
        return redirect("capital_calls")
    probe = application or CapitalApplication(call=call, city_key=team.city_key)
    eligible = probe.is_eligible()
    if request.method == "POST":
        form = ApplicationForm(request.POST, instance=application)
        documents = DocumentFormSet(request.POST, request.FILES, prefix="documents")
        if form.is_valid() and documents.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                saved.call = call
                saved.city_key = team.city_key
                saved.language = translation.get_language()
                if "submit" in request.POST:
                    saved.status = CapitalApplication.Status.SUBMITTED
                    saved.submitted_at = timezone.now()
                    saved.submitted_by = request.user
                elif saved.submitted_by_id is None:
                    saved.submitted_by = request.user
                saved.save()
                collection = None
                for subform in documents.forms:
                    upload = subform.cleaned_data.get("file")
                    if not upload:
                        continue
                    collection = collection or application_collection(saved, team)
                    document = save_document(
                        upload,
                        title=subform.cleaned_data["title"],
                        collection=collection,
                        user=request.user,
                    )
                    saved.documents.add(document)
            if saved.status == CapitalApplication.Status.SUBMITTED:
                messages.success(
                    request,
                    _("Your application is submitted. You can change it until the deadline."),
                )
            else:
                messages.success(request, _("Draft saved."))
            return redirect("capital_calls")
        status = 400
    else:
        form = ApplicationForm(instance=application)
        documents = DocumentFormSet(prefix="documents")
        status = 200
    return render(
        request,
        "capitals/application_form.html",
        {
            "city": team.city(),
            "call": call,
            "application": application,
            "eligible": eligible,
            "form": form,
            "document_formset": documents,
        },
        status=status,
    )
