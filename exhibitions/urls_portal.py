"""My city → Exhibitions (under /<language>/my-city/exhibitions/)."""

from django.urls import path

from .portal_views import exhibitions, host_exhibition

urlpatterns = [
    path("", exhibitions, name="my_city_exhibitions"),
    path("<int:exhibition_id>/host/", host_exhibition, name="host_exhibition"),
]
