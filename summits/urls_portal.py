"""Member-city portal URLs of the summits (included under /<language>/my-city/signatures/)."""

from django.urls import path

from . import portal

urlpatterns = [
    path("<int:signature_id>/upgrade/", portal.signature_upgrade, name="signature_upgrade"),
]
