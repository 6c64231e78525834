"""Flows 4 and 5 on real services: reminder and newsletter in German from a real worker,
then one click unsubscribes and nothing more arrives."""

from django.test import Client
from django.utils import timezone

import pytest

from home.demo import ensure_home_pages, ensure_locales, translate
from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory
from newsletters.models import (
    Campaign,
    ReminderMessage,
    ReminderRule,
    Subscriber,
    SubscriberStatus,
)
from newsletters.tasks import send_due_reminders, start_campaign
from tests.integration.conftest import message_text, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content():
    locales = ensure_locales()
    home = ensure_home_pages(locales)
    index = NewsletterIndexPageFactory(parent=home)
    letter = NewsletterPageFactory(parent=index, title="May letter", subject="News in May")
    translate(index, locales["de"], fields={"title": "Newsletter"})
    translate(letter, locales["de"], fields={"title": "Mai-Brief", "subject": "Neues im Mai"})
    message = ReminderMessage.objects.create(
        name="Countdown",
        subject="{days} days to 16 May",
        body="<p>See you on {date}.</p>",
        locale=locales["en"],
    )
    translate(message, locales["de"], fields={"subject": "Noch {days} Tage bis zum 16. Mai"})
    ReminderRule.objects.create(days_before=7, message=message)
    reader = Subscriber.objects.create(
        email="leserin@example.de",
        language="de",
        status=SubscriberStatus.SUBSCRIBED,
        confirmed_at=timezone.now(),
    )
    Subscriber.objects.create(email="reader@example.org", language="en", status="subscribed")
    return letter, reader


def test_reminder_newsletter_and_one_click_unsubscribe(content, mail_worker, smtp_sink):
    letter, reader = content
    send_due_reminders.delay("2027-05-09")
    [reminder] = smtp_sink.wait_for("leserin@example.de")
    assert reminder["Subject"] == "Noch 7 Tage bis zum 16. Mai"
    # Beat runs it again (or late after an outage): nothing twice.
    send_due_reminders.delay("2027-05-09")
    smtp_sink.wait_for("reader@example.org")

    campaign = Campaign.objects.create(newsletter=letter, send_at=timezone.now())
    start_campaign.delay(campaign.pk)
    newsletter = smtp_sink.wait_for("leserin@example.de", count=2)[1]
    assert newsletter["Subject"] == "Neues im Mai"
    assert newsletter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Mai-Brief" in message_text(newsletter)
    url = newsletter["List-Unsubscribe"].split(",")[0].strip("<> ")

    # The mail client's one-click POST: no session, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        url.replace("http://testserver", ""), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.UNSUBSCRIBED

    second = Campaign.objects.create(newsletter=letter, send_at=timezone.now())
    start_campaign.delay(second.pk)
    assert wait_for(lambda: Campaign.objects.get(pk=second.pk).status == "done")
    assert len(smtp_sink.to("leserin@example.de")) == 2  # nothing more for her
    assert len(smtp_sink.to("reader@example.org")) == 3
