"""Shared fixtures: the five locales with their home pages, and the service guards."""

import os
from pathlib import Path

import pytest

from home.demo import ensure_home_pages, ensure_locales

TESTS_DIR = Path(__file__).parent
REQUIRE_SERVICES = os.environ.get("OBSERVATORY_REQUIRE_SERVICES") == "1"


def pytest_collection_modifyitems(config, items):
    """Mark tests by folder, so `-m integration` or `-m browser` selects them."""
    for item in items:
        path = Path(str(item.fspath))
        if TESTS_DIR / "integration" in path.parents:
            item.add_marker(pytest.mark.integration)
        if TESTS_DIR / "browser" in path.parents:
            item.add_marker(pytest.mark.browser)
        # Search and open data must hold on PostgreSQL too: make test runs them on both.
        if any(TESTS_DIR / folder in path.parents for folder in ("search", "open_data")):
            item.add_marker(pytest.mark.postgres)


def missing_service(reason):
    """Skip with a visible reason locally; fail when CI requires the services."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (OBSERVATORY_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """The test database, copied from a migrated template (tests/databases.py)."""
    from django.test.utils import teardown_databases

    from tests.databases import setup_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        old_config = setup_databases(verbosity, rebuild=request.config.getvalue("create_db"))
    yield
    with django_db_blocker.unblock():
        teardown_databases(old_config, verbosity=verbosity)


@pytest.fixture
def locales(db):
    return ensure_locales()


@pytest.fixture
def home_page(locales, django_capture_on_commit_callbacks):
    """The English home page at the site root, translated into every language.

    wagtail-localize publishes translations when the transaction commits, which a
    test's transaction never does: its callbacks run here instead.
    """
    with django_capture_on_commit_callbacks(execute=True):
        return ensure_home_pages(locales)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rate-limit counters never leak between tests."""
    import contextlib

    from django.core.cache import cache

    # A test about Redis being down must still start.
    with contextlib.suppress(Exception):
        cache.clear()
