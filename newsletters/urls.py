"""Subscribing, confirming and unsubscribing (under /<language>/newsletters/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("subscribe/", views.subscribe, name="newsletter_subscribe"),
    path("subscribe/thanks/", views.thanks, name="newsletter_thanks"),
    path("confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("unsubscribe/<uuid:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
]
