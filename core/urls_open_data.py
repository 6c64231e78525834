"""The open-data page (under /<language>/open-data/): every app's datasets in one list."""

from django.urls import path

from .open_data import open_data

urlpatterns = [path("", open_data, name="open_data")]
