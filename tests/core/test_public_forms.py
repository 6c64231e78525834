"""Every public form's protections: honeypot, minimum fill time, rate limit (Redis down too)."""

import time

from django import forms
from django.core import signing
from django.core.cache import caches
from django.db import DatabaseError
from django.test import RequestFactory, override_settings

import pytest

from core import public_forms
from core.public_forms import PublicFormMixin

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# As production configures Redis (observatory/settings/base.py); nothing listens on port 1.
_UNREACHABLE = {
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
}
UNREACHABLE_REDIS = {
    "default": {"BACKEND": "observatory.cache.TolerantRedisCache", **_UNREACHABLE},
    "rate_limits": {"BACKEND": "django.core.cache.backends.redis.RedisCache", **_UNREACHABLE},
}


class ContactForm(PublicFormMixin):
    rate_limit = (3, 3600)
    rate_scope = "test-contact"
    message = forms.CharField()


def started(seconds_ago):
    return signing.dumps(time.time() - seconds_ago, salt=ContactForm.signing_salt())


def bound(data, address="203.0.113.7"):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    return ContactForm({"message": "Hello", **data}, request=request)


def codes(form):
    return [error.code for error in form.non_field_errors().as_data()]


def test_a_person_taking_their_time_gets_through():
    form = bound({"form_started": started(10)})
    assert form.is_valid(), form.errors


def test_honeypot_filled_is_refused_with_a_message():
    form = bound({"form_started": started(10), "homepage": "http://spam.example"})
    assert not form.is_valid()
    assert codes(form) == ["honeypot"]


@pytest.mark.parametrize(
    ("value", "code"),
    [(None, "too_fast"), ("forged", "too_fast"), ("", "too_fast"), ("old", "expired")],
)
def test_too_fast_forged_or_stale_forms_are_refused(value, code):
    value = {None: started(0.5), "old": started(2 * 24 * 3600)}.get(value, value)
    form = bound({"form_started": value})
    assert not form.is_valid()
    assert codes(form) == [code]
    # What the person typed comes back, with a fresh clock for the next try.
    assert form["message"].value() == "Hello"
    assert form["form_started"].value() != value


def test_rate_limit_per_address():
    results = [bound({"form_started": started(10)}).is_valid() for _ in range(4)]
    assert results == [True, True, True, False]
    # Another address is not affected.
    assert bound({"form_started": started(10)}, address="198.51.100.1").is_valid()


def test_rate_limited_form_says_so():
    for _ in range(3):
        bound({"form_started": started(10)}).is_valid()
    form = bound({"form_started": started(10)})
    assert not form.is_valid() and form.rate_limited
    assert codes(form) == ["rate_limited"]


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_rate_limit_holds_when_redis_is_down(caplog):
    caches._settings = None  # let the override reach the cache handler
    with pytest.raises(Exception):  # noqa: B017 - Redis is really unreachable
        caches["rate_limits"].get("probe")
    assert caches["default"].get("probe") is None  # pages: a miss, not an error
    results = [bound({"form_started": started(10)}).is_valid() for _ in range(4)]
    assert results == [True, True, True, False]
    assert "counting in the database" in caplog.text


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_with_redis_and_database_down_the_form_lets_people_through(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(public_forms, "_count_in_database", lambda key, window: broken())
    assert bound({"form_started": started(10)}).is_valid()
    assert "neither the cache nor the database answered" in caplog.text


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.1"),  # no proxy of ours: the header is the client's own words
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "192.0.2.66, 192.0.2.1", "192.0.2.1"),  # what the client wrote is skipped
        (1, "not-an-address, 192.0.2.1", "192.0.2.1"),
        (2, "192.0.2.66, 192.0.2.1, 10.0.0.2", "192.0.2.1"),
        (2, "192.0.2.1", "10.0.0.1"),  # did not come through both proxies
        (1, "2001:db8::66, 2001:db8::1", "2001:db8::1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_is_read_from_the_right_through_the_trusted_proxies(
    settings, proxies, forwarded, expected
):
    settings.OBSERVATORY_TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert public_forms.client_address(request) == expected


@pytest.mark.parametrize(
    "proxy_setting",
    [{"OBSERVATORY_TRUSTED_PROXY_COUNT": 1}, {"OBSERVATORY_TRUST_X_FORWARDED_FOR": True}],
    ids=["proxy-count", "legacy-trust-flag"],
)
def test_behind_the_proxy_rotating_the_forwarded_header_bypasses_nothing(proxy_setting):
    """With the leftmost entry trusted, 15 of 15 probes past the limit got through; now 0."""

    def form(spoofed, client="192.0.2.1"):
        request = RequestFactory().post(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"{spoofed}, {client}"
        )
        return ContactForm({"message": "Hi", "form_started": started(10)}, request=request)

    with override_settings(**proxy_setting):
        accepted = [form(f"198.51.100.{n}").is_valid() for n in range(1, 19)]
        assert accepted[:3] == [True, True, True]
        assert accepted[3:].count(True) == 0  # bypassed: 0 of 15
        # Another visitor behind the same proxy keeps their own count.
        assert form("198.51.100.1", client="192.0.2.2").is_valid()
