"""The open-data page and the helpers every app's data endpoints share (iCalendar, feeds).

CSV downloads come from ``core.csv``.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .i18n import active_locale
from .sections import DATASETS, section_items

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass
class Dataset:
    """One endpoint on the open-data page."""

    title: str
    description: str
    url: str
    format: str


def calendar_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def uid_domain():
    """The host that makes calendar UIDs globally unique (stable: it is the public one)."""
    return urlsplit(settings.BASE_URL).hostname or "observatory.local"


@dataclass
class FeedRequest:
    """What one request's feed needs: a Feed instance is shared by every request."""

    request: object
    locale: object


class LanguageFeed(Feed):
    """A feed of pages in the language of the URL, with stable tag-URI ids (RFC 4151).

    Subclasses give ``guid_kind`` and the items; the link, dates and ids are shared.
    """

    guid_kind = "page"
    item_guid_is_permalink = False

    def get_object(self, request, *args, **kwargs):
        return FeedRequest(request=request, locale=active_locale())

    def feed_url(self, obj):
        return obj.request.build_absolute_uri()

    def item_title(self, item):
        return item.title

    def item_guid(self, item):
        # The address changes with the slug, the page id does not.
        return f"tag:{uid_domain()},2025:{self.guid_kind}:{item.pk}"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


def all_datasets(request):
    """Every app's datasets: each registers a ``core.sections.DATASETS`` hook."""
    return section_items(DATASETS, request)


@require_GET
def open_data(request):
    """Every open-data endpoint in the active language, with the licence."""
    return render(
        request,
        "open_data.html",
        {
            "datasets": all_datasets(request),
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "api_root": request.build_absolute_uri("/api/v2/"),
            "locale": active_locale(),
            "page_title": _("Open data"),
        },
    )
