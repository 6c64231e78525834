"""Open-data URLs of the city directory (under /<language>/open-data/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("cities.geojson", views.cities_geojson, name="cities_geojson"),
]
