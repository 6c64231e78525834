"""Open-data URLs of the summits (under /<language>/open-data/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("summits/<slug:summit>/programme.ics", views.programme_ics, name="summit_programme_ics"),
    path(
        "summits/<slug:summit>/signatories.csv",
        views.signatories_csv,
        name="declaration_signatories_csv",
    ),
]
