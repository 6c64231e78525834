"""The site search page: live, public pages of the active language."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    search_query = request.GET.get("query", "").strip()[:MAX_QUERY_LENGTH]
    if search_query:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).search(search_query)
        )
    else:
        results = Page.objects.none()
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "search/search.html", {"search_query": search_query, "search_results": page}
    )
