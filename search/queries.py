"""Site search: clean the query, find live public pages, group them, highlight excerpts.

The search backend (modelsearch's database backend) ranks the results, accents ignored
on SQLite and PostgreSQL alike; when it finds nothing, a fallback also matches parts of
words (``core.full_text``).
"""

import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page

from core.caching import cached
from core.full_text import (
    clean_query,
    fold,
    matches,
    model_class,
    query_terms,
    visible_pages,
)

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
EXCERPT_LENGTH = 220


@dataclass(frozen=True)
class ResultType:
    """A group of search results: one or more page models under one heading."""

    slug: str
    label: str
    models: tuple


# Page models by dotted label; the last group takes every other page type.
RESULT_TYPES = (
    ResultType("initiatives", _("Initiatives"), ("initiatives.InitiativePage",)),
    ResultType("cities", _("Cities"), ("cities.CityPage",)),
    ResultType(
        "summits",
        _("Summits and declarations"),
        ("summits.SummitPage", "summits.DeclarationPage"),
    ),
    ResultType(
        "capitals",
        _("Capitals and the International Day"),
        ("capitals.CapitalPage", "international_day.InternationalDayPage"),
    ),
    ResultType(
        "exhibitions",
        _("Exhibitions and discussions"),
        ("exhibitions.ExhibitionPage", "exhibitions.PanelPage"),
    ),
    ResultType("newsletters", _("Newsletters"), ("newsletters.NewsletterPage",)),
    ResultType("pages", _("Pages"), ()),
)
RESULT_TYPES_BY_SLUG = {result_type.slug: result_type for result_type in RESULT_TYPES}
# Fields read, in this order, for a result's excerpt.
EXCERPT_FIELDS = (
    "summary",
    "introduction",
    "subtitle",
    "preheader",
    "search_description",
    "description",
)


def result_type_of(content_type_id, types_by_content_type):
    return types_by_content_type.get(content_type_id, RESULT_TYPES_BY_SLUG["pages"])


def types_by_content_type():
    from django.contrib.contenttypes.models import ContentType

    mapping = {}
    for result_type in RESULT_TYPES:
        for label in result_type.models:
            content_type = ContentType.objects.get_for_model(model_class(label))
            mapping[content_type.pk] = result_type
    return mapping


def highlight(text, query, length=EXCERPT_LENGTH):
    """A short excerpt of ``text`` around the first match, matches wrapped in <mark>.

    Matching ignores case and accents; the text is escaped before any markup is added.
    """
    text = " ".join(str(text or "").split())
    if not text:
        return ""
    # Fold character by character so positions in the folded text map back.
    folded_chars, origin = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char):
            folded_chars.append(folded_char)
            origin.append(index)
    folded_text = "".join(folded_chars)
    spans = []
    for term in query_terms(query):
        needle = fold(term)
        if not needle:
            continue
        for match in re.finditer(re.escape(needle), folded_text):
            spans.append((origin[match.start()], origin[match.end() - 1] + 1))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    begin = 0
    if merged and merged[0][0] > length // 3:
        begin = text.rfind(" ", 0, merged[0][0] - length // 3) + 1
    finish = min(len(text), begin + length)
    if finish < len(text):
        space = text.rfind(" ", begin, finish)
        finish = space if space > begin else finish
    parts = ["… " if begin else ""]
    cursor = begin
    for start, end in merged:
        if end <= begin or start >= finish:
            continue
        start, end = max(start, begin), min(end, finish)
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(escape(text[cursor:finish]))
    if finish < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped


def text_sources(page):
    """The plain texts of a page an excerpt may come from, the short ones first."""
    for name in EXCERPT_FIELDS:
        value = getattr(page, name, "")
        if value and isinstance(value, str):
            yield strip_tags(value)
    # An exhibition panel is also found by its approved contributions.
    contributions = getattr(page, "public_contributions_text", None)
    if callable(contributions):
        yield contributions()
    for name in ("body", "preamble"):
        value = getattr(page, name, None)
        stream_block = getattr(value, "stream_block", None)
        if stream_block is not None:
            try:
                yield " ".join(
                    strip_tags(text) for text in stream_block.get_searchable_content(value)
                )
            except Exception:  # noqa: S112 - an odd block must not break the results
                continue


def excerpt_for(page, query):
    """The highlighted excerpt of the first text that contains a query term, else the first text."""
    needles = [fold(term) for term in query_terms(query)]
    first = ""
    for text in text_sources(page):
        text = Truncator(text).chars(5000)
        if not first:
            first = text
        if any(needle in fold(text) for needle in needles):
            return highlight(text, query)
    return highlight(first, query)


@dataclass
class SearchResult:
    page: Page
    result_type: ResultType
    excerpt: str
    context: str = ""


@dataclass
class SiteSearch:
    """What the search page shows for one query."""

    query: str
    all_languages: bool
    locale: Locale
    type_slug: str = ""
    counts: list = field(default_factory=list)
    total: int = 0
    page_obj: object = None
    results: list = field(default_factory=list)
    promotions: list = field(default_factory=list)


def record_hit(query_string):
    """``Query.get(…).add_hit()`` in one UPDATE when today's row exists (after the first hit).

    Wagtail's reads the query, then today's row, then writes it: three round trips on
    every search where one does.
    """
    from django.db.models import F
    from django.utils import timezone

    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    today = timezone.now().date()
    today_row = QueryDailyHits.objects.filter(query__query_string=query_string, date=today)
    if not today_row.update(hits=F("hits") + 1):
        Query.get(query_string).add_hit(today)


def _promoted_queries():
    from wagtail.contrib.search_promotions.models import SearchPromotion

    return frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True))


def promoted_queries():
    """The queries editors promote results for, without a query (``core.caching``).

    Kept with the site frame, which a promotion's save or delete renews: most searches
    have no promotion and need not ask for one.
    """
    return cached("search:promoted-queries", _promoted_queries)


def promotions_for(query, pages):
    """Editors' picks for ``query`` that are visible in ``pages``, and record the hit."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    normalised = normalise_query_string(query.casefold())
    try:
        record_hit(normalised)
        if normalised not in promoted_queries():
            return []
        candidates = list(
            SearchPromotion.objects.filter(query__query_string=normalised).select_related("page")
        )
    except Exception:  # promotions are a bonus, never a failure
        return []
    picks = []
    page_ids = [pick.page_id for pick in candidates if pick.page_id]
    visible = set(pages.filter(pk__in=page_ids).values_list("pk", flat=True)) if page_ids else set()
    for pick in candidates:
        if pick.page_id and pick.page_id in visible or not pick.page_id and pick.external_link_url:
            picks.append(pick)
    return picks


def search_site(
    raw_query, *, locale, all_languages=False, type_slug="", page_number=1, record=True
):
    """Run a site search: counts per type, one page of results, editors' picks."""
    query = clean_query(raw_query)
    search = SiteSearch(
        query=query,
        all_languages=all_languages,
        locale=locale,
        type_slug=type_slug if type_slug in RESULT_TYPES_BY_SLUG else "",
    )
    if not query_terms(query):
        return search
    pages = visible_pages(None if all_languages else locale)
    promotions = promotions_for(query, pages) if record else []
    promoted_ids = {pick.page_id for pick in promotions if pick.page_id}
    search.promotions = promotions
    content_types = matches(pages, query)  # {pk: content type id}, most relevant first
    mapping = types_by_content_type()
    typed = [
        (pk, result_type_of(content_type_id, mapping))
        for pk, content_type_id in content_types.items()
        if pk not in promoted_ids
    ]
    search.total = len(typed)
    search.counts = [
        (result_type, sum(1 for _pk, kind in typed if kind.slug == result_type.slug))
        for result_type in RESULT_TYPES
    ]
    if search.type_slug:
        typed = [(pk, kind) for pk, kind in typed if kind.slug == search.type_slug]
    page_obj = Paginator(typed, RESULTS_PER_PAGE).get_page(page_number)
    by_pk = specific_pages({pk: content_types[pk] for pk, _kind in page_obj})
    search.results = [
        SearchResult(
            by_pk[pk],
            kind,
            excerpt_for(by_pk[pk], query),
            by_pk[pk].parent_title or "" if kind.slug == "initiatives" else "",
        )
        for pk, kind in page_obj
        if pk in by_pk
    ]
    search.page_obj = page_obj
    return search


def specific_pages(content_types):
    """{pk: specific page} of {pk: content type id}: a query per type, as ``specific()``.

    The types are known already (``matches``): Wagtail's ``specific()`` would ask the
    database for them first. Each page comes with its parent's title (``parent_title``:
    an initiative's city), read in the same query.
    """
    from django.contrib.contenttypes.models import ContentType

    by_type = {}
    for pk, content_type_id in content_types.items():
        by_type.setdefault(content_type_id, []).append(pk)
    parent_title = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    ).values("title")[:1]
    pages = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        found = (
            model.objects.filter(pk__in=pks)
            .select_related("locale")
            .annotate(parent_title=Subquery(parent_title))
        )
        for page in found:
            pages[page.pk] = page
    return pages


def suggest(raw_query, *, locale, limit=SUGGESTIONS):
    """Titles and URLs of live public pages of ``locale`` whose title starts like the query."""
    terms = query_terms(clean_query(raw_query))
    if not terms:
        return []
    pages = visible_pages(locale)
    text = " ".join(terms)
    try:
        # Unranked on SQLite, for the same reason as in matching_ids; shortest titles first.
        ranked = connection.vendor != "sqlite"
        found = list(pages.autocomplete(text, order_by_relevance=ranked)[: limit * 5])
        if not ranked:
            found.sort(key=lambda page: len(page.title))
        found = found[:limit]
    except Exception:  # fall back to a plain title match
        found = []
    if not found:
        condition = Q()
        for term in terms:
            condition &= Q(title__icontains=term)
        found = list(pages.filter(condition).order_by("title")[:limit])
    # Initiatives of several cities share a title: their city tells them apart.
    from django.contrib.contenttypes.models import ContentType

    initiative_type = ContentType.objects.get_for_model(
        model_class("initiatives.InitiativePage")
    ).pk
    parents = dict(
        Page.objects.filter(path__in=[page.path[: -Page.steplen] for page in found]).values_list(
            "path", "title"
        )
    )
    return [
        {
            "title": page.title,
            "url": page.get_url(),
            "context": parents.get(page.path[: -Page.steplen], "")
            if page.content_type_id == initiative_type
            else "",
        }
        for page in found
    ]
