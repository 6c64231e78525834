"""Core's views: Wagtail's document serve view kept out of shared caches for private files,
and ``form_token``, the CSRF token and clock a public form on a cached page fetches."""

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve

from .media_privacy import is_private
from .public_forms import form_clock


def serve_document(request, document_id, document_filename):
    """Wagtail's serve view (its hooks refuse outsiders: ``core.media_privacy``).

    A private document's answer is for the person who asked: no proxy or CDN may
    keep it for the next visitor.
    """
    response = serve(request, document_id, document_filename)
    document = get_document_model().objects.select_related("collection").get(pk=document_id)
    if is_private(document.collection):
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ("Cookie",))
    return response


@never_cache
@require_GET
def form_token(request):
    """Never cached: each visitor's own token (and its cookie), and a fresh clock."""
    return JsonResponse({"csrf": get_token(request), "started": form_clock()})
