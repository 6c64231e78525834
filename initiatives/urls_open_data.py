"""Open-data URLs of the initiatives (under /<language>/open-data/)."""

from django.urls import path

from .feeds import InitiativesAtomFeed, InitiativesFeed
from .views import initiatives_csv

urlpatterns = [
    path("initiatives.csv", initiatives_csv, name="initiatives_csv"),
    path("initiatives.rss", InitiativesFeed(), name="initiatives_rss"),
    path("initiatives.atom", InitiativesAtomFeed(), name="initiatives_atom"),
]
