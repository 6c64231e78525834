"""Development: the embedded defaults of `make run` (SQLite, no broker, emails to var/mail)."""

import os

from .base import *  # noqa: F403
from .base import EMAIL_FILE_PATH, STATIC_ROOT

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-observatory-development-only"
# Emails are written as .log files a person can open, unless another backend is named.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH.mkdir(parents=True, exist_ok=True)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# wagtail-localize offers machine translation through a dummy translator in development.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
