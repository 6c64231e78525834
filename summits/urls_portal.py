"""Member-city portal URLs of the summits (included under /<language>/my-city/signatures/)."""

from django.urls import path

from . import portal_views

urlpatterns = [
    path("<int:signature_id>/upgrade/", portal_views.signature_upgrade, name="signature_upgrade"),
]
