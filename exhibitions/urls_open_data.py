"""Open-data URLs of the exhibitions (under /<language>/open-data/)."""

from django.urls import path

from .open_data import ContributionsFeed, contributions_csv

urlpatterns = [
    path(
        "exhibitions/<slug:summit>/contributions.csv",
        contributions_csv,
        name="exhibition_contributions_csv",
    ),
    path(
        "exhibitions/<slug:summit>/contributions.atom",
        ContributionsFeed(),
        name="exhibition_contributions_atom",
    ),
]
