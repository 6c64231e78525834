"""Site-wide views: robots.txt, and the pages of the tree (Wagtail's serve, routed faster)."""

from django.http import HttpResponse
from django.urls import reverse
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
