"""/documents/<id>/<name>: Wagtail's serve view, through ``core.views.serve_document``."""

from django.urls import path

from .views import serve_document

urlpatterns = [
    path("<int:document_id>/<str:document_filename>", serve_document),
]
