"""RSS and Atom feeds of the newsletter archive, in the language of the URL."""

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from core.open_data import Dataset, LanguageFeed

from .models import NewsletterIndexPage, NewsletterPage

FEED_LENGTH = 30


class NewslettersFeed(LanguageFeed):
    """The newest published newsletters of this language (RSS 2.0)."""

    guid_kind = "newsletter"

    def title(self, obj):
        return gettext("Newsletters – Observatory of Mayors on Living Together")

    def description(self, obj):
        return gettext("The newsletters of the Observatory, newest first.")

    subtitle = description

    def link(self, obj):
        index = NewsletterIndexPage.objects.live().public().filter(locale=obj.locale).first()
        if index is not None:
            return index.get_full_url(obj.request)
        return obj.request.build_absolute_uri(reverse("open_data"))

    def items(self, obj):
        return list(
            NewsletterPage.objects.live()
            .public()
            .filter(locale=obj.locale)
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )

    def item_description(self, item):
        return item.preheader or item.subject

    def item_link(self, item):
        return item.full_url


class NewslettersAtomFeed(NewslettersFeed):
    feed_type = Atom1Feed


def datasets(request):
    return [
        Dataset(
            title=gettext("Newsletters (RSS)"),
            description=gettext("The newest newsletters in this language."),
            url=request.build_absolute_uri(reverse("newsletters_rss")),
            format="RSS 2.0",
        ),
        Dataset(
            title=gettext("Newsletters (Atom)"),
            description=gettext("The same feed in the Atom format."),
            url=request.build_absolute_uri(reverse("newsletters_atom")),
            format="Atom",
        ),
    ]
