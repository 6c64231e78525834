"""Reminders before 16 May: each due rule once per year and subscriber, in their language.

A ReminderSent row is written for every receiving subscriber before anything is
sent (INSERT … ON CONFLICT DO NOTHING), then each row moves pending → sending →
sent with conditional updates. Running twice, or late the same day, sends
nothing twice; a row left ``sending`` by a crash is never resent.

A rule whose whole day was missed (no run that day: an outage, a stopped
scheduler) is caught up by the next run within ``OBSERVATORY_REMINDER_GRACE_DAYS``
(2) days after it, still before 16 May, unless a later rule's day has come
meanwhile: that one is sent instead. It says the days left on the day it goes
out. A rule that ran on its day is not run again later, so whoever subscribes
after its day does not get it late.
"""

import logging

from django.conf import settings
from django.db import connection
from django.utils import formats, timezone, translation

from capitals.models import current_capital
from core.dates import next_international_day
from core.emails import build_email
from core.i18n import written_in

from .models import DeliveryStatus, ReminderRule, ReminderSent, Subscriber
from .sending import list_headers, new_message_id

logger = logging.getLogger(__name__)

DEFAULT_DAYS = (30, 7, 1)


def grace_days():
    return int(getattr(settings, "OBSERVATORY_REMINDER_GRACE_DAYS", 2))


def due_rules(today=None):
    """The 16 May ahead and the active rules due ``today``: today's, and missed ones.

    A rule is due on its day (16 May minus its days), and on the ``grace_days()``
    days after it when nothing of it was written for that year (its whole day was
    missed), before 16 May, and when no later rule's day has come since.
    """
    today = today or timezone.localdate()
    day = next_international_day(today)
    days_left = (day - today).days
    rules = list(ReminderRule.objects.filter(active=True, days_before__gte=days_left))
    due = [rule for rule in rules if rule.days_before == days_left]
    if days_left > 0:
        started = set(
            ReminderSent.objects.filter(year=day.year, rule__in=rules)
            .values_list("rule_id", flat=True)
            .distinct()
        )
        for rule in rules:
            late = rule.days_before - days_left
            superseded = any(days_left <= other.days_before < rule.days_before for other in rules)
            if 0 < late <= grace_days() and rule.pk not in started and not superseded:
                due.append(rule)
    return day, due


def write_recipients(rule, year):
    select, params = (
        Subscriber.objects.receiving()
        .order_by()
        .values_list("pk", flat=True)
        .query.sql_with_params()
    )
    table = ReminderSent._meta.db_table
    # Only our own table name and Django's compiled query go in; values are parameters.
    sql = (
        f"INSERT INTO {table} (rule_id, year, subscriber_id, status, sent_at, message_id) "  # noqa: S608
        f"SELECT %s, %s, sub.id, %s, NULL, '' FROM ({select}) AS sub(id) WHERE true "
        f"ON CONFLICT (rule_id, year, subscriber_id) DO NOTHING"
    )
    if connection.vendor != "postgresql":
        sql = sql.replace("AS sub(id)", "AS sub").replace("sub.id", "sub.*")
    with connection.cursor() as cursor:
        cursor.execute(sql, [rule.pk, year, DeliveryStatus.PENDING, *params])
        return cursor.rowcount


def fill(text, values):
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def reminder_content(rule, language, day, days_left):
    """(subject, html body, Capital, language) of the rule's message for readers of ``language``.

    The message's translation in ``language``, else in the default language, else
    the rule's own: the whole email is then in that message's language, and says so.
    """
    message = written_in(rule.message, language)
    locale = message.locale
    with translation.override(locale.language_code):
        capital = current_capital(locale, day)
        values = {
            "days": str(days_left),
            "date": formats.date_format(day, "DATE_FORMAT"),
            "capital": capital.city.localized.title if capital and capital.city else "",
        }
    subject, body = fill(message.subject, values), fill(str(message.body), values)
    return subject, body, capital, locale.language_code


def send_due_reminders(today=None):
    """Send every reminder due today. Returns how many emails went out."""
    day, rules = due_rules(today)
    days_left = (day - (today or timezone.localdate())).days
    for rule in rules:
        write_recipients(rule, day.year)
    # Rows a failed send put back to pending are retried within the grace window too.
    retried = ReminderRule.objects.filter(
        active=True,
        days_before__gte=days_left,
        days_before__lte=days_left + (grace_days() if days_left > 0 else 0),
        sent__year=day.year,
        sent__status=DeliveryStatus.PENDING,
    ).distinct()
    sent = 0
    for rule in {rule.pk: rule for rule in [*rules, *retried]}.values():
        content = {}
        pending = ReminderSent.objects.filter(
            rule=rule, year=day.year, status=DeliveryStatus.PENDING
        ).select_related("subscriber")
        for row in pending.iterator(chunk_size=200):
            subscriber = row.subscriber
            if subscriber.status != "subscribed":
                ReminderSent.objects.filter(pk=row.pk).update(status=DeliveryStatus.SKIPPED)
                continue
            if not ReminderSent.objects.filter(pk=row.pk, status=DeliveryStatus.PENDING).update(
                status=DeliveryStatus.SENDING
            ):
                continue  # another run has it
            language = subscriber.language
            if language not in content:
                content[language] = reminder_content(rule, language, day, days_left)
            subject, body, capital, written_language = content[language]
            email = build_email(
                "reminder",
                subscriber.email,
                {
                    "subject": subject,
                    "body": body,
                    "days": days_left,
                    "capital_url": capital.full_url if capital else "",
                    "unsubscribe_url": subscriber.unsubscribe_url(),
                },
                written_language,
            )
            email.extra_headers.update(list_headers(subscriber))
            email.extra_headers["Message-ID"] = message_id = new_message_id()
            try:
                email.send()
            except Exception as error:  # back to pending: the next run retries
                logger.warning("reminder to subscriber %s failed: %s", subscriber.pk, error)
                ReminderSent.objects.filter(pk=row.pk).update(status=DeliveryStatus.PENDING)
                continue
            status = getattr(email, "anymail_status", None)
            if status is not None and status.message_id:
                message_id = str(status.message_id)
            ReminderSent.objects.filter(pk=row.pk).update(
                status=DeliveryStatus.SENT, sent_at=timezone.now(), message_id=message_id[:255]
            )
            sent += 1
    return sent
