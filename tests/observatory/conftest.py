"""A migrated SQLite file, for the tests of the embedded default that run programs on it."""

import sqlite3

from django.db import connection

import pytest


@pytest.fixture
def sqlite_file(tmp_path, django_db_setup, django_db_blocker):
    """A copy of the migrated, still empty, test database as a file of its own."""
    if connection.vendor != "sqlite":
        # Not a missing service: these tests belong to the SQLite (unit) half of make test.
        pytest.skip("the embedded default's database is SQLite")
    path = tmp_path / "observatory.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    return path
