"""Residents discuss a panel with mayors: contribute, confirm by email, edit or delete, support,
report; member cities answer as their city.

The routes live on ``PanelPage`` (RoutablePageMixin). Nothing appears before a moderator
approves it (``exhibitions.moderation``). A resident has no account: the first
contribution of an address is confirmed by the link in an email, and every email
carries the contribution's own edit-or-delete link (``exhibitions.tokens``). Whether
an address wrote before never shows on screen: the answer is the same, only the
email differs.
"""

import logging

from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language, gettext

from cities.accounts import team_for_user
from core.emails import absolute_url, queue_templated_email
from core.public_forms import hit

from .forms import CityAnswerForm, ContributionForm, EditContributionForm, ReportForm
from .models import Contribution, ContributionReport, ExhibitionHost, Support
from .moderation import notify_host_team, reindex_panel
from .tokens import confirm_max_age, confirm_token, contribution_to_confirm, contribution_to_manage
from .tokens import manage_token as make_manage_token

logger = logging.getLogger(__name__)

SUPPORT_LIMIT = (60, 60 * 60)


def page_url(page, request=None, route=None, **kwargs):
    url = page.get_url(request) or page.url
    if route:
        url += page.reverse_subpage(route, kwargs=kwargs or None)
    return url


def host_for(panel, value):
    """The host a link or form names, if it hosts this panel's exhibition; else None."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    exhibition_key = panel.get_parent().translation_key
    return ExhibitionHost.objects.filter(pk=pk, exhibition_key=exhibition_key).first()


def city_team(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return team_for_user(user)


def visitor(request):
    """A digest of the visitor's session: one support and one report each, no personal data."""
    if not request.session.session_key:
        request.session.save()
    return salted_hmac("exhibitions.visitor", request.session.session_key).hexdigest()[:40]


def discussion(panel, locale=None):
    """The panel's public contributions, newest first, each with its public answers."""
    contributions = list(
        panel.public_contributions().with_supports().select_related("parent").order_by("created_at")
    )
    cities = {}

    def city_of(item):
        if item.city_key is None:
            return None
        if item.city_key not in cities:
            cities[item.city_key] = item.city(locale)
        return cities[item.city_key]

    top, answers = [], {}
    for item in contributions:
        item.listing_city = city_of(item)
        if item.parent_id is None:
            top.append(item)
        else:
            answers.setdefault(item.parent_id, []).append(item)
    for item in top:
        item.listing_answers = answers.get(item.pk, [])
    top.reverse()
    return top


def panel_context(panel, request, form=None, answer_form=None, **kwargs):
    host = host_for(panel, request.GET.get("host"))
    if form is not None:
        host = host_for(panel, form.data.get("host")) or host
    team = city_team(request)
    answering_city = team.city() if team else None
    if form is None and answering_city is None:
        form = ContributionForm(request=request, initial={"host": host.pk if host else None})
    if answering_city is not None and answer_form is None:
        answer_form = CityAnswerForm()
    return {
        "contribution_form": form,
        "answer_form": answer_form,
        "answering_city": answering_city,
        "host": host,
        "host_city": host.city() if host else None,
        "contributions": discussion(panel),
        "report_form": ReportForm(request=request),
        "contribute_url": page_url(panel, request, "contribute"),
        "answer_url": page_url(panel, request, "answer"),
    }


def _email_context(panel, request, contribution):
    # Nothing the visitor typed goes into the email but their own text, for them.
    return {
        "panel": panel.title,
        "panel_url": absolute_url(page_url(panel, request)),
        "manage_url": absolute_url(
            page_url(panel, request, "manage", token=make_manage_token(contribution))
        ),
        "valid_days": max(1, confirm_max_age() // (24 * 3600)),
    }


def _post_only(request):
    return HttpResponseNotAllowed(["POST"]) if request.method != "POST" else None


def contribute(panel, request):
    """POST contribute/: a contribution and an email (a known address skips confirming)."""
    if request.method != "POST":
        return HttpResponseRedirect(page_url(panel, request) + "#discussion")
    form = ContributionForm(request.POST, request=request)
    if not form.is_valid():
        response = panel.render(request, form=form)
        response.status_code = 429 if form.rate_limited else 400
        return response
    data = form.cleaned_data
    host = host_for(panel, data.get("host"))
    known = Contribution.objects.filter(
        email=data["email"], answered_as_city=False, confirmed_at__isnull=False
    ).exists()
    now = timezone.now()
    contribution = Contribution.objects.create(
        panel=panel,
        panel_key=panel.translation_key,
        summit_key=panel.get_parent().get_parent().translation_key,
        kind=data["kind"],
        body=data["body"],
        name=data["name"].strip(),
        email=data["email"],
        language=get_language(),
        host=host,
        city_key=host.city_key if host else None,
        # An address confirmed once needs no new confirmation: its email still has the links.
        status=Contribution.Status.PENDING if known else Contribution.Status.UNCONFIRMED,
        confirmed_at=now if known else None,
    )
    context = _email_context(panel, request, contribution)
    if known:
        queue_templated_email(
            "contribution_received", contribution.email, context, contribution.language
        )
        notify_host_team(contribution)
    else:
        context["confirm_url"] = absolute_url(
            page_url(panel, request, "confirm", token=confirm_token(contribution))
        )
        queue_templated_email(
            "contribution_confirm", contribution.email, context, contribution.language
        )
    return HttpResponseRedirect(page_url(panel, request, "thanks"))


def _render(panel, request, template, status=200, **context):
    return TemplateResponse(
        request, template, {"page": panel, "self": panel, **context}, status=status
    )


def thanks(panel, request):
    return _render(
        panel,
        request,
        "exhibitions/contribution_thanks.html",
        valid_days=confirm_max_age() // 86400,
    )


def confirm(panel, request, token):
    """GET confirm/<token>/: the contribution goes to the moderators. Idempotent."""
    try:
        contribution = contribution_to_confirm(token, panel)
    except signing.SignatureExpired:
        return _render(panel, request, "exhibitions/link_invalid.html", 400, expired=True)
    except signing.BadSignature:
        return _render(panel, request, "exhibitions/link_invalid.html", 400, expired=False)
    with transaction.atomic():
        confirmed = Contribution.objects.filter(
            pk=contribution.pk, status=Contribution.Status.UNCONFIRMED
        ).update(status=Contribution.Status.PENDING, confirmed_at=timezone.now())
        contribution.refresh_from_db()
        if confirmed:
            notify_host_team(contribution)
    return _render(
        panel,
        request,
        "exhibitions/contribution_confirmed.html",
        contribution=contribution,
        manage_url=page_url(panel, request, "manage", token=make_manage_token(contribution)),
    )


def manage(panel, request, token):
    """GET/POST manage/<token>/: the author edits (back to moderation) or deletes their text."""
    try:
        contribution = contribution_to_manage(token, panel)
    except signing.BadSignature:
        return _render(panel, request, "exhibitions/link_invalid.html", 400, expired=False)
    form = EditContributionForm(initial={"body": contribution.body})
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            with transaction.atomic():
                was_public = contribution.status == Contribution.Status.APPROVED
                contribution.delete()
                if was_public:
                    reindex_panel(panel.translation_key)
            return _render(panel, request, "exhibitions/contribution_deleted.html")
        form = EditContributionForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                was_public = contribution.status == Contribution.Status.APPROVED
                contribution.body = form.cleaned_data["body"]
                contribution.edited_at = timezone.now()
                # The link came by email: following it confirms the address too.
                contribution.confirmed_at = contribution.confirmed_at or contribution.edited_at
                contribution.status = Contribution.Status.PENDING
                contribution.save()
                if was_public:
                    reindex_panel(panel.translation_key)
            messages.success(
                request, gettext("Your changes are saved. The moderators read them again.")
            )
            return HttpResponseRedirect(request.path)
    return _render(
        panel,
        request,
        "exhibitions/contribution_manage.html",
        contribution=contribution,
        form=form,
        status=400 if form.errors else 200,
    )


def _public_contribution(panel, pk, **filters):
    contribution = (
        panel.public_contributions().filter(pk=pk, **filters).select_related("parent").first()
    )
    if contribution is None:
        raise Http404
    return contribution


def support(panel, request, pk):
    """POST support/<pk>/: "I support this" on a public proposal, once per visitor."""
    if refused := _post_only(request):
        return refused
    contribution = _public_contribution(panel, pk, kind=Contribution.Kind.PROPOSAL)
    back = page_url(panel, request) + f"#contribution-{contribution.pk}"
    if not hit(request, "exhibition-support", *SUPPORT_LIMIT):
        messages.error(request, gettext("Too many attempts from your connection. Please wait."))
        return HttpResponseRedirect(back)
    try:
        with transaction.atomic():
            Support.objects.create(contribution=contribution, supporter=visitor(request))
        messages.success(request, gettext("Thank you: your support is counted."))
    except IntegrityError:
        messages.info(request, gettext("You already support this proposal."))
    return HttpResponseRedirect(back)


def report(panel, request, pk):
    """POST report/<pk>/: a resident asks the moderators to look at a contribution again."""
    if refused := _post_only(request):
        return refused
    contribution = _public_contribution(panel, pk)
    form = ReportForm(request.POST, request=request)
    back = page_url(panel, request) + f"#contribution-{contribution.pk}"
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or gettext("Please try again."))
        return HttpResponseRedirect(back)
    try:
        with transaction.atomic():
            ContributionReport.objects.create(
                contribution=contribution,
                reason=form.cleaned_data["reason"],
                reporter=visitor(request),
            )
    except IntegrityError:
        pass  # reported once already: the same thanks
    messages.success(request, gettext("Thank you. The moderators will look at it."))
    return HttpResponseRedirect(back)


def answer(panel, request):
    """POST answer/: a member city's account answers, as its own city and no other."""
    if refused := _post_only(request):
        return refused
    team = city_team(request)
    if team is None:
        raise Http404
    form = CityAnswerForm(request.POST)
    parent = None
    if form.is_valid() and form.cleaned_data.get("parent"):
        parent = panel.public_contributions().filter(pk=form.cleaned_data["parent"]).first()
        if parent is None or parent.parent_id is not None:
            form.add_error(None, gettext("This contribution cannot be answered."))
    if not form.is_valid():
        response = panel.render(request, answer_form=form)
        response.status_code = 400
        return response
    city = team.city()
    now = timezone.now()
    Contribution.objects.create(
        panel=panel,
        panel_key=panel.translation_key,
        summit_key=panel.get_parent().get_parent().translation_key,
        kind=Contribution.Kind.ANSWER,
        parent=parent,
        body=form.cleaned_data["body"],
        name=city.title,
        language=get_language(),
        # The city is the signed-in team's: nothing in the request can name another.
        city_key=team.city_key,
        answered_as_city=True,
        author=request.user,
        status=Contribution.Status.PENDING,
        confirmed_at=now,
    )
    messages.success(
        request,
        gettext("Your city's answer is sent. It appears once the moderators approve it."),
    )
    return HttpResponseRedirect(page_url(panel, request) + "#discussion")
