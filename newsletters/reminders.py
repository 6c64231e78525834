"""Reminders before 16 May: each due rule once per year and subscriber, in their language.

A ReminderSent row is written for every receiving subscriber before anything is
sent (INSERT … ON CONFLICT DO NOTHING), then each row moves pending → sending →
sent with conditional updates. Running twice, or late the same day, sends
nothing twice; a row left ``sending`` by a crash is never resent.
"""

import logging

from django.db import connection
from django.utils import formats, timezone, translation

from capitals.models import current_capital
from core.dates import next_international_day
from core.emails import build_email
from core.i18n import written_in

from .models import DeliveryStatus, ReminderRule, ReminderSent, Subscriber
from .sending import list_headers

logger = logging.getLogger(__name__)

DEFAULT_DAYS = (30, 7, 1)


def due_rules(today=None):
    """The active rules whose day is ``today``, with the year of the 16 May they announce."""
    today = today or timezone.localdate()
    day = next_international_day(today)
    days_left = (day - today).days
    return day, list(ReminderRule.objects.filter(active=True, days_before=days_left))


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
    sent = 0
    for rule in rules:
        write_recipients(rule, day.year)
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
            try:
                email.send()
            except Exception as error:  # back to pending: the next run retries
                logger.warning("reminder to subscriber %s failed: %s", subscriber.pk, error)
                ReminderSent.objects.filter(pk=row.pk).update(status=DeliveryStatus.PENDING)
                continue
            ReminderSent.objects.filter(pk=row.pk).update(
                status=DeliveryStatus.SENT, sent_at=timezone.now()
            )
            sent += 1
    return sent
