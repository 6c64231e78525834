"""What every public page needs and rarely changes, cached until a page or site changes.

The site, each language's locale, home page and menu are read on every request
and change only when an editor publishes, unpublishes, moves or deletes a page,
or changes a site, a locale or a search promotion. They are kept under one
*version*: a value in the shared cache (Redis in production) that any of those
changes replaces. Each process keeps what it built for the current version in
memory, so a request reads one key of the shared cache (the version, once per
request) instead of a query for each of them; another process sees a change at
its next request.

The cache is optional at every moment: when it does not answer, the values are
built from the database each time, as if nothing were cached.
"""

import contextvars
import copy
import logging
import threading
import uuid
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "observatory:site-frame:version"
_version = contextvars.ContextVar("observatory_site_frame_version", default=None)
_suspended = contextvars.ContextVar("observatory_site_frame_suspended", default=None)
_memo = {}  # name -> (version, value): what this process built for a version
_lock = threading.Lock()


def _read_version():
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:  # the cache is down: nothing is cached
        logger.warning("site frame: the cache did not answer; reading from the database")
        return None
    return version


def current_version():
    """The version in force: read once per request (FrameVersionMiddleware), else each call."""
    version = _version.get()
    return version if version is not None else _read_version()


def _kept(name, build):
    """``build()``'s value kept for the current version (not a copy), or a fresh one."""
    version = current_version()
    if version is None:
        return build()
    with _lock:
        found = _memo.get(name)
    if found is None or found[0] != version:
        found = (version, build())
        with _lock:
            _memo[name] = found
    return found[1]


def cached(name, build):
    """``build()``'s value for the current version; built once per version and process.

    Callers get their own shallow copy of lists, dicts and model instances: what one
    request sets on them never reaches another.
    """
    return _copied(_kept(name, build))


def cached_entry(name, build, key, default=None):
    """``cached(name, build).get(key, default)``, copying that entry only.

    A locale or a home page is looked up many times a request: copying all five
    languages' to return one cost more than the look-up.
    """
    return _copied(_kept(name, build).get(key, default))


def _copied(value):
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*(_copied(item) for item in value))
    if isinstance(value, list | tuple):
        return type(value)(_copied(item) for item in value)
    if hasattr(value, "_meta"):  # a model instance
        return copy.copy(value)
    return value


def invalidate(force=False, **kwargs):
    """A page, site or locale changed: every process builds the frame again.

    Now (this process and this transaction see the change at once) and again when
    the transaction commits: a request of another process that built the frame in
    between read what was committed before.
    """
    changes = _suspended.get()
    if changes is not None and not force:
        changes.append(True)
        return
    _bump()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        callback is _bump for _savepoints, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_bump)


@contextmanager
def invalidated_once_at_the_end():
    """Within: changes invalidate the frame once, at the end (bulk loads save many pages)."""
    changes = []
    token = _suspended.set(changes)
    try:
        yield
    finally:
        _suspended.reset(token)
    if changes:
        invalidate()


def _bump():
    version = uuid.uuid4().hex
    with _lock:
        _memo.clear()
    try:
        cache.set(VERSION_KEY, version, timeout=None)
    except Exception:
        logger.warning("site frame: the cache did not answer; other processes may lag")
        version = None
    if _version.get() is not None:
        _version.set(version)


class FrameVersionMiddleware:
    """Reads the frame's version once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _version.set(_read_version())
        try:
            return self.get_response(request)
        finally:
            _version.reset(token)


def _saved(sender, instance, **kwargs):
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    # Any save of a page: a publication, an alias that wagtail-localize creates or
    # updates, a title edited in place.
    if isinstance(instance, Page):
        invalidate()
    elif isinstance(instance, Site | Locale | PageViewRestriction):
        invalidate(force=True)
    elif instance._meta.label == "wagtailsearchpromotions.SearchPromotion":
        # Search keeps which queries have promotions (search.queries.promoted_queries).
        invalidate(force=True)


def connect_signals():
    """Whatever changes the tree's public state, a site or a locale, invalidates."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"observatory-frame-{id(signal)}")
    post_save.connect(_saved, dispatch_uid="observatory-frame-save")
    post_delete.connect(_saved, dispatch_uid="observatory-frame-delete")
