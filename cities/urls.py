"""Open-data URLs of the city directory (under /<language>/open-data/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("cities.geojson", views.cities_geojson, name="cities_geojson"),
    path(
        "badges/<slug:city>/signatory-<slug:summit>.svg",
        views.signatory_badge_svg,
        name="signatory_badge",
    ),
    path(
        "badges/<slug:city>/capital-<int:year>.svg", views.capital_badge_svg, name="capital_badge"
    ),
]
