"""URLs of the site search (under each language's prefix)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggestions, name="search_suggest"),
]
