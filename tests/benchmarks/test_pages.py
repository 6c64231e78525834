"""Server CPU per request and queries of the public pages, uncached, on the demo content.

The demo is loaded once for the module, on an empty database, and timed
(``load_demo_content.<vendor>.seconds``). Each page is then requested in turn,
interleaved (a busy moment of the machine weighs on every page alike), with a
query string no cache has seen (``?_bench=<n>``): a full-page cache in front of
the view would miss every time, so the figures are those of rendering. CPU is the
process time of the request in the test client (``time.process_time``), the
server's share of a request without the network.

The PostgreSQL pass of ``make bench`` divides its figures by the SQLite pass's
(``page.<name>.<lang>.cpu_ratio_postgresql_sqlite``), and each page's CPU by
bakerydemo's for the comparable page measured on this machine
(``…cpu_ratio_bakerydemo``: the goal is at most 0.5).
"""

import itertools
import json
import statistics
import time

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.benchmarks.conftest import RESULTS

pytestmark = pytest.mark.django_db

PAGES = {
    "home": "/{lang}/",
    "initiative_index": "/{lang}/initiatives/",
    "initiative_index_filtered": "/{lang}/initiatives/?kind=public_policy&year=2023",
    "initiative": "/{lang}/cities/duesseldorf/{initiative}/",
    "city_directory": "/{lang}/cities/",
    "city": "/{lang}/cities/montreal/",
    "declaration": "/{lang}/summits/duesseldorf-2019/declaration/",
    "summit": "/{lang}/summits/duesseldorf-2019/",
    "capitals": "/{lang}/capitals/",
    "international_day": "/{lang}/international-day/",
    "search": "/{lang}/search/?query=festival",
    "sitemap": "/sitemap.xml",
}
# bakerydemo's server CPU per request on this machine (ms): home, breads index, bread
# page, blog index, blog post, search.
BAKERYDEMO_MS = {
    "home": 88,
    "initiative_index": 75,
    "initiative": 40,
    "city_directory": 67,
    "declaration": 57,
    "summit": 57,
    "search": 85,
}
LANGUAGES = ["en", "fr", "ar"]
ROUNDS = 30
_unseen = itertools.count()


@pytest.fixture(scope="module")
def demo(module_data):
    """The demo content, loaded once on an empty database, and how long that took."""
    from initiatives.models import InitiativePage

    with module_data.build():
        start = time.perf_counter()
        call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
        seconds = time.perf_counter() - start
    with module_data.build(on_commit=False):
        initiative = (
            InitiativePage.objects.live()
            .filter(locale__language_code="en", url_path__contains="/duesseldorf/")
            .first()
        )
    return {"seconds": seconds, "initiative": initiative.slug}


def unseen(url):
    """``url`` with a query string that no cache has seen."""
    return f"{url}{'&' if '?' in url else '?'}_bench={next(_unseen)}"


def cpu_of(client, url):
    start = time.process_time()
    response = client.get(unseen(url))
    spent = time.process_time() - start
    assert response.status_code == 200, url
    return spent


def earlier_results():
    try:
        entries = json.loads(RESULTS.read_text())["results"]
        return {entry["name"]: entry["value"] for entry in entries}
    except (OSError, ValueError, KeyError):
        return {}


def test_load_demo_content(demo, record_result):
    record_result(f"load_demo_content.{connection.vendor}.seconds", round(demo["seconds"], 1), "s")


def settle_database(seconds=60):
    """On PostgreSQL, wait (at most ``seconds``) for the autovacuum workers to finish.

    The benchmarks before this one write tens of thousands of rows (campaigns, 10,000
    initiatives): the server's maintenance of them shares the machine's two cores with
    this process, and made the PostgreSQL pass up to 7 % slower across every page.
    """
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
            )
            if not cursor.fetchone()[0]:
                return
            time.sleep(1)


def test_pages_cpu_and_queries(client, demo, record_result):
    vendor = connection.vendor
    settle_database()
    urls = {
        (name, lang): pattern.format(lang=lang, initiative=demo["initiative"])
        for name, pattern in PAGES.items()
        for lang in LANGUAGES
        if name != "sitemap" or lang == "en"
    }
    queries = {}
    for key, url in urls.items():
        client.get(url)  # what a running site keeps warm: the frame, content types…
        with CaptureQueriesContext(connection) as context:
            assert client.get(unseen(url)).status_code == 200, url
        queries[key] = len(context)
    timings = {key: [] for key in urls}
    for _ in range(ROUNDS):  # interleaved: every page sees the same moments of the machine
        for key, url in urls.items():
            timings[key].append(cpu_of(client, url))
    sqlite = earlier_results() if vendor == "postgresql" else {}
    for (name, lang), spent in timings.items():
        label = f"page.{name}.{lang}.{vendor}"
        median = statistics.median(spent) * 1000
        record_result(f"{label}.cpu_median", round(median, 2), "ms")
        record_result(f"{label}.queries", queries[name, lang], "count")
        if name in BAKERYDEMO_MS:
            record_result(
                f"{label}.cpu_ratio_bakerydemo", round(median / BAKERYDEMO_MS[name], 2), "ratio"
            )
        on_sqlite = sqlite.get(f"page.{name}.{lang}.sqlite.cpu_median")
        if on_sqlite:
            record_result(
                f"page.{name}.{lang}.cpu_ratio_postgresql_sqlite",
                round(median / on_sqlite, 2),
                "ratio",
            )
