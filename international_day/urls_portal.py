"""My city → 16 May events (under /<language>/my-city/events/)."""

from django.urls import path

from .portal_views import city_event_form

urlpatterns = [
    path("new/", city_event_form, name="city_event_new"),
    path("<int:event_id>/edit/", city_event_form, name="city_event_edit"),
]
