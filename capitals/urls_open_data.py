"""Open-data URLs of the Capitals (under /<language>/open-data/)."""

from django.urls import path

from .badges import capital_badge_svg

urlpatterns = [
    path("badges/<slug:city>/capital-<int:year>.svg", capital_badge_svg, name="capital_badge"),
]
