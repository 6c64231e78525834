"""My city (under /<language>/my-city/)."""

from django.urls import path

from . import portal_views

urlpatterns = [
    path("", portal_views.my_city, name="my_city"),
    path("profile/", portal_views.city_profile, name="city_profile"),
]
