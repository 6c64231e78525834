"""A migrated SQLite file, for the tests of the embedded default that run programs on it."""

import sqlite3

from django.db import connection

import pytest

from tests.conftest import missing_service


@pytest.fixture
def sqlite_file(tmp_path, django_db_setup, django_db_blocker):
    """A copy of the migrated, still empty, test database as a file of its own."""
    if connection.vendor != "sqlite":
        # These tests belong to the SQLite (unit) half of make test: run elsewhere, they
        # are skipped with the reason, and fail where CI requires every test to run.
        missing_service("the embedded default's tests need the SQLite test database")
    path = tmp_path / "observatory.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    return path
