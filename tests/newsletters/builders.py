"""Builders for the subscription tests: the form's data, subscribers in each state, links."""

import re

from django.utils import timezone

from newsletters.forms import SubscribeForm
from newsletters.models import ConsentEvent, Subscriber, SubscriberStatus
from tests.cities.portal import started_long_ago

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Observatory-Tests/1.0"


def form_data(**overrides):
    data = {
        "email": "leser@example.de",
        "language": "de",
        "name": "Lea Leser",
        "city_name": "Düsseldorf",
        "country": "DE",
        "consent": "on",
        "source_url": "/de/international-day/",
        "form_started": started_long_ago(SubscribeForm),
        "homepage": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def subscribe(client, lang="de", address="203.0.113.7", **overrides):
    """Post the form under /<lang>/ (``language=`` is the form's field)."""
    return client.post(
        f"/{lang}/newsletters/subscribe/",
        form_data(**overrides),
        HTTP_USER_AGENT=USER_AGENT,
        REMOTE_ADDR=address,
    )


def link_in(message, path="/newsletters/"):
    for url in re.findall(r"https?://\S+", message.body):
        if path in url:
            return url
    raise AssertionError(f"no link with {path} in {message.body!r}")


def local_path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def subscriber(email="abonnent@example.org", status=SubscriberStatus.SUBSCRIBED, **fields):
    """A subscriber in ``status``, with the consent events that would have led there."""
    now = fields.pop("confirmed_at", None) or timezone.now()
    row = Subscriber.objects.create(
        email=email,
        status=status,
        confirmed_at=now if status != SubscriberStatus.PENDING else None,
        unsubscribed_at=now if status not in ("subscribed", "pending") else None,
        **fields,
    )
    ConsentEvent.objects.create(
        subscriber=row, action="opt_in", channel="form", consent_version="2026-11", at=now
    )
    if status != SubscriberStatus.PENDING:
        ConsentEvent.objects.create(subscriber=row, action="confirm", channel="email_link", at=now)
    if status not in (SubscriberStatus.SUBSCRIBED, SubscriberStatus.PENDING):
        ConsentEvent.objects.create(subscriber=row, action="withdraw", channel="link", at=now)
    return row
