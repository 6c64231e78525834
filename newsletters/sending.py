"""Sending a campaign so that every recipient gets exactly one email, whatever crashes.

The Delivery rows are the truth. A campaign starts by writing its audience as
rows, in one transaction. Workers then claim batches (``SKIP LOCKED`` on
PostgreSQL) with a lease, re-check that each address may still be written to,
mark the batch ``sending`` (one UPDATE, committed) just before the email service
is called, hand the batch over on one connection, and mark what it accepted
``sent`` with each Message-ID (one UPDATE) right after. A worker that dies leaves
rows whose lease runs out: the sweeper puts ``claimed`` ones back to ``pending``
and marks ``sending`` ones ``uncertain`` (the service may have accepted them
before the commit): those are reported, never resent.
"""

import html
import logging
import os
import re
import socket
import uuid
from datetime import timedelta
from email.policy import compat32
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from anymail.backends.base import AnymailBaseBackend

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


def batch_size():
    """Rows a worker claims and sends together (OBSERVATORY_DELIVERY_BATCH_SIZE).

    One UPDATE moves them to ``sending``, one to ``sent``; a worker killed mid-batch
    leaves at most this many rows uncertain.
    """
    return int(getattr(settings, "OBSERVATORY_DELIVERY_BATCH_SIZE", 200))


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


def claim(campaign_id, size=None, worker=None):
    """Take up to ``size`` pending rows with a lease; other workers skip them."""
    worker = worker or worker_name()
    size = size or batch_size()
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


def sender_domain():
    sender = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return sender.rsplit("@", 1)[-1] or "localhost"


def new_message_id():
    """A Message-ID set before sending, so the row records what the SMTP server received.

    Django's SMTP backend makes one only while it serialises the message and keeps it
    nowhere; an ESP's own id (django-anymail's ``anymail_status``) takes its place.
    """
    return make_msgid(domain=sender_domain())


def build_message(rendered, delivery, subscriber, unsubscribe_url=None):
    unsubscribe_url = unsubscribe_url or subscriber.unsubscribe_url()
    html_body, text_body = rendered.for_recipient(unsubscribe_url)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=text_body,
        to=[subscriber.email],
        # The language the email is written in, which may not be the subscriber's.
        headers={
            **list_headers(subscriber, delivery, unsubscribe_url),
            "Content-Language": rendered.language,
            "Message-ID": new_message_id(),
        },
    )
    message.attach_alternative(html_body, "text/html")
    message.unsubscribe_url = unsubscribe_url
    # django-anymail passes these to the email service; its webhooks send them back.
    message.metadata = {"delivery_id": str(delivery.pk), "campaign_id": str(delivery.campaign_id)}
    message.tags = ["newsletter"]
    return message


def unsubscribe_mailto(subscriber):
    address = getattr(settings, "OBSERVATORY_UNSUBSCRIBE_EMAIL", "")
    if not address:
        address = "unsubscribe@" + sender_domain()
    return f"mailto:{address}?subject=unsubscribe-{subscriber.token}"


def list_headers(subscriber, delivery=None, unsubscribe_url=None):
    """RFC 2369 and RFC 8058 headers: one-click unsubscribe by https, or by mail."""
    unsubscribe_url = unsubscribe_url or subscriber.unsubscribe_url()
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>, <{unsubscribe_mailto(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    if delivery is not None:
        headers["X-Observatory-Delivery"] = str(delivery.pk)
    return headers


def message_id_of(message):
    status = getattr(message, "anymail_status", None)
    if status is not None and status.message_id not in (None, ""):  # the service's own id
        return str(status.message_id)[:255]
    return message.extra_headers.get("Message-ID", "")[:255]


_TOKEN_STAND_IN = str(uuid.UUID(int=0))


def _unsubscribe_url_pattern(subscriber):
    """The unsubscribe address in ``subscriber``'s language, with a stand-in for the token."""
    return Subscriber(language=subscriber.language, token=_TOKEN_STAND_IN).unsubscribe_url()


def _messages_for(deliveries):
    """(delivery, message) for each row whose subscriber may still be written to, and the skipped.

    Each language's newsletter is rendered once; a recipient's email only gets their
    unsubscribe link and headers.
    """
    pages, rendered, unsubscribe_urls = {}, {}, {}
    messages, skipped = [], []
    for delivery in deliveries:
        subscriber = delivery.subscriber  # read with the claim's rows: re-checked now
        if subscriber.status != SubscriberStatus.SUBSCRIBED:
            skipped.append(delivery.pk)
            continue
        language = subscriber.language
        if language not in pages:
            pages[language] = newsletter_in(delivery.campaign.newsletter, language)
        page = pages[language]
        if page.pk not in rendered:  # languages without a translation share the default's
            rendered[page.pk] = render_newsletter(page)
        if language not in unsubscribe_urls:  # one reverse() per language, not per reader
            unsubscribe_urls[language] = _unsubscribe_url_pattern(subscriber)
        url = unsubscribe_urls[language].replace(_TOKEN_STAND_IN, str(subscriber.token))
        message = build_message(rendered[page.pk], delivery, subscriber, url)
        message.rendered = rendered[page.pk]  # what an ESP batch of this language shares
        messages.append((delivery, message))
    return messages, skipped


def esp_merge_field():
    """How the ESP writes a recipient's value into a batch message; empty: no ESP batches.

    ``OBSERVATORY_ESP_MERGE_FIELD``, with ``{name}`` for the value's name: for example
    ``%recipient.{name}%`` (Mailgun), ``{{{{{name}}}}}`` (Postmark, SparkPost),
    ``[[var:{name}]]`` (Mailjet), ``{{{{params.{name}}}}}`` (Brevo).
    """
    return getattr(settings, "OBSERVATORY_ESP_MERGE_FIELD", "")


def sends_esp_batches(email_connection):
    return bool(esp_merge_field()) and isinstance(email_connection, AnymailBaseBackend)


ESP_REFUSED = {"rejected", "failed", "invalid"}


def _hand_over_esp_batches(messages, email_connection):
    """One API call per batch and language: django-anymail's batch send with merge data.

    Each recipient still gets an email of their own (the service sends one per
    address): their unsubscribe link as merge data, their List-Unsubscribe and
    delivery headers as merge headers, the delivery's ids as merge metadata (the
    webhooks send them back). The service's answer for each address is recorded.
    """
    groups = {}
    for delivery, message in messages:
        groups.setdefault(id(message.rendered), []).append((delivery, message))
    placeholder = esp_merge_field().format(name="unsubscribe_url")
    sent, failed = [], []
    for items in groups.values():
        rendered = items[0][1].rendered
        html_body, text_body = rendered.for_recipient(placeholder)
        batch = EmailMultiAlternatives(
            subject=rendered.subject,
            body=text_body,
            to=[message.to[0] for _, message in items],
            headers={"Content-Language": rendered.language},
            connection=email_connection,
        )
        batch.attach_alternative(html_body, "text/html")
        batch.merge_data = {
            message.to[0]: {"unsubscribe_url": delivery.subscriber.unsubscribe_url()}
            for delivery, message in items
        }
        batch.merge_headers = {
            message.to[0]: {
                name: value
                for name, value in message.extra_headers.items()
                if name not in {"Content-Language", "Message-ID"}  # the service sets its own
            }
            for _, message in items
        }
        batch.merge_metadata = {message.to[0]: message.metadata for _, message in items}
        batch.tags = ["newsletter"]
        try:
            email_connection.send_messages([batch])
        except Exception as error:  # the whole call failed: nothing of it was accepted
            logger.warning("batch of %s deliveries failed: %s", len(items), error)
            failed += [(delivery, error) for delivery, _ in items]
            continue
        answers = batch.anymail_status.recipients
        for delivery, message in items:
            answer = answers.get(message.to[0])
            if answer is None or answer.status in ESP_REFUSED:
                said = answer.status if answer is not None else "nothing"
                failed.append((delivery, RuntimeError(f"the email service answered {said}")))
                continue
            message.anymail_status = answer  # its message_id is the row's
            sent.append((delivery, message))
    return sent, failed


# How Django's messages fold their headers (email.policy.compat32), in SMTP's line ends.
_HEADER_POLICY = compat32.clone(linesep="\r\n")
# A recipient address that Django's SMTP backend would send as it is.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\Z")


class SMTPPrototype:
    """One language's email serialised once, with stand-ins for what each recipient changes.

    Django builds and serialises a two-part MIME message in about two milliseconds
    (header folding, a boundary search, encodings), as long as sending it to a local
    server takes. A batch's emails of one language differ only by their address,
    Message-ID, delivery header and unsubscribe links: each one is the prototype's
    bytes with those put in, as Django would write them (each header folded by the
    same policy; the bodies are 8bit: ``render_newsletter`` keeps lines short).
    Anything the stand-ins can't carry (an address or link that needs encoding) goes
    the ordinary way.
    """

    HEADERS = ("To", "Message-ID", "X-Observatory-Delivery", "List-Unsubscribe")

    def __init__(self, message):
        self.from_email = sanitize_address(message.from_email, message.encoding or "utf-8")
        token = uuid.uuid4().hex
        self.url = f"https://stand-in.invalid/{token}/"
        stand_ins = {name: f"stand-in-{n}-{token}" for n, name in enumerate(self.HEADERS)}
        body, alternative = message.body, message.alternatives[0][0]
        url = message.unsubscribe_url
        prototype = EmailMultiAlternatives(
            subject=message.subject,
            body=body.replace(url, self.url),
            from_email=message.from_email,
            to=[f"{stand_ins['To']}@stand-in.invalid"],
            headers={
                **message.extra_headers,
                **{name: stand_ins[name] for name in self.HEADERS[1:]},
            },
        )
        prototype.attach_alternative(alternative.replace(html.escape(url), self.url), "text/html")
        data = prototype.message().as_bytes(linesep="\r\n")
        self.lines = {
            name: f"{name}: {stand_ins[name]}".encode() + b"\r\n" for name in self.HEADERS[1:]
        }
        self.lines["To"] = f"To: {stand_ins['To']}@stand-in.invalid\r\n".encode()
        links = body.count(url) + alternative.count(html.escape(url))
        self.usable = (
            b"quoted-printable" not in data
            and b"base64" not in data
            and all(data.count(line) == 1 for line in self.lines.values())
            and data.count(self.url.encode()) == links
        )
        self.data = data

    def bytes_for(self, message):
        """``message`` as Django would serialise it, or None when it needs the ordinary way."""
        address, url = message.to[0], message.unsubscribe_url
        if not _PLAIN_ADDRESS.match(address) or html.escape(url) != url or not url.isascii():
            return None
        values = {"To": address, **{name: message.extra_headers[name] for name in self.HEADERS[1:]}}
        if not all(value.isascii() for value in values.values()):
            return None
        data = self.data.replace(self.url.encode(), url.encode())
        for name, value in values.items():
            data = data.replace(self.lines[name], _HEADER_POLICY.fold(name, value).encode())
        return data


def _send_prepared(messages, email_connection):
    """Over Django's SMTP backend: each language serialised once (``SMTPPrototype``)."""
    prototypes = {}
    for delivery, message in messages:
        key = (id(message.rendered), message.extra_headers.get("Content-Language"))
        if key not in prototypes:
            prototypes[key] = SMTPPrototype(message)
        prototype = prototypes[key]
        data = prototype.bytes_for(message) if prototype.usable else None
        try:
            if data is None:
                accepted = email_connection.send_messages([message])
            else:
                email_connection.connection.sendmail(prototype.from_email, message.to, data)
                accepted = 1
        except Exception as error:  # the row records any failure
            accepted = error
        yield delivery, message, accepted


def _send_each(messages, email_connection):
    for delivery, message in messages:
        try:
            accepted = email_connection.send_messages([message])
        except Exception as error:  # the row records any failure
            accepted = error
        yield delivery, message, accepted


def _hand_over(messages, email_connection):
    """Send each message over the one open connection; returns (sent, failed) lists.

    One message refused (an address the server rejects) fails alone; the others of
    the batch still go. django-anymail's backends send each message in one API call
    of the email service over one HTTP session.
    """
    sent, failed = [], []
    try:
        email_connection.open()
    except Exception as error:  # the service cannot be reached: nothing was handed over
        logger.warning("email service unreachable, %s deliveries wait: %s", len(messages), error)
        return [], [(delivery, error) for delivery, _ in messages]
    for _delivery, message in messages:
        message.connection = email_connection
    prepared = isinstance(email_connection, SMTPBackend) and email_connection.connection
    send = _send_prepared if prepared else _send_each
    for delivery, message, accepted in send(messages, email_connection):
        if isinstance(accepted, Exception):
            logger.warning("delivery %s failed: %s", delivery.pk, accepted)
            failed.append((delivery, accepted))
        elif accepted == 0:  # the backend reports it sent nothing
            failed.append((delivery, RuntimeError("the email backend sent nothing")))
        else:
            sent.append((delivery, message))
    return sent, failed


def send_claimed(ids, worker=None):
    """Send a claimed batch: one UPDATE to ``sending`` before the email service, one after.

    The batch is committed ``sending`` before the first message is handed over, so a
    worker that dies mid-batch leaves only ``sending`` rows, which the sweeper marks
    ``uncertain`` and nobody resends. Then each message goes over one connection and
    the results are recorded together: ``sent`` with each row's Message-ID in one
    statement, failures back to ``pending`` (or ``failed`` at the third attempt).
    """
    worker = worker or worker_name()
    counts = {"sent": 0, "skipped": 0, "failed": 0}
    deliveries = list(
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.CLAIMED, worker=worker)
        .select_related("campaign__newsletter", "subscriber")
        .order_by("pk")
    )
    messages, skipped = _messages_for(deliveries)
    if skipped:
        Delivery.objects.filter(pk__in=skipped).update(status=DeliveryStatus.SKIPPED)
        counts["skipped"] = len(skipped)
    if not messages:
        return counts
    with transaction.atomic():
        # Only the rows this worker still holds (the sweeper may have taken some back).
        held = set(
            Delivery.objects.select_for_update()
            .filter(
                pk__in=[delivery.pk for delivery, _ in messages],
                status=DeliveryStatus.CLAIMED,
                worker=worker,
            )
            .values_list("pk", flat=True)
        )
        Delivery.objects.filter(pk__in=held).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1
        )
    messages = [(delivery, message) for delivery, message in messages if delivery.pk in held]
    email_connection = get_connection()
    hand_over = _hand_over_esp_batches if sends_esp_batches(email_connection) else _hand_over
    try:
        sent, failed = hand_over(messages, email_connection)
    finally:
        email_connection.close()
    mark_sent([(delivery.pk, message_id_of(message)) for delivery, message in sent])
    for delivery, error in failed:
        final = delivery.attempts + 1 >= 3
        delivery.status = DeliveryStatus.FAILED if final else DeliveryStatus.PENDING
        delivery.error, delivery.worker, delivery.lease_until = str(error)[:2000], "", None
        delivery.attempts += 1
    Delivery.objects.bulk_update(
        [delivery for delivery, _ in failed],
        ["status", "error", "worker", "lease_until", "attempts"],
        batch_size=batch_size(),
    )
    counts["sent"], counts["failed"] = len(sent), len(failed)
    return counts


def mark_sent(rows):
    """(delivery id, Message-ID) pairs become ``sent``, each with its id, in one UPDATE.

    Django's ``bulk_update`` builds a CASE of every row for every field, which costs
    more than sending the batch; this statement joins the pairs instead.
    """
    if not rows:
        return 0
    table = Delivery._meta.db_table
    pairs = ", ".join(["(CAST(%s AS BIGINT), %s)"] * len(rows))
    # Only our own table name and placeholders go in; values are parameters.
    sql = (
        f"WITH sent_now(id, message_id) AS (VALUES {pairs}) "  # noqa: S608
        f"UPDATE {table} SET status = %s, sent_at = %s, lease_until = NULL, "
        f"message_id = (SELECT sent_now.message_id FROM sent_now WHERE sent_now.id = {table}.id) "
        f"WHERE id IN (SELECT id FROM sent_now)"
    )
    params = [value for pair in rows for value in pair]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, DeliveryStatus.SENT, now])
        return cursor.rowcount


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
