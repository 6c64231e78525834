"""Celery tasks of the newsletters app."""

import datetime

# ---------------------------------------------------------------------------------------
# Subscriptions: what the email service reports (see newsletters/webhooks.py).
# ---------------------------------------------------------------------------------------
import logging

from django.db import transaction
from django.utils import timezone

from celery import shared_task

from . import sending
from .contacts import withdraw
from .models import (
    Campaign,
    ConsentEvent,
    DeliveryStatus,
    EmailEvent,
    Subscriber,
    matching_delivery,
)
from .reminders import send_due_reminders as send

logger = logging.getLogger(__name__)


def _anymail(event):
    payload = event.payload if isinstance(event.payload, dict) else {}
    value = payload.get("anymail")
    return value if isinstance(value, dict) else {}


def _suppression(event):
    """(channel, delivery flag) an event calls for, or (None, None)."""

    if event.event_type == "complained":
        return ConsentEvent.Channel.COMPLAINT, "complained"
    if event.event_type == "bounced":
        return ConsentEvent.Channel.BOUNCE, "bounced"
    if event.event_type == "rejected":
        reason = _anymail(event).get("reject_reason")
        if reason == "spam":
            return ConsentEvent.Channel.COMPLAINT, "complained"
        if reason == "unsubscribed":
            return ConsentEvent.Channel.ONE_CLICK, "unsubscribed"
        return ConsentEvent.Channel.BOUNCE, "bounced"
    if event.event_type == "unsubscribed":
        return ConsentEvent.Channel.ONE_CLICK, "unsubscribed"
    return None, None


@shared_task(acks_late=True)
def process_email_event(event_pk):
    """Act on one stored webhook event, once: suppress the address, mark the delivery.

    A hard bounce or a rejection suppresses the address (status bounced), a
    complaint too (complained), an unsubscribe reported by the service
    unsubscribes; each records a withdrawal (channel bounce, complaint, one_click)
    and marks the campaign delivery. An event older than the subscriber's latest
    confirmation (a late bounce of an old message after they subscribed again)
    marks the delivery but leaves the new subscription alone. Idempotent:
    ``processed_at`` is set in the same transaction.
    """

    with transaction.atomic():
        event = EmailEvent.objects.select_for_update().filter(pk=event_pk).first()
        if event is None or event.processed_at is not None:
            return
        channel, flag = _suppression(event)
        if channel is not None:
            delivery = event.delivery
            if delivery is None:
                delivery = matching_delivery(event.message_id, _anymail(event).get("metadata"))
                if delivery is not None:
                    event.delivery = delivery
            if delivery is not None and flag and not getattr(delivery, flag):
                setattr(delivery, flag, True)
                delivery.save(update_fields=[flag])
            subscriber = None
            if event.recipient:
                subscriber = Subscriber.objects.filter(email__iexact=event.recipient).first()
            if subscriber is None and delivery is not None:
                subscriber = delivery.subscriber
            stale = (
                subscriber is not None
                and event.occurred_at is not None
                and subscriber.confirmed_at is not None
                and event.occurred_at < subscriber.confirmed_at
            )
            if subscriber is not None and not stale:
                withdraw(
                    subscriber,
                    channel,
                    note=f"{event.esp_name} {event.event_type} (email event #{event.pk})",
                    at=event.occurred_at,
                )
        event.processed_at = timezone.now()
        event.save(update_fields=["processed_at", "delivery"])


# ---------------------------------------------------------------------------------------
# Campaigns and reminders: below.
# ---------------------------------------------------------------------------------------


# -- Campaigns and reminders ---------------------------------------------------------------
# Celery tasks of campaigns and reminders. Due times live in the database; beat moves them on.
#
# Nothing is scheduled weeks ahead with an ETA: ``start_due_campaigns`` and
# ``sweep_deliveries`` run every minute from beat (exactly one beat runs), and
# ``send_due_reminders`` every hour, so a reminder missed by an outage still goes
# out that day.
#


PARALLEL_BATCHES = 4


def _enqueue_batches(campaign_id, count=PARALLEL_BATCHES):
    for _index in range(count):
        send_campaign_batch.delay(campaign_id)


@shared_task
def start_campaign(campaign_id):
    """Write the audience of a due campaign, then let the workers send it."""
    if sending.start_campaign(campaign_id):
        _enqueue_batches(campaign_id)


@shared_task
def start_due_campaigns():
    """Start every scheduled campaign whose time has come (beat, every minute)."""

    due = Campaign.objects.filter(
        status=Campaign.Status.SCHEDULED, send_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    for campaign_id in due:
        start_campaign.delay(campaign_id)


@shared_task(bind=True, acks_late=True)
def send_campaign_batch(self, campaign_id):
    """Claim a batch, send it, and hand on to a fresh task while rows are waiting.

    In-process (no broker: the embedded default, or beat running tasks itself) the
    batches follow one another in a loop rather than a chain of nested calls.
    """
    sent = 0
    while True:
        ids = sending.claim(campaign_id)
        if not ids:
            sending.finish_if_done(campaign_id)
            return sent
        sent += sending.send_claimed(ids)["sent"]
        if not self.request.is_eager:
            send_campaign_batch.delay(campaign_id)
            return sent


@shared_task
def sweep_deliveries():
    """Expired leases back to the queue (or uncertain); keep every sending campaign moving."""

    sending.sweep()
    for campaign in Campaign.objects.filter(status=Campaign.Status.SENDING):
        rows = campaign.deliveries
        if not rows.filter(status=DeliveryStatus.PENDING).exists():
            sending.finish_if_done(campaign.pk)
            continue
        working = rows.filter(
            status__in=[DeliveryStatus.CLAIMED, DeliveryStatus.SENDING],
            lease_until__gt=timezone.now(),
        ).exists()
        if not working:  # rows wait and no worker holds any: the chain broke, restart it
            _enqueue_batches(campaign.pk)


@shared_task
def send_due_reminders(today=None):
    """Send today's reminders before 16 May, once per rule, year and subscriber.

    ``today`` (ISO date) is for tests and replays; beat sends none.
    """

    return send(datetime.date.fromisoformat(today) if today else None)
