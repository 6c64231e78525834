"""Sending a campaign so that every recipient gets exactly one email, whatever crashes.

The Delivery rows are the truth. A campaign starts by writing its audience as
rows, in one transaction. Workers then claim small chunks (``SKIP LOCKED`` on
PostgreSQL) with a lease, re-check that each address may still be written to,
mark a row ``sending`` (committed) just before the email service is called and
``sent`` (committed) right after it accepts. A worker that dies leaves rows
whose lease runs out: the sweeper puts ``claimed`` ones back to ``pending`` and
marks ``sending`` ones ``uncertain`` (the service may have accepted the message
in the instant before the commit): those are reported, never resent.
"""

import logging
import os
import socket
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from .models import (
    Audience,
    Campaign,
    Delivery,
    DeliveryStatus,
    Subscriber,
    SubscriberStatus,
)
from .rendering import newsletter_in, render_newsletter

logger = logging.getLogger(__name__)

CHUNK_SIZE = 50


def lease_seconds():
    return int(getattr(settings, "OBSERVATORY_DELIVERY_LEASE_SECONDS", 300))


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}"


def audience(campaign):
    """The subscribers a campaign goes to: confirmed, not suppressed, in its audience."""
    subscribers = Subscriber.objects.receiving()
    if campaign.audience == Audience.CITY_CONTACTS:
        subscribers = subscribers.filter(is_city_contact=True)
    elif campaign.audience == Audience.LANGUAGE:
        subscribers = subscribers.filter(language=campaign.audience_language)
    elif campaign.audience == Audience.COUNTRY:
        subscribers = subscribers.filter(country=campaign.audience_country)
    return subscribers


def write_deliveries(campaign):
    """One pending Delivery per recipient, inserted by the database in one statement.

    INSERT … SELECT keeps memory flat whatever the audience size; ON CONFLICT makes
    a second run (a retried task) add nothing.
    """
    select, params = (
        audience(campaign).order_by().values_list("pk", "language").query.sql_with_params()
    )
    table = Delivery._meta.db_table
    false = "false" if connection.vendor == "postgresql" else "0"
    # Only our own table name and Django's compiled query go in; values are parameters.
    sql = (
        f"INSERT INTO {table} (campaign_id, subscriber_id, language, status, lease_until, "  # noqa: S608
        f"worker, attempts, message_id, sent_at, error, bounced, complained, unsubscribed) "
        f"SELECT %s, sub.id, sub.language, %s, NULL, '', 0, '', NULL, '', "
        f"{false}, {false}, {false} FROM ({select}) AS sub(id, language) WHERE true "
        f"ON CONFLICT (campaign_id, subscriber_id) DO NOTHING"
    )
    if connection.vendor != "postgresql":
        # SQLite has no column list on a derived table's alias; "WHERE true" keeps
        # its parser from reading ON CONFLICT as a join constraint.
        sql = sql.replace("AS sub(id, language)", "AS sub").replace("sub.id, sub.language", "sub.*")
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign.pk, DeliveryStatus.PENDING, *params])
        return cursor.rowcount


def start_campaign(campaign_id):
    """Write the audience of a due campaign (once) and mark it sending. Returns True if it did."""
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update(skip_locked=True)
            .filter(pk=campaign_id, status=Campaign.Status.SCHEDULED, send_at__lte=timezone.now())
            .first()
        )
        if campaign is None:
            return False
        write_deliveries(campaign)
        campaign.recipient_count = campaign.deliveries.count()
        campaign.status = Campaign.Status.SENDING
        campaign.started_at = timezone.now()
        campaign.save(update_fields=["recipient_count", "status", "started_at"])
    return True


def claim(campaign_id, size=CHUNK_SIZE, worker=None):
    """Take up to ``size`` pending rows with a lease; other workers skip them."""
    worker = worker or worker_name()
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(campaign_id=campaign_id, status=DeliveryStatus.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if ids:
            Delivery.objects.filter(pk__in=ids).update(
                status=DeliveryStatus.CLAIMED,
                worker=worker,
                lease_until=timezone.now() + timedelta(seconds=lease_seconds()),
            )
    return ids


def build_message(rendered, delivery, subscriber):
    html_body, text_body = rendered.for_recipient(subscriber.unsubscribe_url())
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=text_body,
        to=[subscriber.email],
        # The language the email is written in, which may not be the subscriber's.
        headers={**list_headers(subscriber, delivery), "Content-Language": rendered.language},
    )
    message.attach_alternative(html_body, "text/html")
    # django-anymail passes these to the email service; its webhooks send them back.
    message.metadata = {"delivery_id": str(delivery.pk), "campaign_id": str(delivery.campaign_id)}
    message.tags = ["newsletter"]
    return message


def unsubscribe_mailto(subscriber):
    address = getattr(settings, "OBSERVATORY_UNSUBSCRIBE_EMAIL", "")
    if not address:
        sender = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
        address = "unsubscribe@" + sender.rsplit("@", 1)[-1]
    return f"mailto:{address}?subject=unsubscribe-{subscriber.token}"


def list_headers(subscriber, delivery=None):
    """RFC 2369 and RFC 8058 headers: one-click unsubscribe by https, or by mail."""
    headers = {
        "List-Unsubscribe": f"<{subscriber.unsubscribe_url()}>, <{unsubscribe_mailto(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    if delivery is not None:
        headers["X-Observatory-Delivery"] = str(delivery.pk)
    return headers


def message_id_of(message):
    status = getattr(message, "anymail_status", None)
    if status is not None and status.message_id:
        return str(status.message_id)[:255]
    return message.extra_headers.get("Message-ID", "")[:255]


def send_claimed(ids, worker=None):
    """Send the claimed rows one by one, each committed before and after the service call."""
    worker = worker or worker_name()
    pages, rendered = {}, {}
    deliveries = (
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.CLAIMED, worker=worker)
        .select_related("campaign__newsletter", "subscriber")
        .order_by("pk")
    )
    counts = {"sent": 0, "skipped": 0, "failed": 0}
    email_connection = get_connection()
    try:
        for delivery in deliveries.iterator(chunk_size=CHUNK_SIZE):
            subscriber = Subscriber.objects.get(pk=delivery.subscriber_id)  # fresh: re-check
            if subscriber.status != SubscriberStatus.SUBSCRIBED:
                Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SKIPPED)
                counts["skipped"] += 1
                continue
            language = subscriber.language
            if language not in pages:
                pages[language] = newsletter_in(delivery.campaign.newsletter, language)
            page = pages[language]
            if page.pk not in rendered:  # languages without a translation share the default's
                rendered[page.pk] = render_newsletter(page)
            message = build_message(rendered[page.pk], delivery, subscriber)
            message.connection = email_connection
            # Committed before the call: if this process dies now, the row says so.
            moved = Delivery.objects.filter(
                pk=delivery.pk, status=DeliveryStatus.CLAIMED, worker=worker
            ).update(status=DeliveryStatus.SENDING, attempts=delivery.attempts + 1)
            if not moved:  # the sweeper took it back: another worker has it now
                continue
            try:
                message.send()
            except Exception as error:  # the row records any failure
                logger.warning("delivery %s failed: %s", delivery.pk, error)
                final = delivery.attempts + 1 >= 3
                Delivery.objects.filter(pk=delivery.pk).update(
                    status=DeliveryStatus.FAILED if final else DeliveryStatus.PENDING,
                    error=str(error)[:2000],
                    worker="",
                    lease_until=None,
                )
                counts["failed"] += 1
                continue
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.SENT,
                sent_at=timezone.now(),
                message_id=message_id_of(message),
                lease_until=None,
            )
            counts["sent"] += 1
    finally:
        email_connection.close()
    return counts


def sweep(now=None):
    """Leases that ran out: claimed rows go back to pending, sending rows become uncertain."""
    now = now or timezone.now()
    expired = Q(lease_until__lt=now)
    requeued = Delivery.objects.filter(expired, status=DeliveryStatus.CLAIMED).update(
        status=DeliveryStatus.PENDING, worker="", lease_until=None
    )
    uncertain = Delivery.objects.filter(expired, status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.UNCERTAIN, lease_until=None
    )
    if requeued or uncertain:
        logger.warning("sweeper: %s deliveries requeued, %s uncertain", requeued, uncertain)
    return requeued, uncertain


def finish_if_done(campaign_id):
    """Mark the campaign done once no row is waiting or in a worker's hands."""
    open_rows = Delivery.objects.filter(
        campaign_id=campaign_id,
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.CLAIMED, DeliveryStatus.SENDING],
    )
    if open_rows.exists():
        return False
    return bool(
        Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.SENDING).update(
            status=Campaign.Status.DONE, finished_at=timezone.now()
        )
    )


def progress(campaign):
    """Counts a person watches: by delivery state and by what the email service reported."""
    rows = Delivery.objects.filter(campaign=campaign)
    by_status = dict(rows.values_list("status").annotate(n=Count("pk")).order_by())
    flags = rows.aggregate(
        bounced=Count("pk", filter=Q(bounced=True)),
        complained=Count("pk", filter=Q(complained=True)),
        unsubscribed=Count("pk", filter=Q(unsubscribed=True)),
    )
    total = sum(by_status.values())
    waiting = sum(
        by_status.get(s, 0)
        for s in (DeliveryStatus.PENDING, DeliveryStatus.CLAIMED, DeliveryStatus.SENDING)
    )
    done = total - waiting
    return {
        "total": total,
        "pending": waiting,
        "sent": by_status.get(DeliveryStatus.SENT, 0),
        "failed": by_status.get(DeliveryStatus.FAILED, 0),
        "uncertain": by_status.get(DeliveryStatus.UNCERTAIN, 0),
        "skipped": by_status.get(DeliveryStatus.SKIPPED, 0),
        **flags,
        "percent": round(100 * done / total) if total else (100 if campaign.finished_at else 0),
        "status": campaign.status,
    }
