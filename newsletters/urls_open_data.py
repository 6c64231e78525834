"""Open-data URLs of the newsletters (under /<language>/open-data/)."""

from django.urls import path

from .feeds import NewslettersAtomFeed, NewslettersFeed

urlpatterns = [
    path("newsletters.rss", NewslettersFeed(), name="newsletters_rss"),
    path("newsletters.atom", NewslettersAtomFeed(), name="newsletters_atom"),
]
