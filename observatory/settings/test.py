"""Tests: fast hashing, no HTTPS redirects, emails kept in memory, tasks run at once.

Integration tests (tests/integration) set DATABASE_URL and REDIS_URL and start a
real worker; everything else runs on SQLite with in-process tasks.
"""

import os

from .base import *  # noqa: F403
from .base import REDIS_URL

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
