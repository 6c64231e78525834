"""Fixtures of the exhibition tests: the world of tests/exhibitions/world.py, built once."""

import pytest

from tests.exhibitions.world import build_world
from tests.shared import fresh


@pytest.fixture(scope="module")
def exhibition_world(module_home):
    with module_home.build():
        return build_world(module_home.home, module_home.locales)


@pytest.fixture
def world(exhibition_world, db):
    return fresh(exhibition_world)


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks
