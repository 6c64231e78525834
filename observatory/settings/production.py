"""Production: refuses to start without a secret key; HTTPS behind a proxy, strict headers."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production (see README: Environment).")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# TLS ends at the proxy, which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The same proxy appends the visitor's address to X-Forwarded-For: the rate limits and
# sign-in limits count the entry it wrote (one proxy by default; set the number of
# proxies of yours, e.g. 2 behind a CDN and a proxy, or 0 when none stands in front).
OBSERVATORY_TRUSTED_PROXY_COUNT = int(
    os.environ.get("OBSERVATORY_TRUSTED_PROXY_COUNT")
    or (0 if os.environ.get("OBSERVATORY_TRUST_X_FORWARDED_FOR", "").strip() == "0" else 1)
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
# Wagtail's live preview shows the page in a same-origin frame, so frames stay
# SAMEORIGIN instead of DENY; the CSP's frame-ancestors 'self' says the same.
# security.W003 looks for CsrfViewMiddleware by name; ours is its subclass
# (core.public_forms.PublicFormCsrfMiddleware), so the protection is there.
SILENCED_SYSTEM_CHECKS = ["security.W019", "security.W003"]
