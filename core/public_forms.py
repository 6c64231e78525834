"""What every public form has: a honeypot, a minimum fill time and a rate limit per address.

CSRF comes from Django's middleware (every form renders ``{% csrf_token %}``).

The rate limit counts in the cache (Redis in production). When Redis does not
answer, the count moves to a table of the database (``RateLimitCounter``): the
limit keeps holding, a little slower, and a warning is logged. Only when the
database is down too does the form let the request through: nothing else would
work then either.
"""

import logging
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from observatory.models import RateLimitCounter

logger = logging.getLogger(__name__)


def _count_in_database(key, window):
    """Count in the database: one row per key, incremented atomically."""

    now = timezone.now()
    with transaction.atomic():
        if RateLimitCounter.objects.filter(key=key).update(count=F("count") + 1) == 0:
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(
                        key=key, count=1, expires_at=now + timezone.timedelta(seconds=window)
                    )
            except IntegrityError:  # another request created it first
                RateLimitCounter.objects.filter(key=key).update(count=F("count") + 1)
            RateLimitCounter.objects.filter(expires_at__lt=now).delete()
        return RateLimitCounter.objects.get(key=key).count


def client_address(request):
    """The visitor's address: REMOTE_ADDR, or the proxy's view of it when we trust one."""
    if getattr(settings, "OBSERVATORY_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64] or "unknown"


def _count(cache, key, window):
    # add() is atomic on Redis and on the database cache: the first hit creates the key.
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def hit(request, scope, limit, window):
    """Count one attempt of this address on ``scope``; True while it stays within ``limit``."""
    key = f"ratelimit:{scope}:{client_address(request)}:{int(time.time() // window)}"
    try:
        return _count(caches["default"], key, window) <= limit
    except Exception:  # any cache failure (Redis down, timeout) falls back
        logger.warning("rate limit: the cache did not answer, counting in the database")
    try:
        return _count_in_database(key, window) <= limit
    except DatabaseError:
        logger.error("rate limit: neither the cache nor the database answered; request allowed")
        return True


class PublicFormMixin(forms.Form):
    """Mix into a Form or ModelForm that anyone can send. Build it with ``request=``.

    ``rate_limit`` is (attempts, seconds) per address for this form's ``rate_scope``.
    """

    min_fill_seconds = 3
    max_fill_seconds = 24 * 60 * 60
    rate_limit = (10, 60 * 60)
    rate_scope = "form"

    # The honeypot: hidden from people (CSS and aria-hidden), filled by bots.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)

    error_messages_public = {
        "honeypot": _("This form could not be sent. Please leave the last field empty."),
        "too_fast": _("That was very quick. Please check what you typed and send the form again."),
        "expired": _("This form was open for too long. Please check it and send it again."),
        "rate_limited": _(
            "Too many attempts from your connection. Please wait an hour and try again."
        ),
    }

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.rate_limited = False
        # Every rendering restarts the clock, also when the form comes back with errors.
        self.initial["form_started"] = signing.dumps(time.time(), salt=self.signing_salt())
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix("form_started")] = self.initial["form_started"]
            self._started_value = (args[0] if args else kwargs.get("data", {})).get(
                self.add_prefix("form_started"), ""
            )

    def fields_cache_key(self):
        """What the visible fields of a fresh form depend on, beside the language; or None.

        ``{% form_fields %}`` (core/templatetags/public_form_tags.py) keeps their HTML
        under it. A form whose fields hold anything of one visitor returns None.
        """
        if self.is_bound or self.errors:
            return None
        return (type(self).__name__, self.auto_id, self.prefix, tuple(self.fields))

    @classmethod
    def signing_salt(cls):
        return f"public-form:{cls.rate_scope}"

    def clean(self):
        # The protections come before the form's own checks: a wrong password counts too.
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(self.error_messages_public["honeypot"], code="honeypot")
        try:
            started = signing.loads(self._started_value, salt=self.signing_salt())
            elapsed = time.time() - float(started)
        except (signing.BadSignature, TypeError, ValueError):
            elapsed = None
        if elapsed is None or elapsed < self.min_fill_seconds:
            raise forms.ValidationError(self.error_messages_public["too_fast"], code="too_fast")
        if elapsed > self.max_fill_seconds:
            raise forms.ValidationError(self.error_messages_public["expired"], code="expired")
        attempts, window = self.rate_limit
        if not hit(self.request, self.rate_scope, attempts, window):
            self.rate_limited = True
            raise forms.ValidationError(
                self.error_messages_public["rate_limited"], code="rate_limited"
            )
        return super().clean()
