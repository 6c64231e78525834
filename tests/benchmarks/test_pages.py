"""Latency and query counts of the public pages every visitor sees."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.benchmarks.conftest import measure


def test_home_page_in_every_language(client, home_page, record_result):
    for code in ("en", "fr", "de", "es", "ar"):
        client.get(f"/{code}/")  # warm the caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/{code}/").status_code == 200
        query_count = len(queries)  # read now: each request clears Django's query log
        figures = measure(lambda code=code: client.get(f"/{code}/"), repeat=50)
        figures["queries"] = query_count
        record_result(f"home_page.{code}.{connection.vendor}", figures)


def test_healthz(client, db, record_result):
    record_result(f"healthz.{connection.vendor}", measure(lambda: client.get("/healthz"), 50))
