"""Celery tasks of the newsletters app."""

# ---------------------------------------------------------------------------------------
# Subscriptions: what the email service reports (see newsletters/webhooks.py).
# ---------------------------------------------------------------------------------------

import logging

from django.db import transaction
from django.utils import timezone

from celery import shared_task

logger = logging.getLogger(__name__)


def _anymail(event):
    payload = event.payload if isinstance(event.payload, dict) else {}
    value = payload.get("anymail")
    return value if isinstance(value, dict) else {}


def _suppression(event):
    """(channel, delivery flag) an event calls for, or (None, None)."""
    from .models import ConsentEvent

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
    from .contacts import withdraw
    from .models import EmailEvent, Subscriber
    from .webhooks import matching_delivery

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
