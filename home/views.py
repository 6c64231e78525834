"""Site-wide views: robots.txt, the web app manifest, and the pages of the tree (Wagtail's
serve, routed faster)."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail import views as wagtail_views

from .frame import route_for_request


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /healthz",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def serve_page(request, path):
    """Wagtail's serve view, the page found by ``home.frame.route_for_request``."""
    route_for_request(request, path)
    return wagtail_views.serve(request, path)


@require_GET
@cache_control(max_age=86400, public=True)
def web_manifest(request):
    """The icons and name a phone shows for the site added to its home screen."""
    icons = [
        {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("img/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    data = {
        "name": _("International Observatory of Mayors on Living Together"),
        "short_name": _("Observatory"),
        "icons": icons,
        "theme_color": "#14365f",
        "background_color": "#ffffff",
        "display": "browser",
        "start_url": "/",
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def favicon_ico(request):
    """Browsers and feed readers ask for /favicon.ico before they read the page's links."""
    return redirect(static("img/favicon.ico"), permanent=True)
