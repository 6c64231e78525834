"""Shared fixtures: the test database, the five locales with their home pages (built once
per module, see tests/shared.py), and the service guards."""

import contextlib
import os
from pathlib import Path

import pytest

from home.demo import ensure_home_pages, ensure_locales
from tests.shared import ModuleData, fresh, plan_for, plan_modules

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
    # Before -k and -m deselect: a module shares the same data however it is run.
    plan_modules(config, items)


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

    from tests.databases import end_other_sessions, setup_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        old_config = setup_databases(verbosity, rebuild=request.config.getvalue("create_db"))
    yield
    with django_db_blocker.unblock():
        try:
            for connection, _name, _destroy in old_config:
                connection.close()
                end_other_sessions(connection)
            teardown_databases(old_config, verbosity=verbosity)
        except Exception as error:  # as pytest-django: a warning, not a failure
            # A worker may still hold a connection; the next run drops the database anyway.
            request.node.warn(pytest.PytestWarning(f"test databases not torn down: {error!r}"))


@pytest.fixture(scope="module", autouse=True)
def module_data(request):
    """The transaction around a module's tests, when none of them is transactional.

    It holds the locales and home pages when the module's tests need them, and the
    module's worlds (tests/shared.py). ``None`` in other modules.
    """
    plan = plan_for(request)
    if plan is None:
        yield None
        return
    request.getfixturevalue("django_db_setup")
    data = ModuleData(request.getfixturevalue("django_db_blocker"))
    with contextlib.ExitStack() as stack:
        if plan.demo:
            stack.enter_context(data.demo_content())
        stack.enter_context(data.transaction())
        if plan.home:
            data.build_home()
        yield data


@pytest.fixture
def demo_db(request, module_data):
    """The whole demo, as `make run` loads it, in the test database.

    Copied from a template built once (tests/databases.py): in a module without
    transactional tests, for the whole module (each test in its savepoint); in a
    transactional test (a live server, real workers), committed before the test.
    """
    if module_data is not None and module_data.demo:
        request.getfixturevalue("db")
        return
    request.getfixturevalue("transactional_db")
    from django.db import connections

    from tests.databases import load_demo_database

    for alias in connections:
        load_demo_database(connections[alias])


@pytest.fixture(scope="module")
def module_home(module_data):
    """The module's data with its locales and home pages: what module worlds build on."""
    if module_data is None or module_data.home is None:
        pytest.fail("module_home needs a module without transactional tests", pytrace=False)
    return module_data


@pytest.fixture
def locales(db, module_data):
    if module_data is not None and module_data.locales is not None:
        return fresh(module_data.locales)
    return ensure_locales()


@pytest.fixture
def home_page(locales, module_data, django_capture_on_commit_callbacks):
    """The English home page at the site root, translated into every language.

    Built once per module when it can be. Otherwise (transactional tests) built by
    the test: wagtail-localize publishes translations when the transaction commits,
    which a test's transaction never does, so its callbacks run here instead.
    """
    if module_data is not None and module_data.home is not None:
        return fresh(module_data.home)
    with django_capture_on_commit_callbacks(execute=True):
        return ensure_home_pages(locales)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a test that activates another (or a
    request that leaves one active in the thread) never decides the language of the next
    one, whichever worker runs it after which (Wagtail's admin falls back to the active
    language for a user with no preference)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rate-limit counters never leak between tests."""
    from django.core.cache import cache

    # A test about Redis being down must still start.
    with contextlib.suppress(Exception):
        cache.clear()
