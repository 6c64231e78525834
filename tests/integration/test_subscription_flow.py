"""Flow 4 on real services: subscribe in German, confirm by the emailed link, one-click unsubscribe.

PostgreSQL, Redis and a real Celery worker whose emails reach a real SMTP sink.
"""

import random
import re
import threading
import uuid

from django.db import connection
from django.test import Client

import pytest

from home.demo import ensure_home_pages, ensure_locales
from newsletters.models import Subscriber, SubscriberStatus
from tests.integration.conftest import message_text
from tests.newsletters.builders import form_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_subscribe_in_german_confirm_by_email_and_unsubscribe_in_one_click(mail_worker, smtp_sink):
    ensure_home_pages(ensure_locales())
    visitor = Client()
    response = visitor.post(
        "/de/newsletters/subscribe/",
        form_data(email="leserin@example.de"),
        HTTP_USER_AGENT="Firefox/140",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert visitor.get(response["Location"]).status_code == 200

    [message] = smtp_sink.wait_for("leserin@example.de")
    assert message["Content-Language"] == "de"
    link = re.search(r"http://\S+/de/newsletters/confirm/\S+/", message_text(message)).group(0)
    subscriber = Subscriber.objects.get(email="leserin@example.de")
    assert subscriber.status == SubscriberStatus.PENDING

    path = re.sub(r"^https?://[^/]+", "", link)
    assert visitor.get(path, HTTP_USER_AGENT="Firefox/140").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED and subscriber.language == "de"
    assert subscriber.consent_events.get(action="confirm").user_agent == "Firefox/140"

    # The mail program's one-click POST: no session, no CSRF token.
    mail_program = Client(enforce_csrf_checks=True)
    url = subscriber.unsubscribe_url()
    assert "/de/newsletters/unsubscribe/" in url
    response = mail_program.post(
        re.sub(r"^https?://[^/]+", "", url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.consent_events.last().channel == "one_click"
    assert len(smtp_sink.to("leserin@example.de")) == 1  # nothing else was ever sent


def test_ten_parallel_subscriptions_of_one_new_address_make_one_subscriber(
    real_services, mailoutbox
):
    """Ten requests at the same moment for one new address: one row, no 500 (it was 2 × 500)."""
    ensure_home_pages(ensure_locales())
    threads_count = 10
    barrier = threading.Barrier(threads_count)
    email = f"parallel-{uuid.uuid4().hex[:10]}@example.de"
    statuses, errors = [], []

    def post(n):
        try:
            client = Client(REMOTE_ADDR=f"198.18.{n}.{random.randint(1, 254)}")
            data = form_data(email=email if n % 2 else email.upper(), name=f"Leser {n}")
            barrier.wait(timeout=30)
            statuses.append(client.post("/de/newsletters/subscribe/", data).status_code)
        except Exception as error:  # reported below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert statuses == [302] * threads_count
    [row] = Subscriber.objects.filter(email__iexact=email)
    assert row.status == SubscriberStatus.PENDING
    # Each request is recorded and answered by one email: a confirmation link.
    assert row.consent_events.filter(action="opt_in").count() == threads_count
    assert len(mailoutbox) == threads_count
    assert all("/newsletters/confirm/" in message.body for message in mailoutbox)
