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

import contextlib
import fcntl
import functools
import hashlib
import importlib.util
import io
import os
import re
import sqlite3
import zipfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader

TEMPLATE_PREFIX = "migrated"
XDIST_SUFFIX = re.compile(r"_gw\d+$")


@contextmanager
def templates_lock(connection, kind=""):
    """One process at a time builds or copies a vendor's template: pytest-xdist's workers
    start together, and the first builds what the others copy. A world's template
    (tests/worlds.py) has a lock of its own (``kind``): building one keeps nobody else
    waiting."""
    folder = Path(settings.VAR_DIR) / "test-databases"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f".{connection.vendor}{'-' + kind if kind else ''}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


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

    def __init__(self, connection, key, kind=TEMPLATE_PREFIX):
        self.connection = connection
        self.kind = kind
        self.folder = Path(settings.VAR_DIR) / "test-databases"
        self.path = self.folder / f"{connection.alias}-{kind}-{key}.sqlite3"
        self.name = self.path.name

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
        # Django never closes an in-memory database: close its connection here, so that
        # the database (and any statement still open on it) goes, and copy into a new one.
        if self.connection.connection is not None:
            self.connection.connection.close()
            self.connection.connection = None
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
        stale = self.folder.glob(f"{self.connection.alias}-{self.kind}-*.sqlite3")
        for path in stale:
            if path != self.path:
                path.unlink(missing_ok=True)


class PostgreSQLTemplate:
    """A migrated PostgreSQL database, copied by ``CREATE DATABASE … TEMPLATE``."""

    def __init__(self, connection, key, kind=TEMPLATE_PREFIX):
        self.connection = connection
        self.kind = kind
        self.test_name = connection.creation._get_test_db_name()
        # One template for every pytest-xdist worker (test_observatory_gw0, _gw1, …).
        # PostgreSQL names have at most 63 characters.
        shared_name = XDIST_SUFFIX.sub("", self.test_name)
        self.prefix = f"{shared_name[:40]}_{kind}_"
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
        self.connection.close()
        self._execute(f"DROP DATABASE IF EXISTS {self._quote(self.test_name)} WITH (FORCE)")
        self._execute(
            f"CREATE DATABASE {self._quote(self.test_name)} TEMPLATE {self._quote(self.name)}"
        )
        return True

    def save(self):
        # A template is copied only while nobody is connected to it (a live server's
        # threads may be).
        self.connection.close()
        end_other_sessions(self.connection)
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


def template_for(connection, kind=TEMPLATE_PREFIX, key=None):
    for template_class in (SQLiteTemplate, PostgreSQLTemplate):
        if template_class.applies_to(connection):
            return template_class(connection, key or migrations_key(connection), kind)
    return None


def setup_databases(verbosity=0, rebuild=False):
    """Create every test database, from its template when there is one.

    Returns what ``django.test.utils.teardown_databases`` takes.
    """
    old_config = []
    for alias in connections:
        connection = connections[alias]
        old_name = connection.settings_dict["NAME"]
        if connection.vendor == "postgresql":
            # Once NAME is the test database's, Django would name it test_<test name>:
            # fixed here, the templates copied later in the run find the same database.
            connection.settings_dict["TEST"]["NAME"] = connection.creation._get_test_db_name()
        template = template_for(connection)
        with templates_lock(connection):
            restored = template is not None and not rebuild and template.restore()
            if not restored:  # the first process builds the template the others copy
                connection.creation.create_test_db(
                    verbosity=verbosity, autoclobber=True, serialize=False, keepdb=False
                )
                if template is not None:
                    template.save()
        if restored:
            connection.creation.create_test_db(
                verbosity=verbosity, autoclobber=True, serialize=False, keepdb=True
            )
        old_config.append((connection, old_name, True))
    return old_config


# The whole demo, as `make run` loads it (about half a minute on SQLite, more on
# PostgreSQL): loaded once per set of sources into a template of its own, then copied
# into the test database by every module or test that reads it.
DEMO = "demo"
PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEMO_SOURCES = ("*.py", "*.json", "*.yaml", "*.txt", "*.po", "*.svg", "*.png", "*.jpg")


@functools.cache
def _demo_key(alias, vendor):
    return _sources_digest(connections[alias])


def demo_key(connection):
    """The migrations' key and every file of the project's apps and catalogues (read once
    per process)."""
    return _demo_key(connection.alias, connection.vendor)


def _sources_digest(connection):
    """The migrations' key and every file of the project's apps and catalogues: a change
    anywhere in them may change what the demo loads, and makes a new template."""
    digest = hashlib.sha256(migrations_key(connection).encode())
    folders = [
        Path(config.path)
        for config in apps.get_app_configs()
        if PROJECT_ROOT in Path(config.path).parents
    ] + [PROJECT_ROOT / "observatory", PROJECT_ROOT / "locale"]
    for folder in sorted(set(folders)):
        for pattern in DEMO_SOURCES:
            for path in sorted(folder.rglob(pattern)):
                if "__pycache__" not in path.parts:
                    digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class DemoMedia:
    """The demo's files (images, renditions, documents) beside its template: the tests'
    storage is in memory, one per process, and a copied database names files it lacks."""

    def __init__(self, template, connection):
        folder = Path(settings.VAR_DIR) / "test-databases"
        self.path = folder / f"{connection.alias}-{connection.vendor}-{template.kind}-media.zip"
        self.key_path = self.path.with_suffix(".key")
        self.key = template.name  # the media go with this template, not an older one

    @staticmethod
    def _walk(storage, folder=""):
        folders, files = storage.listdir(folder)
        for name in files:
            yield f"{folder}/{name}" if folder else name
        for child in folders:
            yield from DemoMedia._walk(storage, f"{folder}/{child}" if folder else child)

    @classmethod
    def stored(cls):
        """The names of the files in this process's storage."""
        from django.core.files.storage import default_storage

        return set(cls._walk(default_storage))

    def save(self, before=frozenset()):
        """Archive the storage's files, but those in ``before`` (left by earlier tests)."""
        from django.core.files.storage import default_storage

        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
            for name in self.stored() - before:
                with default_storage.open(name) as source:
                    archive.writestr(name, source.read())
        os.replace(partial, self.path)
        self.key_path.write_text(self.key)

    def restore(self):
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        if not self.path.exists() or self.key_path.read_text() != self.key:
            return False
        with zipfile.ZipFile(self.path) as archive:
            for name in archive.namelist():
                if not default_storage.exists(name):
                    default_storage.save(name, ContentFile(archive.read(name)))
        return True


def load_demo_database(connection):
    """Put the whole demo into the test database, committed; copied from its template,
    which the first process to need it builds (under the lock, the others wait)."""
    from django.core.management import call_command

    template = template_for(connection, DEMO, demo_key(connection))
    media = DemoMedia(template, connection)
    with templates_lock(connection):
        if template.restore() and media.restore():
            connection.close()
            forget_process_caches()
            return
        _restore_migrated(connection)
        before = DemoMedia.stored()
        call_command("load_demo_content", stdout=io.StringIO())
        connection.close()
        media.save(before)
        template.save()


def forget_process_caches():
    """What this process kept of the database it had: content type ids (Django's cache) and
    the shared cache (the site frame, page cache, rate limits). A copied database has
    other ids than the one a flush left."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from core.full_text import forget_statements

    ContentType.objects.clear_cache()
    forget_statements()
    with contextlib.suppress(Exception):  # a test about the cache being down still starts
        cache.clear()


def restore_migrated(connection):
    """The test database back as migrate left it (after a module that read the demo)."""
    with templates_lock(connection):
        _restore_migrated(connection)


def _restore_migrated(connection):
    if not template_for(connection).restore():
        raise RuntimeError("the migrated template is missing (it is built at setup)")
    connection.close()
