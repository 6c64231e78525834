"""Open data of the initiatives: the CSV of one language (the feeds are in feeds.py)."""

from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.csv import csv_response
from core.i18n import active_locale
from core.open_data import Dataset

from .open_data import published_initiatives


@require_GET
@cache_control(max_age=3600, public=True)
def initiatives_csv(request):
    header = [
        gettext("title"),
        gettext("city"),
        gettext("country"),
        gettext("kind"),
        gettext("themes"),
        gettext("start"),
        gettext("end"),
        gettext("url"),
    ]
    rows = (
        [
            initiative.title,
            initiative.listing_city.title if initiative.listing_city else "",
            initiative.listing_city.country.name if initiative.listing_city else "",
            initiative.get_kind_display(),
            "; ".join(theme.name for theme in initiative.listing_themes),
            initiative.start_date.isoformat(),
            initiative.end_date.isoformat() if initiative.end_date else "",
            initiative.get_full_url(request),
        ]
        for initiative in published_initiatives(active_locale())
    )
    response = csv_response(f"observatory-initiatives-{get_language()}.csv", header, rows)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def datasets(request):
    return [
        Dataset(
            title=gettext("Initiatives (CSV)"),
            description=gettext(
                "One row per initiative in this language: title, city, country, kind, "
                "themes, start and end dates, address."
            ),
            url=request.build_absolute_uri(reverse("initiatives_csv")),
            format="CSV",
        ),
        Dataset(
            title=gettext("Newest initiatives (RSS)"),
            description=gettext("The 50 most recently published initiatives, newest first."),
            url=request.build_absolute_uri(reverse("initiatives_rss")),
            format="RSS 2.0",
        ),
        Dataset(
            title=gettext("Newest initiatives (Atom)"),
            description=gettext("The same feed in the Atom format."),
            url=request.build_absolute_uri(reverse("initiatives_atom")),
            format="Atom",
        ),
    ]
