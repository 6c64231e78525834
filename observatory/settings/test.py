"""Tests: fast hashing, no HTTPS redirects, emails kept in memory, tasks run at once.

Integration tests (tests/integration) set DATABASE_URL and REDIS_URL and start a
real worker; everything else runs on SQLite with in-process tasks.
"""

import os


def _xdist_redis_url(url, worker):
    """pytest-xdist's worker gwN takes Redis numbers 2N below those REDIS_URL names (the
    broker's and the cache's), so that workers never share a queue or a cache."""
    server, _, number = url.rstrip("/").rpartition("/")
    if not (number.isdigit() and server.count("/") >= 2):
        server, number = url.rstrip("/"), "0"
    return f"{server}/{max(int(number) - 2 * int(worker[2:]), 0)}"


# Once per worker: the processes a test starts inherit the shifted REDIS_URL and the mark.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker[2:].isdigit() and os.environ.get("REDIS_URL") and "OBSERVATORY_XDIST" not in os.environ:
    os.environ["REDIS_URL"] = _xdist_redis_url(os.environ["REDIS_URL"], _worker)
    os.environ["OBSERVATORY_XDIST"] = _worker

from .base import *  # noqa: E402, F403
from .base import REDIS_URL  # noqa: E402

DEBUG = False
SECRET_KEY = "observatory-tests-only"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Integration tests point their worker processes at a real SMTP sink on localhost.
EMAIL_BACKEND = os.environ.get(
    "OBSERVATORY_TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
ALLOWED_HOSTS = ["*"]
# In-process by default; integration tests switch to the broker for their worker.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("OBSERVATORY_EAGER_TASKS", "1") == "1"
# A test server process that runs as production does (tests/integration/test_redis_outage.py)
# keeps the Celery backends of base.py.
if os.environ.get("OBSERVATORY_TEST_TASK_BACKENDS") != "celery":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    WAGTAILLOCALIZE_JOBS = {"BACKEND": "wagtail_localize.tasks.ImmediateBackend"}
if not REDIS_URL:
    # One memory for both aliases (same LOCATION): rate limits count where tests look.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "rate_limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
# Off: tests that change data between two requests would see the first page again. The
# page cache's own tests (tests/core/test_page_cache.py, the browser tests) turn it on.
# (The page cache benchmark turns it on in its gunicorn through the environment.)
OBSERVATORY_PAGE_CACHE_SECONDS = int(os.environ.get("OBSERVATORY_TEST_PAGE_CACHE_SECONDS", "0"))
# Every request asks the shared cache for the generation: tests purge between requests.
OBSERVATORY_PAGE_CACHE_MEMORY_SECONDS = float(
    os.environ.get("OBSERVATORY_TEST_PAGE_CACHE_MEMORY_SECONDS", "0")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = BASE_URL = "http://testserver"
