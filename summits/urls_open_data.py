"""Open-data URLs of the summits (under /<language>/open-data/)."""

from django.urls import path

from . import views
from .badges import signatory_badge_svg

urlpatterns = [
    path("summits/<slug:summit>/programme.ics", views.programme_ics, name="summit_programme_ics"),
    path(
        "summits/<slug:summit>/signatories.csv",
        views.signatories_csv,
        name="declaration_signatories_csv",
    ),
    path(
        "badges/<slug:city>/signatory-<slug:summit>.svg",
        signatory_badge_svg,
        name="signatory_badge",
    ),
]
