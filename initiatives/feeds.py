"""RSS and Atom feeds of the newest initiatives, in the language of the URL."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from wagtail.models import Locale

from home.open_data import uid_domain

from .open_data import initiative_index, published_initiatives

FEED_LENGTH = 50


@dataclass
class FeedRequest:
    """What one request's feed needs: the Feed instance is shared by every request."""

    request: object
    locale: object


class InitiativesFeed(Feed):
    """The 50 most recently published initiatives, newest first (RSS 2.0)."""

    def get_object(self, request, *args, **kwargs):
        return FeedRequest(request=request, locale=Locale.get_active())

    def title(self, obj):
        return gettext("Initiatives of member cities – Observatory of Mayors on Living Together")

    def description(self, obj):
        return gettext("The newest initiatives that member cities share to live together.")

    subtitle = description

    def link(self, obj):
        index = initiative_index(obj.locale)
        if index is not None:
            return index.get_full_url(obj.request)
        return obj.request.build_absolute_uri(reverse("open_data"))

    def feed_url(self, obj):
        return obj.request.build_absolute_uri()

    def items(self, obj):
        initiatives = published_initiatives(
            obj.locale,
            order_by=("-first_published_at", "-start_date", "title"),
            limit=FEED_LENGTH,
        )
        for initiative in initiatives:
            initiative.feed_url = initiative.get_full_url(obj.request)
        return initiatives

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_url

    def item_guid(self, item):
        # A tag URI (RFC 4151): the address changes with the slug, the page id does not.
        return f"tag:{uid_domain()},2025:initiative:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.listing_city.title if item.listing_city else None

    def item_categories(self, item):
        return [item.get_kind_display(), *(theme.name for theme in item.listing_themes)]


class InitiativesAtomFeed(InitiativesFeed):
    feed_type = Atom1Feed
