"""My city → Capital of Living Together (under /<language>/my-city/capital/)."""

from django.urls import path

from .portal_views import capital_application, capital_calls

urlpatterns = [
    path("", capital_calls, name="capital_calls"),
    path("<int:year>/", capital_application, name="capital_application"),
]
