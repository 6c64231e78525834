"""The member-city portal's part of the summits: a city's signatures, and upgrading one.

An acknowledging city commits later by uploading its council's decision: the
document goes to the city team's private collection, the signature becomes a commitment
and records when and by which decision.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext

from cities.accounts import city_member_required
from cities.media import private_collection
from core.uploads import save_document

from .forms import UpgradeForm
from .models import Signature, SignatureKind


@city_member_required
def signature_upgrade(request, signature_id):
    """A city member turns their city's acknowledgement into a commitment."""
    city = request.city_team.city()
    signature = get_object_or_404(
        Signature.objects.for_city(city).select_related("council_decision"), pk=signature_id
    )
    declaration = signature.declaration()
    if signature.kind != SignatureKind.ACKNOWLEDGE or not signature.can_upgrade:
        form = None
    elif request.method == "POST":
        form = UpgradeForm(request.POST, request.FILES)
        if form.is_valid():
            with transaction.atomic():
                document = save_document(
                    form.cleaned_data["decision"],
                    title=form.cleaned_data["decision_title"],
                    collection=private_collection(request.city_team),
                    user=request.user,
                )
                signature.kind = SignatureKind.COMMIT
                signature.upgraded_at = timezone.now()
                signature.council_decision = document
                signature.save(update_fields=["kind", "upgraded_at", "council_decision"])
            messages.success(
                request,
                gettext("Thank you: %(city)s now commits to the declaration.")
                % {"city": city.title},
            )
            return HttpResponseRedirect(request.path)
    else:
        form = UpgradeForm()
    return TemplateResponse(
        request,
        "summits/signature_upgrade.html",
        {"signature": signature, "declaration": declaration, "city": city, "form": form},
        status=400 if form is not None and form.is_bound else 200,
    )
