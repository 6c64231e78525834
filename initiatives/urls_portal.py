"""My city → initiatives (under /<language>/my-city/initiatives/)."""

from django.urls import path

from .portal_views import initiative_form

urlpatterns = [
    path("new/", initiative_form, name="initiative_new"),
    path("<int:page_id>/edit/", initiative_form, name="initiative_edit"),
]
