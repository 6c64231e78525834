"""Celery tasks of campaigns and reminders. Due times live in the database; beat moves them on.

Nothing is scheduled weeks ahead with an ETA: ``start_due_campaigns`` and
``sweep_deliveries`` run every minute from beat (exactly one beat runs), and
``send_due_reminders`` every hour, so a reminder missed by an outage still goes
out that day.
"""

from celery import shared_task

from . import sending
from .models import Campaign, DeliveryStatus

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
    from django.utils import timezone

    due = Campaign.objects.filter(
        status=Campaign.Status.SCHEDULED, send_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    for campaign_id in due:
        start_campaign.delay(campaign_id)


@shared_task(acks_late=True)
def send_campaign_batch(campaign_id):
    """Claim a small chunk, send it, and hand on to a fresh task while rows are waiting."""
    ids = sending.claim(campaign_id)
    if not ids:
        sending.finish_if_done(campaign_id)
        return 0
    counts = sending.send_claimed(ids)
    send_campaign_batch.delay(campaign_id)
    return counts["sent"]


@shared_task
def sweep_deliveries():
    """Expired leases back to the queue (or uncertain); keep every sending campaign moving."""
    from django.utils import timezone

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
    import datetime

    from .reminders import send_due_reminders as send

    return send(datetime.date.fromisoformat(today) if today else None)
