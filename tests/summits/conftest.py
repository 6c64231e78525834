"""Fixtures of the signing tests: the world of tests/summits/world.py, fresh rate limits."""

import pytest

from tests.shared import fresh
from tests.summits.world import build_world, forget_rate_limits


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limit counts in the cache: every test starts with no attempt."""
    forget_rate_limits()
    yield
    forget_rate_limits()


@pytest.fixture(scope="module")
def declaration_world(module_home):
    """Built once per module (tests/shared.py)."""
    with module_home.build():
        return build_world(module_home.home, module_home.locales)


@pytest.fixture
def world(declaration_world, db):
    return fresh(declaration_world)
