"""Worlds of transactional tests (a live server, real workers), built once per run.

A test whose data a live server's thread or a worker process reads must commit it,
so it cannot share a module's transaction (tests/shared.py): each such test built its
world again, pages in five languages through wagtail-localize, 5 to 20 seconds each.
``committed_world`` builds it once, in the test database, and keeps that database as a
template of its own (tests/databases.py, keyed by the demo's sources and the tests');
every later test that asks for the world gets a copy of the template, about a second.
The world's objects are found again by their primary keys, its files (images,
documents) from an archive beside the template, as the demo's are.
"""

import functools
import hashlib
import io
import pickle
from pathlib import Path

from django.apps import apps
from django.db import connection, connections, models

from tests.databases import (
    DemoMedia,
    _restore_migrated,
    demo_key,
    forget_process_caches,
    template_for,
    templates_lock,
)

TESTS_DIR = Path(__file__).resolve().parent


@functools.cache
def _sources_key(alias, vendor):
    """The demo's key (the project's sources and migrations) and every test module's."""
    digest = hashlib.sha256(demo_key(connections[alias]).encode())
    for path in sorted(TESTS_DIR.rglob("*.py")):
        digest.update(str(path.relative_to(TESTS_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class _Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, models.Model) and obj.pk is not None:
            return (obj._meta.label, obj.pk)
        return None


class _Unpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        label, pk = pid
        return apps.get_model(label)._base_manager.get(pk=pk)


def _freeze(world):
    buffer = io.BytesIO()
    _Pickler(buffer).dump(world)
    return buffer.getvalue()


def _thaw(data):
    return _Unpickler(io.BytesIO(data)).load()


def committed_world(name, build):
    """``build()``'s world, committed in the test database: built by the first test that
    asks for it in this run (or an earlier one with the same sources), copied after.

    ``build`` starts from the database as migrated and returns the world: any value
    (dicts, lists, model instances…) that pickle takes. Only for transactional tests.
    """
    kind = f"world_{name}"
    template = template_for(connection, kind, _sources_key(connection.alias, connection.vendor))
    media = DemoMedia(template, connection)
    manifest = media.path.with_suffix(".pickle")  # the world's objects, beside its files
    with templates_lock(connection, kind):
        if manifest.exists() and template.restore() and media.restore():
            connection.close()
            forget_process_caches()
            return _thaw(manifest.read_bytes())
        _restore_migrated(connection)
        forget_process_caches()
        before = DemoMedia.stored()
        world = build()
        # Written first: a run stopped before the template is saved builds it again.
        manifest.write_bytes(_freeze(world))
        connection.close()
        media.save(before)
        template.save()
    return world


def on_home_pages(build):
    """``build(home, locales)`` on the locales and home pages, which it builds first."""

    def built():
        from home.demo import ensure_home_pages, ensure_locales

        locales = ensure_locales()
        return build(ensure_home_pages(locales), locales)

    return built
