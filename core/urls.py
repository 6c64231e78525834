"""The site's own machine endpoints, outside the languages (``form_token``)."""

from django.urls import path

from .views import form_token

urlpatterns = [path("form-token", form_token, name="form_token")]
