"""Flow 4 on real services: subscribe in German, confirm by the emailed link, one-click unsubscribe.

PostgreSQL, Redis and a real Celery worker whose emails reach a real SMTP sink.
"""

import re

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
