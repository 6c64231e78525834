"""Search latency over 10,000 initiatives: the site search, suggestions, the index's full text.

The initiatives are inserted in bulk (pages with hand-made tree paths, then their
InitiativePage rows) and indexed with the search backend's add_bulk, as update_index does.
"""

import datetime
import random
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from cities.factories import CityIndexPageFactory, CityPageFactory
from initiatives.models import InitiativeKind, InitiativePage
from initiatives.search import search_initiatives
from search.queries import search_site, suggest
from tests.benchmarks.conftest import measure

INITIATIVES = 10_000
CHUNK = 1_000
WORDS = [
    "festival",
    "neighbourhood",
    "school",
    "mobility",
    "housing",
    "garden",
    "sport",
    "music",
    "library",
    "youth",
    "elders",
    "women",
    "refugees",
    "dialogue",
    "mediation",
    "culture",
    "heritage",
    "market",
    "dance",
    "theatre",
    "cinema",
    "park",
    "river",
    "bridge",
    "square",
    "choir",
    "kitchen",
    "bakery",
    "workshop",
    "mural",
    "football",
    "chess",
    "reading",
    "painting",
    "solidarity",
    "welcome",
    "language",
    "volunteers",
    "peace",
    "memory",
]
RARE = "zanzibarquest"


def bulk_initiatives(city, count):
    """Insert ``count`` live initiatives under ``city`` without treebeard's per-row work."""
    rng = random.Random(16)  # reproducible demo text, not security
    content_type = ContentType.objects.get_for_model(InitiativePage)
    now = timezone.now()
    kinds = InitiativeKind.values
    created_ids = []
    for first in range(0, count, CHUNK):
        pages = []
        for n in range(first, min(count, first + CHUNK)):
            words = rng.sample(WORDS, 6)
            if n % 1000 == 7:
                words.append(RARE)
            slug = f"initiative-{n}"
            pages.append(
                Page(
                    title=f"{words[0].title()} {words[1]} {n}",
                    draft_title=f"{words[0].title()} {words[1]} {n}",
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(city.path, city.depth + 1, n + 1),
                    depth=city.depth + 1,
                    numchild=0,
                    url_path=f"{city.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=city.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
            pages[-1]._words = words
        Page.objects.bulk_create(pages)
        if not all(page.pk for page in pages):  # a backend without RETURNING
            by_path = dict(
                Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk")
            )
            for page in pages:
                page.pk = page.id = by_path[page.path]
        rows = [
            InitiativePage(
                page_ptr_id=page.pk,
                kind=kinds[i % len(kinds)],
                start_date=datetime.date(2015 + i % 10, 5, 16),
                summary=" ".join(page._words) + ".",
            )
            for i, page in enumerate(pages)
        ]
        fields = list(InitiativePage._meta.local_concrete_fields)
        InitiativePage.objects.all()._batched_insert(rows, fields, batch_size=500)
        created_ids += [page.pk for page in pages]
    Page.objects.filter(pk=city.pk).update(numchild=count)
    if connection.vendor == "postgresql":
        # What autovacuum does within a minute of a bulk load: without statistics the
        # planner takes 10,000 rows for one and joins the index entries row by row.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    backend = get_search_backend()
    for first in range(0, len(created_ids), CHUNK):
        chunk = InitiativePage.objects.filter(pk__in=created_ids[first : first + CHUNK])
        backend.add_bulk(InitiativePage, list(chunk))
    return created_ids


@pytest.fixture
def ten_thousand(home_page):
    directory = CityIndexPageFactory(parent=home_page)
    city = CityPageFactory(parent=directory, title="Benchmark city", slug="benchmark-city")
    start = time.perf_counter()
    bulk_initiatives(city, INITIATIVES)
    print(f"created and indexed {INITIATIVES} initiatives in {time.perf_counter() - start:.1f}s")  # noqa: T201
    return home_page.locale


@pytest.mark.timeout(1200)  # building 10,000 pages and their index takes minutes on PostgreSQL
def test_search_latency(ten_thousand, record_result):
    locale = ten_thousand
    vendor = connection.vendor
    common = search_site("festival", locale=locale, record=False)
    assert common.total > 100
    assert search_site(RARE, locale=locale, record=False).total == INITIATIVES // 1000
    cases = {
        f"search.{vendor}": lambda: search_site("festival", locale=locale, record=False),
        f"search.{vendor}.two_words": lambda: search_site(
            "music garden", locale=locale, record=False
        ),
        f"search.{vendor}.rare": lambda: search_site(RARE, locale=locale, record=False),
        f"search.{vendor}.no_match": lambda: search_site("xyzzyqq", locale=locale, record=False),
        f"search.{vendor}.type_page_3": lambda: search_site(
            "festival", locale=locale, record=False, type_slug="initiatives", page_number=3
        ),
        f"search.{vendor}.hostile": lambda: search_site(
            '"' + " ".join(["peace"] * 300) + "x" * 10_000, locale=locale, record=False
        ),
        f"search.{vendor}.suggest": lambda: suggest("fest", locale=locale),
        f"search.{vendor}.initiative_index": lambda: list(
            search_initiatives(InitiativePage.objects.filter(locale=locale), "festival")[:12]
        ),
    }
    for name, function in cases.items():
        function()  # warm
        figures = measure(function, repeat=30)
        figures["initiatives"] = INITIATIVES
        record_result(name, figures)
