"""Fixtures of the signing tests: the world of tests/summits/world.py, fresh rate limits."""

import pytest

from tests.summits.world import build_world, forget_rate_limits


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limit counts in the cache: every test starts with no attempt."""
    forget_rate_limits()
    yield
    forget_rate_limits()


@pytest.fixture
def world(home_page, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_world(home_page, locales)
