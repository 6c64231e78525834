"""The site search page and the header's suggestions: live, public pages only."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from core.caching import cached
from core.i18n import active_locale
from core.restrictions import private_q

from .queries import search_site, suggest


def local_page(model_label, locale):
    """The live page of a singleton type in ``locale`` (for the no-results links).

    Kept with the site frame (``core.caching``), which any page's change renews.
    """
    from django.apps import apps

    def build():
        model = apps.get_model(model_label)
        return model.objects.live().exclude(private_q()).filter(locale=locale).first()

    return cached(f"search:local-page:{model_label}:{locale.pk}", build)


@require_GET
def search(request):
    locale = active_locale()
    all_languages = request.GET.get("lang") == "all"
    result = search_site(
        request.GET.get("query", ""),
        locale=locale,
        all_languages=all_languages,
        type_slug=request.GET.get("type", ""),
        page_number=request.GET.get("page"),
    )
    context = {"search": result, "search_query": result.query}
    if result.query and not result.total and not result.promotions:
        context["initiative_index"] = local_page("initiatives.InitiativeIndexPage", locale)
        context["city_index"] = local_page("cities.CityIndexPage", locale)
    return TemplateResponse(request, "search/search.html", context)


@require_GET
def suggestions(request):
    results = suggest(request.GET.get("q", ""), locale=active_locale())
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "public, max-age=60"
    return response
