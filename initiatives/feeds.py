"""RSS and Atom feeds of the newest initiatives, in the language of the URL."""

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from core.open_data import LanguageFeed

from .open_data import initiative_index, published_initiatives

FEED_LENGTH = 50


class InitiativesFeed(LanguageFeed):
    """The 50 most recently published initiatives, newest first (RSS 2.0)."""

    guid_kind = "initiative"

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

    def items(self, obj):
        initiatives = published_initiatives(
            obj.locale,
            order_by=("-first_published_at", "-start_date", "title"),
            limit=FEED_LENGTH,
        )
        for initiative in initiatives:
            initiative.feed_url = initiative.get_full_url(obj.request)
        return initiatives

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_url

    def item_author_name(self, item):
        return item.listing_city.title if item.listing_city else None

    def item_categories(self, item):
        return [item.get_kind_display(), *(theme.name for theme in item.listing_themes)]


class InitiativesAtomFeed(InitiativesFeed):
    feed_type = Atom1Feed
