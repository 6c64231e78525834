"""Latency and query counts of the public pages, on the demo content."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.benchmarks.conftest import measure

PAGES = {
    "home": "/{lang}/",
    "city_directory": "/{lang}/cities/",
    "city": "/{lang}/cities/montreal/",
    "initiative_index": "/{lang}/initiatives/",
    "initiative_index_filtered": "/{lang}/initiatives/?kind=public_policy&year=2023",
    "summit": "/{lang}/summits/duesseldorf-2019/",
    "declaration": "/{lang}/summits/duesseldorf-2019/declaration/",
    "capitals": "/{lang}/capitals/",
    "sitemap": "/sitemap.xml",
}


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_demo_pages(client, demo, record_result, lang):
    for name, pattern in PAGES.items():
        url = pattern.format(lang=lang)
        client.get(url)  # warm the caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        query_count = len(queries)  # read now: each request clears Django's query log
        figures = measure(lambda url=url: client.get(url), repeat=30)
        figures["queries"] = query_count
        record_result(f"page.{name}.{lang}.{connection.vendor}", figures)


def test_healthz(client, db, record_result):
    record_result(f"healthz.{connection.vendor}", measure(lambda: client.get("/healthz"), 50))
