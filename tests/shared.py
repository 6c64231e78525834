"""Data built once per test module, inside a transaction rolled back after its last test.

Building pages in five languages through wagtail-localize takes seconds; most tests
only read them. So in a module whose tests are not transactional, ``module_data``
(tests/conftest.py) opens a transaction before the first test and rolls it back
after the last one. What is built in it (the locales and home pages, and each
module's world: ``@pytest.fixture(scope="module")`` on ``module_home``) is built
once; every test still runs in a savepoint of its own, rolled back after it, as
Django's ``TestCase.setUpTestData`` does. Tests get deep copies of the objects
(``fresh``), so what one test changes in memory never reaches the next.

The plan is made per module at collection, from every collected test of the module
(before ``-k`` or ``-m`` deselect any): every test of a module sees the same data
whatever runs before it, alone or with the others.
"""

import copy
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

# Asking for one of these (directly or through another fixture) builds the home pages.
HOME_FIXTURES = frozenset({"home_page", "locales", "module_home"})
# Asking for this one puts the whole demo in the database (tests/databases.py).
DEMO_FIXTURE = "demo_db"
TRANSACTIONAL_FIXTURES = frozenset({"transactional_db", "live_server", "django_db_reset_sequences"})


@dataclass
class ModulePlan:
    shared: bool = True  # no transactional test: one transaction around the module
    uses_database: bool = False
    home: bool = False  # some test needs the locales and home pages
    demo: bool = False  # some test reads the whole demo


PLANS = pytest.StashKey[dict]()


def _django_db_marker(item):
    from pytest_django.fixtures import validate_django_db

    marker = item.get_closest_marker("django_db")
    return validate_django_db(marker) if marker else None


def _all_tests(module):
    """Every test of a module, selected or not (collecting again is cheap: it is imported)."""
    tests, nodes = [], list(module.collect())
    while nodes:
        node = nodes.pop()
        if isinstance(node, pytest.Item):
            tests.append(node)
        else:
            nodes.extend(node.collect())
    return tests


def _plan(tests):
    plan = ModulePlan()
    for item in tests:
        names = set(getattr(item, "fixturenames", ()))
        marker = _django_db_marker(item)
        if marker is not None or "db" in names or names & TRANSACTIONAL_FIXTURES:
            plan.uses_database = True
        if names & TRANSACTIONAL_FIXTURES or (marker is not None and (marker[0] or marker[1])):
            plan.shared = False
        if names & HOME_FIXTURES:
            plan.home = True
        if DEMO_FIXTURE in names:
            plan.demo = plan.uses_database = True
    return plan


def plan_modules(config, items):
    """How each module's tests share data (see the module's docstring)."""
    plans = config.stash.setdefault(PLANS, {})
    for item in items:
        module = item.getparent(pytest.Module)
        if module is not None and module.nodeid not in plans:
            plans[module.nodeid] = _plan(_all_tests(module))


def plan_for(request):
    plan = request.config.stash.get(PLANS, {}).get(request.node.nodeid)
    if plan is None or not plan.uses_database or not plan.shared:
        return None
    return plan


class ModuleData:
    """The module's transaction, and what is built in it."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.locales = None
        self.home = None
        self.demo = False

    @contextmanager
    def demo_content(self):
        """The whole demo in the database for the module, then the database as migrated."""
        from django.db import connections

        from tests.databases import load_demo_database, restore_migrated

        with self.blocker.unblock():
            for alias in connections:
                load_demo_database(connections[alias])
        self.demo = True
        try:
            yield
        finally:
            with self.blocker.unblock():
                for alias in connections:
                    restore_migrated(connections[alias])

    @contextmanager
    def transaction(self):
        from django.db import connections, transaction

        with self.blocker.unblock():
            atomics = [(alias, transaction.atomic(using=alias)) for alias in connections]
            for _alias, atomic in atomics:
                atomic.__enter__()
        try:
            yield self
        finally:
            with self.blocker.unblock():
                for alias, atomic in reversed(atomics):
                    transaction.set_rollback(True, using=alias)
                    atomic.__exit__(None, None, None)

    @contextmanager
    def build(self, on_commit=True):
        """Database access; the on-commit callbacks (wagtail-localize's) run at the end.

        With ``on_commit=False`` they never run, as in a test's own transaction.
        """
        from django.test import TestCase

        with self.blocker.unblock():
            if not on_commit:
                yield
                return
            with TestCase.captureOnCommitCallbacks(execute=True):
                yield

    def build_home(self):
        from home.demo import ensure_home_pages, ensure_locales

        with self.build():
            self.locales = ensure_locales()
            self.home = ensure_home_pages(self.locales)


def fresh(value):
    """A test's own copy of module data: changes in memory stay in the test."""
    return copy.deepcopy(value)
