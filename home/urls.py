"""Machine-read URLs of the site as a whole: robots.txt, sitemap, web manifest, /favicon.ico."""

from django.urls import path

from wagtail.contrib.sitemaps.views import sitemap

from .sitemaps import MultilingualSitemap
from .views import favicon_ico, robots_txt, web_manifest

urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("site.webmanifest", web_manifest, name="web_manifest"),
    path("favicon.ico", favicon_ico, name="favicon_ico"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
]
