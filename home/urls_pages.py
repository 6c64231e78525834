"""The page tree's URLs: Wagtail's, with its serve view behind the router of home.frame."""

from django.urls import re_path

from wagtail import urls as wagtail_urls

from .views import serve_page

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
]
