"""What every public form has: a honeypot, a minimum fill time and a rate limit per address.

CSRF: public forms sit on pages the page cache keeps (``core.page_cache``), so
their HTML holds no token and no per-visitor clock. ``static/js/public-forms.js``
fetches both from ``form_token`` (never cached) as the page opens; without
JavaScript, ``PublicFormCsrfMiddleware`` takes a public form that the browser says
was sent from this site (``Origin``, ``Sec-Fetch-Site``, headers no other site can
forge), and the clock is the one rendered into the page.

The rate limit counts in the cache (Redis in production). When Redis does not
answer, the count moves to a table of the database (``RateLimitCounter``): the
limit keeps holding, a little slower, and a warning is logged. Only when the
database is down too does the form let the request through: nothing else would
work then either.
"""

import functools
import logging
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from python_ipware import IpWare

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


def trusted_proxy_count():
    """How many proxies of ours stand in front of the site (OBSERVATORY_TRUSTED_PROXY_COUNT).

    The older ``OBSERVATORY_TRUST_X_FORWARDED_FOR`` means one proxy.
    """
    count = int(getattr(settings, "OBSERVATORY_TRUSTED_PROXY_COUNT", 0) or 0)
    if not count and getattr(settings, "OBSERVATORY_TRUST_X_FORWARDED_FOR", False):
        count = 1
    return max(0, count)


@functools.cache
def _forwarded_chain_reader(proxies):
    # python-ipware counts the proxies *inside* X-Forwarded-For; the last of ours is
    # REMOTE_ADDR, so N proxies of ours leave the client N - 1 entries from the right.
    return IpWare(precedence=("HTTP_X_FORWARDED_FOR",), proxy_count=proxies - 1)


def client_address(request):
    """The visitor's address, for rate limits, login limits and consent records.

    Without proxies (``OBSERVATORY_TRUSTED_PROXY_COUNT=0``) it is REMOTE_ADDR. Behind
    N proxies of ours, each appends the address that connected to it to
    X-Forwarded-For, so the client is the N-th entry from the right: what stands to
    its left was written by the client itself and is never read (rotating it
    changes nothing). A request whose chain is shorter than that did not come
    through all our proxies: it counts under REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")[:64] or "unknown"
    proxies = trusted_proxy_count()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        address, _trusted = _forwarded_chain_reader(proxies).get_client_ip(
            {"HTTP_X_FORWARDED_FOR": forwarded[:2000]}
        )
        if address is not None:
            return str(address)[:64]
    return remote


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
        # The "rate_limits" cache raises when Redis is down (the default one answers a miss).
        return _count(caches["rate_limits"], key, window) <= limit
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

    def started_at(self):
        """When the visitor began: the clock rendered with this form, or one fetched later."""
        for salt in (self.signing_salt(), FORM_CLOCK_SALT):
            try:
                return float(signing.loads(self._started_value, salt=salt))
            except (signing.BadSignature, TypeError, ValueError):
                continue
        return None

    def clean(self):
        # The protections come before the form's own checks: a wrong password counts too.
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(self.error_messages_public["honeypot"], code="honeypot")
        started = self.started_at()
        elapsed = None if started is None else time.time() - started
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


# The clock and the CSRF token a cached page's form fetches (core.views.form_token).
FORM_CLOCK_SALT = "public-form:clock"
# The hidden field that marks a public form (templates/components/public_form_token.html).
PUBLIC_FORM_FIELD = "public_form"


def form_clock():
    """A signed "now": the start of a visitor's fill of any public form."""
    return signing.dumps(time.time(), salt=FORM_CLOCK_SALT)


class PublicFormCsrfMiddleware(CsrfViewMiddleware):
    """Django's CSRF check, but a public form the browser sent from this site passes tokenless.

    The cached pages' forms carry no token (the script fills one in; without
    JavaScript there is none). Browsers name the page a form was sent from in
    ``Origin`` (and ``Sec-Fetch-Site``); no other site can set either, so a form
    sent from elsewhere still fails. The admin and every other form keep the token.
    """

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            request.method == "POST"
            and not request.path_info.startswith("/admin/")
            and self._sent_from_this_site(request)
            and request.POST.get(PUBLIC_FORM_FIELD) == "1"
        ):
            return self._accept(request)
        return super().process_view(request, callback, callback_args, callback_kwargs)

    def _sent_from_this_site(self, request):
        origin = request.META.get("HTTP_ORIGIN")
        if origin and origin != "null":
            return self._origin_verified(request)
        return request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"
