"""Open data of the exhibitions: a summit's approved contributions as CSV and as an Atom feed.

Only what the panels show publicly: approved contributions (and answers under approved
ones), with the author's public name and city, never an email address.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.models import Locale

from core.csv import csv_response
from core.i18n import localized_by_key
from core.open_data import Dataset, LanguageFeed, uid_domain
from summits.models import SummitPage

from .models import Contribution, ExhibitionPage

FEED_LENGTH = 50


def summit_for(slug, locale=None):
    return get_object_or_404(
        SummitPage.objects.live().public(), slug=slug, locale=locale or Locale.get_active()
    )


def public_contributions(summit, locale=None):
    """The summit's public contributions, oldest first, each with its panel and city in
    ``locale`` (``listing_panel``, ``listing_city``)."""
    contributions = list(
        Contribution.objects.public()
        .for_summit(summit)
        .with_supports()
        .select_related("panel")
        .order_by("created_at")
    )
    locale = locale or summit.locale
    panels = localized_by_key([c.panel for c in contributions], locale)
    cities = {}
    for contribution in contributions:
        contribution.listing_panel = panels.get(contribution.panel.translation_key)
        key = contribution.city_key
        if key is not None and key not in cities:
            cities[key] = contribution.city(locale)
        contribution.listing_city = cities.get(key)
    return contributions


def csv_header():
    return [
        gettext("id"),
        gettext("panel"),
        gettext("kind"),
        gettext("answer to"),
        gettext("text"),
        gettext("language"),
        gettext("name"),
        gettext("city"),
        gettext("supports"),
        gettext("written"),
    ]


def csv_rows(contributions):
    for c in contributions:
        yield [
            c.pk,
            c.listing_panel.title if c.listing_panel else "",
            c.get_kind_display(),
            c.parent_id or "",
            c.body,
            c.language,
            c.name,
            c.listing_city.title if c.listing_city else "",
            c.support_count,
            c.created_at.isoformat(timespec="seconds"),
        ]


def contributions_csv_response(summit):
    contributions = public_contributions(summit)
    filename = f"{summit.slug}-exhibition-contributions-{get_language()}.csv"
    return csv_response(filename, csv_header(), csv_rows(contributions))


@require_GET
@cache_control(max_age=600, public=True)
def contributions_csv(request, summit):
    response = contributions_csv_response(summit_for(summit))
    response["Access-Control-Allow-Origin"] = "*"
    return response


class ContributionsFeed(LanguageFeed):
    """The newest approved contributions on a summit's exhibition (Atom)."""

    feed_type = Atom1Feed
    guid_kind = "exhibition-contribution"

    def get_object(self, request, summit):
        feed = super().get_object(request)
        feed.summit = summit_for(summit, feed.locale)
        return feed

    def title(self, obj):
        return gettext("Residents discuss the %(summit)s") % {"summit": obj.summit.title}

    def subtitle(self, obj):
        return gettext("Comments, proposals and cities' answers on the exhibition's panels.")

    def link(self, obj):
        exhibition = ExhibitionPage.objects.child_of(obj.summit).live().public().first()
        page = exhibition or obj.summit
        return obj.request.build_absolute_uri(page.get_url(obj.request))

    def items(self, obj):
        items = public_contributions(obj.summit, obj.locale)[-FEED_LENGTH:]
        items.reverse()
        for item in items:
            panel = item.listing_panel
            url = panel.get_url(obj.request) if panel else obj.summit.get_url(obj.request)
            item.feed_url = obj.request.build_absolute_uri(f"{url}#contribution-{item.pk}")
        return items

    def item_title(self, item):
        panel = item.listing_panel.title if item.listing_panel else ""
        return f"{item.get_kind_display()} – {panel}"

    def item_description(self, item):
        return item.body

    def item_link(self, item):
        return item.feed_url

    def item_guid(self, item):
        return f"tag:{uid_domain()},2026:{self.guid_kind}:{item.pk}"

    def item_author_name(self, item):
        if item.answered_as_city and item.listing_city:
            return item.listing_city.title
        return item.name

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.moderated_at or item.created_at


def datasets(request):
    locale = Locale.get_active()
    found = []
    exhibitions = ExhibitionPage.objects.live().public().filter(locale=locale)
    summit_paths = [page.path[: -ExhibitionPage.steplen] for page in exhibitions]
    summits = SummitPage.objects.filter(path__in=summit_paths).order_by("-start_date")
    for summit in summits:
        arguments = {"summit": summit.slug}
        found.append(
            Dataset(
                title=gettext("Residents' contributions on the exhibition of the %(summit)s (CSV)")
                % {"summit": summit.title},
                description=gettext(
                    "Approved comments, proposals and cities' answers: panel, text, language, "
                    "name, city, supports and date."
                ),
                url=request.build_absolute_uri(
                    reverse("exhibition_contributions_csv", kwargs=arguments)
                ),
                format="CSV",
            )
        )
        found.append(
            Dataset(
                title=gettext("Residents' contributions on the exhibition of the %(summit)s (Atom)")
                % {"summit": summit.title},
                description=gettext("The newest approved contributions, as a feed."),
                url=request.build_absolute_uri(
                    reverse("exhibition_contributions_atom", kwargs=arguments)
                ),
                format="Atom",
            )
        )
    return found
