"""The exhibitions in the admin: who moderates, the report per summit, the dashboard panel."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from core.i18n import localized_by_key
from summits.models import SummitPage

from .models import Contribution, ContributionReport, ExhibitionPage, PanelPage
from .open_data import contributions_csv_response

MODERATORS_GROUP = "Moderators"  # core.moderation.MODERATORS: the same people moderate
TOP_PROPOSALS = 10


def can_moderate(user):
    return bool(
        user.is_authenticated
        and user.is_active
        and (
            user.is_superuser
            or user.has_perm("exhibitions.change_contribution")
            or user.groups.filter(name=MODERATORS_GROUP).exists()
        )
    )


def summits_with_exhibitions():
    """Summits (one per translation key, in the admin's language) that have an exhibition."""
    exhibitions = ExhibitionPage.objects.all()
    paths = {page.path[: -ExhibitionPage.steplen] for page in exhibitions}
    summits = list(SummitPage.objects.filter(path__in=paths))
    local = localized_by_key(summits, Locale.get_active())
    return sorted(
        {summit.translation_key: local[summit.translation_key] for summit in summits}.values(),
        key=lambda summit: summit.start_date,
        reverse=True,
    )


def _titles(model, keys, locale):
    pages = {page.translation_key: page for page in model.objects.filter(translation_key__in=keys)}
    local = localized_by_key(list(pages.values()), locale)
    return {key: local[key].title for key in pages}


def summit_report_context(summit):
    locale = Locale.get_active()
    contributions = Contribution.objects.for_summit(summit)
    by_status = dict(
        contributions.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    approved = contributions.public()
    panel_counts = list(approved.values("panel_key").annotate(n=Count("pk")).order_by("-n"))
    panel_titles = _titles(PanelPage, [row["panel_key"] for row in panel_counts], locale)
    city_counts = list(
        approved.exclude(city_key=None).values("city_key").annotate(n=Count("pk")).order_by("-n")
    )
    city_titles = {}
    for row in city_counts:
        city = Contribution(city_key=row["city_key"]).city(locale)
        city_titles[row["city_key"]] = city.title if city else "—"
    languages = dict(Contribution._meta.get_field("language").choices)
    language_counts = approved.values("language").annotate(n=Count("pk")).order_by("-n")
    proposals = list(
        approved.filter(kind=Contribution.Kind.PROPOSAL)
        .with_supports()
        .order_by("-support_count", "created_at")[:TOP_PROPOSALS]
    )
    proposal_panels = _titles(PanelPage, {p.panel_key for p in proposals}, locale)
    for proposal in proposals:
        proposal.panel_title = proposal_panels.get(proposal.panel_key, "")
    return {
        "summit": summit,
        "by_status": [
            (label, by_status.get(value, 0)) for value, label in Contribution.Status.choices
        ],
        "panels": [(panel_titles.get(r["panel_key"], "—"), r["n"]) for r in panel_counts],
        "cities": [(city_titles[r["city_key"]], r["n"]) for r in city_counts],
        "languages": [
            (languages.get(r["language"], r["language"]), r["n"]) for r in language_counts
        ],
        "proposals": proposals,
        "reported": ContributionReport.objects.filter(
            contribution__summit_key=summit.translation_key
        )
        .values("contribution")
        .distinct()
        .count(),
        "csv_url": reverse("exhibition_summit_csv", args=[summit.pk]),
        "listing_url": reverse("wagtailsnippets_exhibitions_contribution:list")
        + f"?summit={summit.translation_key}",
    }


def summit_report(request, pk):
    if not can_moderate(request.user):
        raise PermissionDenied
    summit = get_object_or_404(SummitPage, pk=pk)
    return render(request, "exhibitions/admin/summit_report.html", summit_report_context(summit))


def summit_csv(request, pk):
    """The summit's approved contributions for its report (the same columns as the open data)."""
    if not can_moderate(request.user):
        raise PermissionDenied
    return contributions_csv_response(get_object_or_404(SummitPage, pk=pk))


class ExhibitionsPanel(Component):
    """Residents' contributions at a glance: waiting for moderation, reported, per summit."""

    name = "exhibition_contributions"
    order = 95

    def render_html(self, parent_context):
        listing = reverse("wagtailsnippets_exhibitions_contribution:list")
        return render_to_string(
            "exhibitions/admin/dashboard_panel.html",
            {
                "pending": Contribution.objects.filter(status=Contribution.Status.PENDING).count(),
                "pending_url": f"{listing}?status={Contribution.Status.PENDING}",
                "reported": Contribution.objects.filter(reports__isnull=False).distinct().count(),
                "reported_url": f"{listing}?reported=1",
                "summits": [
                    {
                        "summit": summit,
                        "approved": Contribution.objects.for_summit(summit).public().count(),
                        "report_url": reverse("exhibition_summit_report", args=[summit.pk]),
                    }
                    for summit in summits_with_exhibitions()
                ],
            },
            request=parent_context["request"],
        )
