"""Filtering and facet counts of the initiative index: theme, country, city, kind and year.

An initiative lives under its CityPage, so its city is the page whose tree path is
the initiative's path minus one step: filters and counts by city and country use
that parent path in SQL instead of ``get_parent()`` per initiative.
"""

from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Cast, ExtractYear, Length, Substr

from wagtail.models import Page

from cities.models import CityPage, Theme
from core.i18n import default_locale
from core.restrictions import private_q

from .models.pages import (
    CARD_DEFERRED_FIELDS,
    InitiativeKind,
    InitiativePage,
    attach_card_images,
)
from .search import search_initiatives as full_text

FILTER_NAMES = ("theme", "country", "city", "kind", "year")
STEPLEN = Page.steplen


@dataclass
class Facet:
    """One value a filter can take, with how many initiatives it would list."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class InitiativeSearch:
    """The initiatives matching ``selected``, and the counts of every filter value."""

    initiatives: object
    selected: dict
    facets: dict = field(default_factory=dict)
    cities_by_path: dict = field(default_factory=dict)
    themes_by_slug: dict = field(default_factory=dict)

    @property
    def is_filtered(self):
        return bool(self.selected)

    @property
    def total(self):
        """How many initiatives match, from the facet counts: every initiative has one kind."""
        return sum(
            facet.count
            for facet in self.facets.get("kind", [])
            if facet.selected or "kind" not in self.selected
        )


def with_city_path(queryset):
    """Annotate each initiative with the tree path of its parent city."""
    return queryset.annotate(city_path=Substr("path", 1, Length("path") - STEPLEN))


def localized_themes(locale):
    """Themes by slug, in ``locale`` where translated, else in the default language (one query)."""
    default = default_locale()

    def rank(theme):
        return (theme.locale_id != locale.pk, theme.locale_id != default.pk)

    themes = {}
    for theme in Theme.objects.all():
        if theme.slug not in themes or rank(theme) < rank(themes[theme.slug]):
            themes[theme.slug] = theme
    return dict(sorted(themes.items(), key=lambda item: (item[1].sort_order, item[1].name)))


def country_codes(cities_by_path):
    """{city path: its country's code}: ``city.country`` builds a Country at each reading."""
    return {path: city.country.code for path, city in cities_by_path.items()}


def parse_filters(params, *, cities_by_path, themes_by_slug):
    """The valid filters in a GET query; unknown or malformed values are left out."""
    city_slugs = {city.slug for city in cities_by_path.values()}
    countries = set(country_codes(cities_by_path).values())
    selected = {}
    theme = params.get("theme", "")
    if theme in themes_by_slug:
        selected["theme"] = theme
    country = params.get("country", "").upper()
    if country in countries:
        selected["country"] = country
    city = params.get("city", "")
    if city in city_slugs:
        selected["city"] = city
    kind = params.get("kind", "")
    if kind in InitiativeKind.values:
        selected["kind"] = kind
    year = params.get("year", "")
    if year.isdigit() and 1900 <= int(year) <= 2100:
        selected["year"] = year
    return selected


def apply_filters(queryset, selected, cities_by_path, *, leave_out=None):
    """``queryset`` (annotated by ``with_city_path``) narrowed by every filter but ``leave_out``."""
    filters = {name: value for name, value in selected.items() if name != leave_out}
    if "theme" in filters:
        queryset = queryset.filter(themes__slug=filters["theme"])
    if "country" in filters:
        codes = country_codes(cities_by_path)
        paths = [path for path, code in codes.items() if code == filters["country"]]
        queryset = queryset.filter(city_path__in=paths)
    if "city" in filters:
        paths = [p for p, c in cities_by_path.items() if c.slug == filters["city"]]
        queryset = queryset.filter(city_path__in=paths)
    if "kind" in filters:
        queryset = queryset.filter(kind=filters["kind"])
    if "year" in filters:
        queryset = queryset.filter(start_date__year=int(filters["year"]))
    return queryset


# The expression each facet counts by (city and country both by the city's path).
FACET_EXPRESSIONS = {
    "theme": F("themes__slug"),
    "country": F("city_path"),
    "city": F("city_path"),
    "kind": F("kind"),
    "year": ExtractYear("start_date"),
}


def all_counts(base, selected, cities_by_path):
    """{facet: {value: count}} for every facet, in one query (five grouped counts, UNION ALL)."""
    parts = [
        apply_filters(base, selected, cities_by_path, leave_out=name)
        .order_by()
        .annotate(
            facet_name=Value(name, output_field=CharField()),
            facet=Cast(expression, output_field=CharField()),
        )
        .values("facet_name", "facet")
        .annotate(n=Count("pk", distinct=True))
        for name, expression in FACET_EXPRESSIONS.items()
    ]
    counts = {name: {} for name in FACET_EXPRESSIONS}
    for row in parts[0].union(*parts[1:], all=True):
        counts[row["facet_name"]][row["facet"]] = row["n"]
    return counts


def facet_counts(base, selected, cities_by_path, themes_by_slug):
    """For each filter, its values with the count they'd give alongside the other filters.

    One grouped count per filter, all in one query: the counts don't cost more as
    initiatives grow.
    """
    facets = {}
    counts = all_counts(base, selected, cities_by_path)

    theme_counts = counts["theme"]
    facets["theme"] = [
        Facet(slug, theme.name, theme_counts.get(slug, 0), selected.get("theme") == slug)
        for slug, theme in themes_by_slug.items()
    ]

    codes = country_codes(cities_by_path)
    countries = {}
    for path, count in counts["country"].items():
        code = codes.get(path)
        if code is not None:
            countries[code] = countries.get(code, 0) + count
    # Each country's name once (translated at each reading), not once per city.
    all_countries = {}
    for path, code in codes.items():
        if code not in all_countries:
            all_countries[code] = cities_by_path[path].country.name
    facets["country"] = sorted(
        (
            Facet(code, name, countries.get(code, 0), selected.get("country") == code)
            for code, name in all_countries.items()
        ),
        key=lambda facet: facet.label,
    )

    by_city = counts["city"]
    facets["city"] = sorted(
        (
            Facet(city.slug, city.title, by_city.get(path, 0), selected.get("city") == city.slug)
            for path, city in cities_by_path.items()
        ),
        key=lambda facet: facet.label,
    )

    kinds = counts["kind"]
    facets["kind"] = [
        Facet(value, label, kinds.get(value, 0), selected.get("kind") == value)
        for value, label in InitiativeKind.choices
    ]

    years = {int(year): count for year, count in counts["year"].items() if year is not None}
    facets["year"] = [
        Facet(str(year), str(year), count, selected.get("year") == str(year))
        for year, count in sorted(years.items(), reverse=True)
    ]
    return facets


def search_initiatives(locale, params):
    """The live, public initiatives of ``locale`` that match the GET ``params``, with facets."""
    cities_by_path = {
        city.path: city
        for city in CityPage.objects.live()
        .exclude(private_q())
        .filter(locale=locale)
        .only("path", "slug", "title", "country", "translation_key", "locale")
        .order_by("title")
    }
    themes_by_slug = localized_themes(locale)
    selected = parse_filters(params, cities_by_path=cities_by_path, themes_by_slug=themes_by_slug)
    base = with_city_path(InitiativePage.objects.live().exclude(private_q()).filter(locale=locale))
    # Full text first, so that every facet counts within the matching initiatives.
    base = full_text(base, params.get("q", ""))
    initiatives = (
        apply_filters(base, selected, cities_by_path)
        .order_by("-start_date", "title")
        .defer(*CARD_DEFERRED_FIELDS)
    )
    return InitiativeSearch(
        initiatives=initiatives,
        selected=selected,
        facets=facet_counts(base, selected, cities_by_path, themes_by_slug),
        cities_by_path=cities_by_path,
        themes_by_slug=themes_by_slug,
    )


def theme_slugs(initiatives):
    """{initiative id: its themes' slugs, in the themes' order}, in one query.

    The slugs are enough: the index has every theme in the reader's language by slug
    (``localized_themes``), so no theme is built for each card.
    """
    rows = (
        InitiativePage.themes.through.objects.filter(
            initiativepage_id__in=[initiative.pk for initiative in initiatives]
        )
        .order_by("theme__sort_order", "theme__name")
        .values_list("initiativepage_id", "theme__slug")
    )
    slugs = {}
    for initiative_id, slug in rows:
        slugs.setdefault(initiative_id, []).append(slug)
    return slugs


def decorate(initiatives, search):
    """Give each listed initiative its city and its themes in the active locale (one query)."""
    slugs = theme_slugs(initiatives) if initiatives else {}
    for initiative in initiatives:
        initiative.listing_city = search.cities_by_path.get(initiative.path[:-STEPLEN])
        initiative.listing_themes = [
            search.themes_by_slug[slug]
            for slug in slugs.get(initiative.pk, ())
            if slug in search.themes_by_slug
        ]
    return attach_card_images(initiatives)
