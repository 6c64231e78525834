"""The email service's tracking webhook (anymail's Postmark view): stored once, bounces suppress."""

import base64
import datetime
import json

from django.utils import timezone

import pytest

from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory
from newsletters.models import Campaign, Delivery, EmailEvent, SubscriberStatus
from newsletters.tasks import process_email_event
from tests.newsletters.builders import subscriber

pytestmark = pytest.mark.django_db

URL = "/webhooks/anymail/postmark/tracking/"
SECRET = "postmark-hook:a-long-webhook-secret-2026"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ANYMAIL = {**settings.ANYMAIL, "WEBHOOK_SECRET": SECRET}


def auth(secret=SECRET):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(secret.encode()).decode()}


def post(client, payload, **headers):
    return client.post(URL, json.dumps(payload), content_type="application/json", **headers)


def bounce(email, message_id="0a129aee-e1cd-480d-b08d-4f48548ff48d", **extra):
    return {
        "RecordType": "Bounce",
        "ID": 4323372036854775807,
        "Type": "HardBounce",
        "TypeCode": 1,
        "Name": "Hard bounce",
        "Tag": "newsletter",
        "MessageID": message_id,
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "noreply@observatory.example",
        "BouncedAt": timezone.now().isoformat(),
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Newsletter",
        "Metadata": {},
        **extra,
    }


@pytest.fixture
def delivery(home_page):
    index = NewsletterIndexPageFactory(parent=home_page)
    newsletter = NewsletterPageFactory(parent=index)
    campaign = Campaign.objects.create(newsletter=newsletter)
    reader = subscriber("weg@example.de", language="de")
    return Delivery.objects.create(
        campaign=campaign,
        subscriber=reader,
        language="de",
        status="sent",
        message_id="0a129aee-e1cd-480d-b08d-4f48548ff48d",
    )


def test_a_hard_bounce_is_stored_once_and_suppresses_the_address(
    client, delivery, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(client, bounce("Weg@Example.de"), **auth())
        assert response.status_code == 200
    event = EmailEvent.objects.get()
    assert event.event_type == "bounced" and event.esp_name == "Postmark"
    assert event.event_id == "Postmark:4323372036854775807"
    assert event.processed_at and event.delivery == delivery
    assert event.payload["esp_event"]["Type"] == "HardBounce"
    assert event.payload["anymail"]["reject_reason"] == "bounced"
    reader = delivery.subscriber
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.BOUNCED
    [withdrawal] = reader.consent_events.filter(action="withdraw")
    assert withdrawal.channel == "bounce" and "Postmark" in withdrawal.note
    delivery.refresh_from_db()
    assert delivery.bounced and not delivery.complained


def test_a_complaint_suppresses_and_finds_the_delivery_by_its_metadata(
    client, delivery, django_capture_on_commit_callbacks
):
    payload = {
        "RecordType": "SpamComplaint",
        "ID": 42,
        "Type": "SpamComplaint",
        "MessageID": "not-known",
        "Email": "weg@example.de",
        "BouncedAt": timezone.now().isoformat(),
        "Metadata": {"delivery_id": str(delivery.pk)},
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, payload, **auth()).status_code == 200
    delivery.refresh_from_db()
    assert delivery.complained
    delivery.subscriber.refresh_from_db()
    assert delivery.subscriber.status == SubscriberStatus.COMPLAINED
    assert delivery.subscriber.consent_events.get(action="withdraw").channel == "complaint"


def test_an_event_without_id_is_stored_once_by_its_hash(
    client, home_page, django_capture_on_commit_callbacks
):
    reader = subscriber("da@example.de")
    payload = {
        "RecordType": "Delivery",
        "MessageID": "3e7c4d0a-9d62-4a2b-8ea8-b1b5f5b0c001",
        "Recipient": "da@example.de",
        "DeliveredAt": "2026-05-10T08:00:00Z",
        "Details": "Test delivery webhook details",
        "Tag": "",
        "Metadata": {},
    }
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert post(client, payload, **auth()).status_code == 200
    event = EmailEvent.objects.get()
    assert event.event_id.startswith("sha256:") and event.event_type == "delivered"
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.SUBSCRIBED


@pytest.mark.parametrize("headers", [{}, auth("postmark-hook:wrong"), auth("")])
def test_an_unauthenticated_request_is_refused(client, home_page, headers):
    subscriber("weg@example.de")
    response = post(client, bounce("weg@example.de"), **headers)
    assert response.status_code in (400, 401, 403)
    assert not EmailEvent.objects.exists()


@pytest.mark.parametrize(
    "url",
    [URL, "/webhooks/anymail/mailgun/tracking/", "/webhooks/anymail/sendgrid/tracking/"],
)
@pytest.mark.parametrize("headers", [{}, auth()])
def test_without_a_secret_every_webhook_request_is_refused(
    client, home_page, settings, url, headers, django_capture_on_commit_callbacks
):
    """anymail only warns without WEBHOOK_SECRET and takes the request: anyone could unsubscribe."""
    settings.ANYMAIL = {k: v for k, v in settings.ANYMAIL.items() if k != "WEBHOOK_SECRET"}
    reader = subscriber("weg@example.de")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, json.dumps(bounce("weg@example.de")), content_type="application/json", **headers
        )
    assert response.status_code == 403
    assert not EmailEvent.objects.exists()
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.SUBSCRIBED


def test_an_email_service_without_the_secret_is_a_check_error(settings):
    from newsletters.webhooks import check_webhook_secret

    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    assert check_webhook_secret() == []  # the fixture set a secret
    settings.ANYMAIL = {k: v for k, v in settings.ANYMAIL.items() if k != "WEBHOOK_SECRET"}
    [error] = check_webhook_secret()
    assert error.id == "newsletters.E001" and error.is_serious()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert check_webhook_secret() == []


def test_a_late_bounce_of_an_old_message_leaves_a_new_subscription_alone(
    client, home_page, django_capture_on_commit_callbacks
):
    reader = subscriber("zurueck@example.de")
    old = (timezone.now() - datetime.timedelta(days=30)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, bounce("zurueck@example.de", BouncedAt=old), **auth())
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.SUBSCRIBED
    assert EmailEvent.objects.get().processed_at


def test_processing_is_idempotent(client, home_page, django_capture_on_commit_callbacks):
    reader = subscriber("einmal@example.de")
    payload = {
        "RecordType": "SubscriptionChange",
        "MessageID": "m-1",
        "Recipient": "einmal@example.de",
        "ChangedAt": timezone.now().isoformat(),
        "SuppressSending": True,
        "SuppressionReason": "ManualSuppression",
        "Metadata": {},
    }
    with django_capture_on_commit_callbacks(execute=True):
        post(client, payload, **auth())
    event = EmailEvent.objects.get()
    assert event.event_type == "unsubscribed"
    process_email_event(event.pk)
    process_email_event(event.pk)
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.UNSUBSCRIBED
    assert reader.consent_events.filter(action="withdraw").count() == 1
