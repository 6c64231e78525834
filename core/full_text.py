"""Full text over pages: clean a visitor's query, match it with or without accents.

The search backend (modelsearch's database backend) ranks the matches, accents
ignored: SQLite's FTS5 tokenizer folds them, and on PostgreSQL the ``observatory``
text search configuration removes them before stemming (search/migrations/0001).
When the backend finds nothing, a fallback matches titles and short texts with a
regular expression per word that accepts every accented form of its letters (it
also finds parts of words). The site search (``search``) and the initiative index
(``initiatives.search``) use it.
"""

import re
import unicodedata
import uuid

from django.apps import apps
from django.db import connection, connections
from django.db.models import IntegerField, Q, Value

from wagtail.models import Page

from .restrictions import private_q, restricted_sections

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_RESULTS = 500
# Accented letters the fallback matches for their plain letter. Upper case too:
# case-insensitive matching of a database with the C collation only folds ASCII.
_LOWER_ACCENTED = "àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőùúûüūůűųýÿžźżšśřťľĺłğşțș"
_LOWER_PLAIN = "aaaaaaaaacccdeeeeeeeeiiiiiinnnoooooooouuuuuuuuyyzzzssrtlllgsts"
ACCENTED = _LOWER_ACCENTED + _LOWER_ACCENTED.upper()
UNACCENTED = _LOWER_PLAIN + _LOWER_PLAIN

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
    return apps.get_model(label)


def visible_pages(locale=None):
    """Pages anyone may find: live, without view restrictions, of ``locale`` if given."""
    pages = Page.objects.live().exclude(private_q()).exclude(depth=1)
    if locale is not None:
        pages = pages.filter(locale=locale)
    # What these pages' SQL depends on: the fallback's statement is kept under it without
    # compiling the pages' SQL to find it (a filtered copy of the queryset loses it).
    pages._statement_key = ("visible", locale.pk if locale else None, tuple(restricted_sections()))
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
    "international_day.InternationalDayPage": ("introduction",),
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


def _fallback_queryset(pages, patterns):
    """The fallback's statement: one subquery per page type's table (``fallback_ids``)."""
    parts = []
    for rank, (model_name, lookups) in enumerate(fallback_lookups()):
        queryset = pages
        if model_name is not None:
            queryset = queryset.filter(**{f"{model_name}__isnull": False})
            if len(patterns) == 1:
                lookups = [lookup for lookup in lookups if "__" in lookup]
        for pattern in patterns:
            condition = Q()
            for lookup in lookups:
                condition |= Q(**{f"{lookup}__iregex": pattern})
            queryset = queryset.filter(condition)
        found = (
            queryset.annotate(fallback_rank=Value(rank, output_field=IntegerField()))
            .order_by("-pk")
            .values_list("pk", "fallback_rank", "content_type_id")[:MAX_RESULTS]
        )
        if not connection.features.supports_slicing_ordering_in_compound:
            # SQLite allows no LIMIT in a member of a UNION: in a subquery there.
            found = (
                Page.objects.filter(pk__in=found.values("pk"))
                .annotate(fallback_rank=Value(rank, output_field=IntegerField()))
                .order_by()
                .values_list("pk", "fallback_rank", "content_type_id")
            )
        parts.append(found)
    return parts[0].union(*parts[1:], all=True)


# The fallback's SQL by the SQL of the pages it searches and its number of words, with
# where each word's pattern goes among its parameters: building the statement (fifteen
# subqueries) cost a search on PostgreSQL a third of its time. The backend's statements
# too (``_search_statement``), which hold the page types' content type ids: kept as long
# as Django keeps those ids, for the process (``forget_statements``).
_statements = {}
MAX_STATEMENTS = 64


def forget_statements():
    """Build the statements again (the database was replaced under the process: tests)."""
    _statements.clear()


def _fallback_statement(pages, count):
    """(sql, params, [(param position, word index)]) of the fallback over ``pages``, or None."""
    signature = getattr(pages, "_statement_key", None)
    if signature is None:
        try:
            pages_sql = pages.query.get_compiler(using=pages.db).as_sql()
        except Exception:  # e.g. an empty result set: built the usual way
            return None
        signature = (pages_sql[0], repr(pages_sql[1]))
    key = (pages.db, connections[pages.db].vendor, signature, count)
    statement = _statements.get(key)
    if statement is None:
        marks = [f"observatory:fallback:{uuid.uuid4().hex}:{index}" for index in range(count)]
        queryset = _fallback_queryset(pages, marks)
        try:
            sql, params = queryset.query.get_compiler(using=pages.db).as_sql()
        except Exception:  # built the usual way
            return None
        slots = [
            (position, marks.index(param))
            for position, param in enumerate(params)
            if param in marks
        ]
        if {index for _position, index in slots} != set(range(count)):
            return None  # a pattern went into the statement other than as a parameter
        if len(_statements) >= MAX_STATEMENTS:
            _statements.clear()
        statement = _statements[key] = (sql, tuple(params), slots)
    return statement


def fallback_ids(pages, terms):
    """Ids of ``pages`` where each term is in a title or text field, accents and case ignored."""
    return list(fallback_matches(pages, terms))


def fallback_matches(pages, terms):
    """``fallback_ids`` with each page's content type id: {pk: content_type_id}, in order.

    One subquery per page type's table, joined to pages of that type only (one query
    joining them all, or matching every page's title again, is several times slower),
    all sent as one statement (UNION ALL): the pages in any of them, those of the first
    first. With one term, a page type's own subquery reads only its own fields: the
    first one has already read every title. The statement is built once per shape of
    ``pages`` and number of words, then sent with the words' patterns.
    """
    patterns = [pattern for pattern in map(accent_pattern, terms) if pattern]
    if not patterns:
        return []
    statement = _fallback_statement(pages, len(patterns))
    if statement is None:
        rows = list(_fallback_queryset(pages, patterns))
    else:
        sql, params, slots = statement
        params = list(params)
        for position, index in slots:
            params[position] = patterns[index]
        with connections[pages.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    matches = {}
    for pk, _rank, content_type_id in sorted(rows, key=lambda row: (row[1], -row[0])):
        if len(matches) >= MAX_RESULTS:
            break
        matches.setdefault(pk, content_type_id)
    return matches


# What is used of each of the backend's matches: its type and (to sort on SQLite) its title.
MATCH_FIELDS = ("pk", "content_type_id", "title")
MATCH_COLUMNS = ("id", "content_type_id", "title")
WORD = re.compile(r"\w+")


def backend_matches(pages, terms, ranked):
    """[[pk, content type id, title]] of the search backend's matches in ``pages``, best first.

    The backend builds its statement again for every search; on PostgreSQL its rank
    expression made that most of a search's time. Over ``visible_pages`` and words of
    letters and digits, the statement is built once per shape of the pages and number
    of words (``_search_statement``), then sent with the words.
    """
    statement = None
    if all(WORD.fullmatch(term) for term in terms):
        statement = _search_statement(pages, len(terms), ranked)
    if statement is None:
        results = _backend_search(pages, terms, ranked)
        return [[page.pk, page.content_type_id, page.title] for page in results]
    sql, params, slots, marks, columns = statement
    params = list(params)
    for position, template in slots:
        for mark, term in zip(marks, terms, strict=True):
            template = template.replace(mark, term)
        params[position] = template
    with connections[pages.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [[row[index] for index in columns] for row in rows]


def _backend_search(pages, words, ranked):
    """The backend's search results (not run yet) for all of ``words``, best first."""
    return pages.only(*MATCH_FIELDS).search(
        " ".join(words), operator="and", order_by_relevance=ranked
    )[:MAX_RESULTS]


def _search_statement(pages, count, ranked):
    """(sql, params, [(param position, its text)], marks, column indexes), or None.

    Built with a mark for each word, which then appears in the parameters only (never
    in the SQL): the words replace the marks there. None when ``pages`` carries no
    ``_statement_key`` or the backend's statement is of another shape.
    """
    signature = getattr(pages, "_statement_key", None)
    if signature is None:
        return None
    key = ("search", pages.db, connections[pages.db].vendor, signature, count, ranked)
    if key in _statements:
        return _statements[key]
    marks = [f"observatorymark{uuid.uuid4().hex}x{index}" for index in range(count)]
    statement = None
    try:
        compiler = (
            _backend_search(pages, marks, ranked).get_queryset().query.get_compiler(using=pages.db)
        )
        sql, params = compiler.as_sql()
        names = [
            getattr(getattr(column, "target", None), "column", None)
            for column, *_ in compiler.select
        ]
        columns = tuple(names.index(name) for name in MATCH_COLUMNS)
    except Exception:  # built the backend's way each time
        columns = None
    if columns is not None and not any(mark in sql for mark in marks):
        slots = [
            (position, param)
            for position, param in enumerate(params)
            if isinstance(param, str) and any(mark in param for mark in marks)
        ]
        if all(any(mark in param for _position, param in slots) for mark in marks):
            statement = (sql, tuple(params), slots, marks, columns)
    if len(_statements) >= MAX_STATEMENTS:
        _statements.clear()
    _statements[key] = statement
    return statement


def matching_ids(pages, query, *, fallback=None):
    """Ids of ``pages`` matching ``query``, most relevant first (capped)."""
    return list(matches(pages, query, fallback=fallback))


def matches(pages, query, *, fallback=None):
    """``matching_ids`` with each page's content type id: {pk: content_type_id}, in order.

    The search backend's pages and the fallback's rows carry their type: a caller that
    sorts the pages by type needs no query of its own.
    """
    terms = query_terms(query)
    if not terms:
        return {}
    # SQLite's backend ranks with one FTS subquery per matching row (about a second
    # over 10,000 initiatives): there, matches in the title come first, newest first.
    ranked = connection.vendor != "sqlite"
    try:
        found = backend_matches(pages, terms, ranked)
    except Exception:  # a backend error must never break the page
        found = []
    if not ranked:
        needles = [fold(term) for term in terms]
        found.sort(key=lambda match: -sum(needle in fold(match[2]) for needle in needles))
    found_types = {pk: content_type_id for pk, content_type_id, _title in found}
    if fallback is None:
        fallback = not found_types
    if fallback:
        for pk, content_type_id in fallback_matches(pages, terms).items():
            if len(found_types) >= MAX_RESULTS:
                break
            found_types.setdefault(pk, content_type_id)
    return found_types
