"""The initiatives of one language, with their city and themes, for the feeds and the CSV."""

from cities.models import CityPage
from core.i18n import active_locale

from .filters import STEPLEN, localized_themes
from .models import InitiativeIndexPage, InitiativePage


def published_initiatives(locale, order_by=("-start_date", "title"), limit=None):
    """Live initiatives of ``locale``, each with ``listing_city`` and ``listing_themes`` set.

    A fixed number of queries whatever their number: cities by tree path, themes by slug.
    """
    cities_by_path = {
        city.path: city for city in CityPage.objects.live().public().filter(locale=locale)
    }
    themes_by_slug = localized_themes(locale)
    initiatives = (
        InitiativePage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by(*order_by)
        .prefetch_related("themes")
    )
    if limit:
        initiatives = initiatives[:limit]
    initiatives = list(initiatives)
    for initiative in initiatives:
        initiative.listing_city = cities_by_path.get(initiative.path[:-STEPLEN])
        initiative.listing_themes = [
            themes_by_slug.get(theme.slug, theme) for theme in initiative.themes.all()
        ]
    return initiatives


def initiative_index(locale=None):
    locale = locale or active_locale()
    return InitiativeIndexPage.objects.live().public().filter(locale=locale).first()
