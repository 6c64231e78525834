"""``form_token``: the CSRF token and clock a public form on a cached page fetches."""

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .public_forms import form_clock


@never_cache
@require_GET
def form_token(request):
    """Never cached: each visitor's own token (and its cookie), and a fresh clock."""
    return JsonResponse({"csrf": get_token(request), "started": form_clock()})
