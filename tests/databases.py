"""The test databases: migrated once per set of migrations, then copied for every run.

Migrating an empty database through every app's migrations (Wagtail's and
wagtail-localize's above all) takes a minute or two, and each `make test` stage
needs one. The first run keeps the migrated database as a template: a SQLite file
in ``var/test-databases/``, a PostgreSQL database beside the test database
(``test_<name>_migrated_<key>``). Later runs copy it, which takes a second, and
still run ``migrate``, which then has nothing to apply.

The key is a hash of every installed app's migration files and of this file: a new,
changed or removed migration (ours, or a dependency's after an upgrade) makes a new
template and the old ones are dropped. A clean clone (CI) has none and builds it
in its first run. ``pytest --create-db`` rebuilds it.
"""

import hashlib
import importlib.util
import os
import sqlite3
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

TEMPLATE_PREFIX = "migrated"


def migrations_key(connection):
    """A hash of every app's migration files, the database vendor and this file."""
    digest = hashlib.sha256()
    digest.update(connection.vendor.encode())
    digest.update(Path(__file__).read_bytes())
    for app_config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        module_name, _explicit = MigrationLoader.migrations_module(app_config.label)
        spec = importlib.util.find_spec(module_name) if module_name else None
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            for path in sorted(Path(folder).glob("*.py")):
                digest.update(f"{app_config.label}/{path.name}".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class SQLiteTemplate:
    """A migrated in-memory SQLite database, kept as a file and copied back into memory."""

    def __init__(self, connection, key):
        self.connection = connection
        self.folder = Path(settings.VAR_DIR) / "test-databases"
        self.path = self.folder / f"{connection.alias}-{TEMPLATE_PREFIX}-{key}.sqlite3"

    @classmethod
    def applies_to(cls, connection):
        creation = connection.creation
        return connection.vendor == "sqlite" and creation.is_in_memory_db(
            creation._get_test_db_name()
        )

    def restore(self):
        if not self.path.exists():
            return False
        name = self.connection.creation._get_test_db_name()
        self.connection.close()
        # Django's test database is this in-memory database; copy the template into it.
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name
        self.connection.ensure_connection()
        source = sqlite3.connect(self.path)
        try:
            source.backup(self.connection.connection)
        finally:
            source.close()
        return True

    def save(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        target = sqlite3.connect(partial)
        try:
            self.connection.ensure_connection()
            self.connection.connection.backup(target)
        finally:
            target.close()
        os.replace(partial, self.path)
        stale = self.folder.glob(f"{self.connection.alias}-{TEMPLATE_PREFIX}-*.sqlite3")
        for path in stale:
            if path != self.path:
                path.unlink(missing_ok=True)


class PostgreSQLTemplate:
    """A migrated PostgreSQL database, copied by ``CREATE DATABASE … TEMPLATE``."""

    def __init__(self, connection, key):
        self.connection = connection
        self.test_name = connection.creation._get_test_db_name()
        # PostgreSQL names have at most 63 characters.
        self.prefix = f"{self.test_name[:40]}_{TEMPLATE_PREFIX}_"
        self.name = self.prefix + key

    @classmethod
    def applies_to(cls, connection):
        return connection.vendor == "postgresql"

    def _execute(self, sql, params=None):
        with self.connection.creation._nodb_cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def _quote(self, name):
        return self.connection.ops.quote_name(name)

    def restore(self):
        if not self._execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]):
            return False
        self._execute(f"DROP DATABASE IF EXISTS {self._quote(self.test_name)} WITH (FORCE)")
        self._execute(
            f"CREATE DATABASE {self._quote(self.test_name)} TEMPLATE {self._quote(self.name)}"
        )
        return True

    def save(self):
        # A template is copied only while nobody is connected to it.
        self.connection.close()
        partial = f"{self.prefix}{os.getpid()}_partial"
        self._execute(f"DROP DATABASE IF EXISTS {self._quote(partial)}")
        self._execute(
            f"CREATE DATABASE {self._quote(partial)} TEMPLATE {self._quote(self.test_name)}"
        )
        try:
            self._execute(
                f"ALTER DATABASE {self._quote(partial)} RENAME TO {self._quote(self.name)}"
            )
        except Exception:
            self._execute(f"DROP DATABASE IF EXISTS {self._quote(partial)}")
        stale = self._execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s) AND datname <> %s",
            [self.prefix, self.name],
        )
        for (name,) in stale:
            self._execute(f"DROP DATABASE IF EXISTS {self._quote(name)}")
        self.connection.ensure_connection()


def end_other_sessions(connection):
    """Sessions a test left on its PostgreSQL database (a killed worker's) would keep it
    from being dropped."""
    if connection.vendor != "postgresql":
        return
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )


class Snapshot:
    """The test database as it is now, to come back to after transactional tests flush it.

    For content that takes long to load (the whole demo) and that several transactional
    tests (a live server, real workers) only read: load it once, take a snapshot, and
    restore it before each test after the first. PostgreSQL copies the database with
    ``CREATE DATABASE … TEMPLATE``; the in-memory SQLite database is copied in memory.
    """

    def __init__(self, connection):
        self.connection = connection
        self.copy = None

    def _quote(self, name):
        return self.connection.ops.quote_name(name)

    def _execute(self, sql):
        with self.connection.creation._nodb_cursor() as cursor:
            cursor.execute(sql)

    def take(self):
        if self.connection.vendor == "postgresql":
            self.copy = f"{self.connection.settings_dict['NAME'][:40]}_snapshot_{os.getpid()}"
            self.connection.close()
            end_other_sessions(self.connection)
            self._execute(f"DROP DATABASE IF EXISTS {self._quote(self.copy)}")
            name = self.connection.settings_dict["NAME"]
            self._execute(f"CREATE DATABASE {self._quote(self.copy)} TEMPLATE {self._quote(name)}")
        else:
            self.connection.ensure_connection()
            self.copy = sqlite3.connect(":memory:")
            self.connection.connection.backup(self.copy)
        return self

    def restore(self):
        if self.connection.vendor == "postgresql":
            name = self._quote(self.connection.settings_dict["NAME"])
            self.connection.close()
            self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            self._execute(f"CREATE DATABASE {name} TEMPLATE {self._quote(self.copy)}")
        else:
            self.connection.ensure_connection()
            self.copy.backup(self.connection.connection)

    def drop(self):
        if self.connection.vendor == "postgresql":
            self._execute(f"DROP DATABASE IF EXISTS {self._quote(self.copy)}")
        else:
            self.copy.close()


def template_for(connection):
    for kind in (SQLiteTemplate, PostgreSQLTemplate):
        if kind.applies_to(connection):
            return kind(connection, migrations_key(connection))
    return None


def setup_databases(verbosity=0, rebuild=False):
    """Create every test database, from its template when there is one.

    Returns what ``django.test.utils.teardown_databases`` takes.
    """
    old_config = []
    for alias in connections:
        connection = connections[alias]
        old_name = connection.settings_dict["NAME"]
        template = template_for(connection)
        restored = template is not None and not rebuild and template.restore()
        connection.creation.create_test_db(
            verbosity=verbosity, autoclobber=True, serialize=False, keepdb=restored
        )
        if template is not None and not restored:
            template.save()
        old_config.append((connection, old_name, True))
    return old_config
