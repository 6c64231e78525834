"""URLs: the admin and machine endpoints unprefixed, the public site under /<language>/.

Apps are included by name, never imported: the project sits below every app.
"""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.static import serve

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .api import api_router
from .health import healthz

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Before Wagtail's own: the same serve view, with private documents kept out of caches.
    path("documents/", include("core.urls_documents")),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("healthz", healthz, name="healthz"),
    # The email service's tracking webhook (django-anymail, authenticated by its secret;
    # refused whole while none is set).
    path("webhooks/anymail/", include("newsletters.urls_webhooks")),
    path("", include("home.urls")),
    path("", include("core.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

if settings.DEBUG or settings.SERVE_MEDIA:
    # Images and their renditions on the local disk (SERVE_MEDIA). Documents are not
    # served from here: Wagtail's /documents/ view checks their collection's privacy.
    urlpatterns += [
        re_path(
            r"^{}(?P<path>(?:original_images|images)/.*)$".format(
                re.escape(settings.MEDIA_URL.lstrip("/"))
            ),
            cache_control(max_age=30 * 24 * 3600, public=True)(serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# `/` has no page of its own: LocaleMiddleware sends it to the visitor's language.
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    # The member-city portal: accounts, My city and what a city submits.
    path("accounts/", include("cities.urls_accounts")),
    path("my-city/", include("cities.urls_portal")),
    path("my-city/initiatives/", include("initiatives.urls_portal")),
    path("my-city/signatures/", include("summits.urls_portal")),
    path("my-city/capital/", include("capitals.urls_portal")),
    path("my-city/events/", include("international_day.urls_portal")),
    path("my-city/exhibitions/", include("exhibitions.urls_portal")),
    path("newsletters/", include("newsletters.urls")),
    # Open data: each app serves its own data under one prefix, before the page tree.
    path("open-data/", include("core.urls_open_data")),
    path("open-data/", include("cities.urls_open_data")),
    path("open-data/", include("initiatives.urls_open_data")),
    path("open-data/", include("summits.urls_open_data")),
    path("open-data/", include("capitals.urls_open_data")),
    path("open-data/", include("exhibitions.urls_open_data")),
    path("open-data/", include("international_day.urls_open_data")),
    path("open-data/", include("newsletters.urls_open_data")),
    # Wagtail's page URLs, pages found by the router of home.frame.
    path("", include("home.urls_pages")),
    prefix_default_language=True,
)
