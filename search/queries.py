"""Site search: clean the query, find live public pages, group them, highlight excerpts.

The search backend (modelsearch's database backend) ranks the results. SQLite's FTS5
tokenizer already ignores accents; PostgreSQL's text search does not (no unaccent
extension is assumed), so there a fallback also matches titles and short texts with a
regular expression per word that accepts every accented form of its letters, and its
pages come after the ranked ones. On SQLite the fallback runs only when FTS finds
nothing (it then also finds parts of words).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_RESULTS = 500
RESULTS_PER_PAGE = 10
SUGGESTIONS = 8
EXCERPT_LENGTH = 220

# Accented letters the fallback matches for their plain letter. Upper case too:
# case-insensitive matching of a database with the C collation only folds ASCII.
_LOWER_ACCENTED = "àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőùúûüūůűųýÿžźżšśřťľĺłğşțș"
_LOWER_PLAIN = "aaaaaaaaacccdeeeeeeeeiiiiiinnnoooooooouuuuuuuuyyzzzssrtlllgsts"
ACCENTED = _LOWER_ACCENTED + _LOWER_ACCENTED.upper()
UNACCENTED = _LOWER_PLAIN + _LOWER_PLAIN


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
        ("capitals.CapitalPage", "capitals.InternationalDayPage"),
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

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# Characters that only carry meaning to a query parser: treated as spaces.
OPERATORS = re.compile(r"[\"'`*^~:()\[\]{}<>|\\;=+!?&@#$%]")


def clean_query(raw):
    """The query as a visitor may type it, made safe: short, printable, few terms."""
    text = CONTROL_CHARACTERS.sub(" ", str(raw or ""))[: MAX_QUERY_LENGTH * 4]
    text = unicodedata.normalize("NFC", text)
    terms = text.split()[:MAX_TERMS]
    return " ".join(terms)[:MAX_QUERY_LENGTH].strip()


def fold(text):
    """Lower case without accents: ``Équipe`` → ``equipe``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def query_terms(query):
    """The words of a query worth matching: operators dropped, accents folded."""
    terms, seen = [], set()
    for word in OPERATORS.sub(" ", query).split():
        if any(char.isalnum() for char in word) and fold(word) not in seen:
            seen.add(fold(word))
            terms.append(word)
    return terms[:MAX_TERMS]


def model_class(label):
    from django.apps import apps

    return apps.get_model(label)


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


def visible_pages(locale=None):
    """Pages anyone may find: live, without view restrictions, of ``locale`` if given."""
    pages = Page.objects.live().public().exclude(depth=1)
    if locale is not None:
        pages = pages.filter(locale=locale)
    return pages


# Each unaccented letter and the accented letters it stands for, in both cases.
ACCENT_VARIANTS = {}
for _accented, _plain in zip(ACCENTED, UNACCENTED, strict=True):
    ACCENT_VARIANTS.setdefault(_plain, {_plain, _plain.upper()}).add(_accented)


def accent_pattern(term):
    """A case-insensitive regular expression matching ``term`` with or without accents.

    ``equipe`` → ``[eéèêë…]quip[eéèêë…]``: PostgreSQL's ``~*`` and SQLite's REGEXP
    both understand it, and it is much faster than folding every row in SQL.
    """
    parts = []
    for char in fold(term):
        variants = ACCENT_VARIANTS.get(char)
        parts.append(f"[{''.join(sorted(variants))}]" if variants else re.escape(char))
    return "".join(parts)


# Plain-text fields the accent-insensitive fallback reads, besides title and search_description.
FALLBACK_FIELDS = {
    "initiatives.InitiativePage": ("summary",),
    "initiatives.InitiativeIndexPage": ("introduction",),
    "cities.CityPage": ("mayor",),
    "cities.CityIndexPage": ("introduction",),
    "summits.SummitIndexPage": ("introduction",),
    "summits.SummitPage": ("introduction",),
    "summits.DeclarationPage": ("subtitle",),
    "capitals.CapitalIndexPage": ("introduction",),
    "capitals.CapitalPage": ("introduction",),
    "capitals.InternationalDayPage": ("introduction",),
    "home.StandardPage": ("introduction",),
    "newsletters.NewsletterPage": ("subject", "preheader"),
    "newsletters.NewsletterIndexPage": ("introduction",),
}


def fallback_lookups():
    """Per table: the model's name (None for Page) and paths to its text fields from Page."""
    groups = [(None, ("title", "search_description"))]
    for label, names in FALLBACK_FIELDS.items():
        model = model_class(label)
        own = [name for name in names if any(f.name == name for f in model._meta.get_fields())]
        if own:
            name = model._meta.model_name
            # With the title: one word may be in the title and the other in the text.
            fields = tuple(f"{name}__{field}" for field in own)
            groups.append((name, ("title", "search_description", *fields)))
    return groups


def fallback_ids(pages, terms):
    """Ids of ``pages`` where each term is in a title or text field, accents and case ignored.

    One query per page type's table, joined to pages of that type only: one query
    joining them all (or matching every page's title again) is several times slower.
    """
    patterns = [pattern for pattern in map(accent_pattern, terms) if pattern]
    if not patterns:
        return []
    ids = []
    for model_name, lookups in fallback_lookups():
        queryset = pages
        if model_name is not None:
            queryset = queryset.filter(**{f"{model_name}__isnull": False})
        for pattern in patterns:
            condition = Q()
            for lookup in lookups:
                condition |= Q(**{f"{lookup}__iregex": pattern})
            queryset = queryset.filter(condition)
        ids += queryset.order_by("-pk").values_list("pk", flat=True)[:MAX_RESULTS]
    return list(dict.fromkeys(ids))[:MAX_RESULTS]


def matching_ids(pages, query, *, fallback=None):
    """Ids of ``pages`` matching ``query``, most relevant first (capped)."""
    terms = query_terms(query)
    if not terms:
        return []
    # SQLite's backend ranks with one FTS subquery per matching row (about a second
    # over 10,000 initiatives): there, matches in the title come first, newest first.
    ranked = connection.vendor != "sqlite"
    try:
        found = list(
            pages.search(" ".join(terms), operator="and", order_by_relevance=ranked)[:MAX_RESULTS]
        )
    except Exception:  # noqa: BLE001 - a backend error must never break the page
        found = []
    if not ranked:
        needles = [fold(term) for term in terms]
        found.sort(key=lambda page: -sum(needle in fold(page.title) for needle in needles))
    ids = [page.pk for page in found]
    if fallback is None:
        # PostgreSQL's text search keeps accents: fold them unless the list is full already.
        full = len(ids) >= MAX_RESULTS
        fallback = (connection.vendor == "postgresql" and not full) or not ids
    if fallback:
        seen = set(ids)
        for pk in fallback_ids(pages, terms):
            if pk not in seen:
                seen.add(pk)
                ids.append(pk)
    return ids[:MAX_RESULTS]


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
    for name in ("body", "preamble"):
        value = getattr(page, name, None)
        stream_block = getattr(value, "stream_block", None)
        if stream_block is not None:
            try:
                yield " ".join(
                    strip_tags(text) for text in stream_block.get_searchable_content(value)
                )
            except Exception:  # noqa: BLE001, S112 - an odd block must not break the results
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


def promotions_for(query, pages):
    """Editors' picks for ``query`` that are visible in ``pages``, and record the hit."""
    from wagtail.contrib.search_promotions.models import Query

    normalised = query.casefold()
    try:
        search_query = Query.get(normalised)
    except Exception:  # noqa: BLE001 - promotions are a bonus, never a failure
        return []
    search_query.add_hit()
    picks = []
    page_ids = [pick.page_id for pick in search_query.editors_picks.all() if pick.page_id]
    visible = set(pages.filter(pk__in=page_ids).values_list("pk", flat=True))
    for pick in search_query.editors_picks.select_related("page"):
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
    ids = [pk for pk in matching_ids(pages, query) if pk not in promoted_ids]
    content_types = dict(Page.objects.filter(pk__in=ids).values_list("pk", "content_type_id"))
    mapping = types_by_content_type()
    typed = [
        (pk, result_type_of(content_types.get(pk), mapping)) for pk in ids if pk in content_types
    ]
    search.total = len(typed)
    search.counts = [
        (result_type, sum(1 for _pk, kind in typed if kind.slug == result_type.slug))
        for result_type in RESULT_TYPES
    ]
    if search.type_slug:
        typed = [(pk, kind) for pk, kind in typed if kind.slug == search.type_slug]
    page_obj = Paginator(typed, RESULTS_PER_PAGE).get_page(page_number)
    specific = (
        Page.objects.filter(pk__in=[pk for pk, _kind in page_obj])
        .specific()
        .select_related("locale")
    )
    by_pk = {page.pk: page for page in specific}
    parent_paths = {page.path[: -Page.steplen] for page in by_pk.values()}
    parents = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    search.results = [
        SearchResult(
            by_pk[pk],
            kind,
            excerpt_for(by_pk[pk], query),
            parents.get(by_pk[pk].path[: -Page.steplen], "") if kind.slug == "initiatives" else "",
        )
        for pk, kind in page_obj
        if pk in by_pk
    ]
    search.page_obj = page_obj
    return search


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
    except Exception:  # noqa: BLE001 - fall back to a plain title match
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
