"""Open-data URLs of 16 May (under /<language>/open-data/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("international-day.ics", views.international_day_ics, name="international_day_ics"),
    path("events.ics", views.city_events_ics, name="city_events_ics"),
]
