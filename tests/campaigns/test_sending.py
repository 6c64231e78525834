"""Campaigns: the email of a newsletter, one delivery per recipient, leases, reminders, admin."""

import datetime
import re

from django.core import mail
from django.utils import timezone

import pytest

from home.demo import translate
from newsletters import sending
from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory
from newsletters.models import (
    Audience,
    Campaign,
    Delivery,
    DeliveryStatus,
    ReminderMessage,
    ReminderRule,
    ReminderSent,
    Subscriber,
    SubscriberStatus,
)
from newsletters.reminders import send_due_reminders
from newsletters.rendering import render_newsletter
from newsletters.tasks import send_campaign_batch, start_campaign, sweep_deliveries

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsletter(home_page, locales, django_capture_on_commit_callbacks):
    index = NewsletterIndexPageFactory(parent=home_page)
    page = NewsletterPageFactory(parent=index, title="May letter", slug="may-letter")
    with django_capture_on_commit_callbacks(execute=True):
        translate(index, locales["fr"], fields={"title": "Lettres"})
        translate(
            page,
            locales["fr"],
            fields={"title": "Lettre de mai", "subject": "Lettre de mai : les nouvelles"},
        )
    return page


def subscribe(email, language="en", status=SubscriberStatus.SUBSCRIBED, **kwargs):
    return Subscriber.objects.create(email=email, language=language, status=status, **kwargs)


@pytest.fixture
def audience_of_five(db):
    return [
        subscribe("en@example.org", "en", country="GB"),
        subscribe("fr@example.org", "fr", country="FR"),
        subscribe("de@example.org", "de", country="DE"),  # no German translation: English
        subscribe("city@example.org", "fr", country="FR", is_city_contact=True),
        subscribe("ar@example.org", "ar", country="MA"),
        subscribe("pending@example.org", "en", status=SubscriberStatus.PENDING),
        subscribe("gone@example.org", "en", status=SubscriberStatus.UNSUBSCRIBED),
        subscribe("bounced@example.org", "en", status=SubscriberStatus.BOUNCED),
    ]


def campaign_for(newsletter, **kwargs):
    return Campaign.objects.create(
        newsletter=newsletter, send_at=timezone.now() - datetime.timedelta(seconds=1), **kwargs
    )


def test_email_is_responsive_html_with_text_absolute_links_and_unsubscribe(newsletter):
    rendered = render_newsletter(newsletter)
    html, text = rendered.for_recipient("http://testserver/en/newsletters/unsubscribe/x/")
    assert rendered.subject == "May letter: news of the Observatory"
    assert html.startswith("<!doctype html>") and 'lang="en"' in html
    assert "@media" in html  # MJML's responsive styles
    assert "Sixteen days to go" in html and "Sixteen days to go".upper() in text
    assert 'href="http://testserver/en/newsletters/unsubscribe/x/"' in html
    assert "http://testserver/en/newsletters/may-letter/" in html  # view in the browser
    assert "http://testserver/en/newsletters/" in text  # the archive
    assert "Programme (https://example.org/programme)" in text
    assert not re.search(r'(href|src)="/', html), "every link is absolute"


def test_arabic_email_is_right_to_left(newsletter, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate(newsletter.get_parent(), locales["ar"], fields={"title": "النشرات"})
        arabic = translate(newsletter, locales["ar"], fields={"subject": "رسالة مايو"})
    rendered = render_newsletter(arabic)
    assert rendered.language == "ar" and rendered.subject == "رسالة مايو"
    assert 'lang="ar"' in rendered.html and 'dir="rtl"' in rendered.html


def test_an_alias_is_emailed_as_the_english_it_shows(newsletter, locales):
    # An alias repeats the English text: the email is English, and says so.
    arabic = newsletter.get_translation_or_none(locales["ar"]) or newsletter.copy_for_translation(
        locales["ar"], copy_parents=True, alias=True
    )
    assert arabic.alias_of_id == newsletter.pk
    rendered = render_newsletter(arabic.specific)
    assert rendered.language == "en" and 'lang="en"' in rendered.html
    assert 'dir="rtl"' not in rendered.html
    assert "http://testserver/en/newsletters/may-letter/" in rendered.html


def test_campaign_writes_one_delivery_per_receiving_subscriber_once(newsletter, audience_of_five):
    campaign = campaign_for(newsletter)
    assert sending.start_campaign(campaign.pk)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SENDING and campaign.recipient_count == 5
    emails = set(campaign.deliveries.values_list("subscriber__email", flat=True))
    assert emails == {s.email for s in audience_of_five[:5]}
    # A retried start adds nothing and does not restart.
    assert not sending.start_campaign(campaign.pk)
    assert sending.write_deliveries(campaign) == 0
    assert campaign.deliveries.count() == 5


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"audience": Audience.CITY_CONTACTS}, {"city@example.org"}),
        (
            {"audience": Audience.LANGUAGE, "audience_language": "fr"},
            {"fr@example.org", "city@example.org"},
        ),
        ({"audience": Audience.COUNTRY, "audience_country": "DE"}, {"de@example.org"}),
    ],
)
def test_audiences(newsletter, audience_of_five, options, expected):
    campaign = campaign_for(newsletter, **options)
    sending.start_campaign(campaign.pk)
    assert set(campaign.deliveries.values_list("subscriber__email", flat=True)) == expected


def test_each_recipient_gets_one_email_in_their_language(newsletter, audience_of_five):
    campaign = campaign_for(newsletter)
    start_campaign(campaign.pk)  # eager in tests: starts, then the batches send
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DONE
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == sorted(s.email for s in audience_of_five[:5])
    assert len(mail.outbox) == 5
    assert by_address["fr@example.org"].subject == "Lettre de mai : les nouvelles"
    assert by_address["de@example.org"].subject == "May letter: news of the Observatory"
    # Each says the language it is written in: German readers get English here.
    assert by_address["fr@example.org"].extra_headers["Content-Language"] == "fr"
    assert by_address["de@example.org"].extra_headers["Content-Language"] == "en"
    message = by_address["fr@example.org"]
    subscriber = Subscriber.objects.get(email="fr@example.org")
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://testserver/fr/newsletters/unsubscribe/{subscriber.token}/>, "
        f"<mailto:unsubscribe@localhost?subject=unsubscribe-{subscriber.token}>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    delivery = Delivery.objects.get(campaign=campaign, subscriber=subscriber)
    assert message.metadata == {"delivery_id": str(delivery.pk), "campaign_id": str(campaign.pk)}
    assert str(subscriber.token) in message.alternatives[0][0]
    assert delivery.status == DeliveryStatus.SENT and delivery.sent_at
    assert sending.progress(campaign)["sent"] == 5
    assert sending.progress(campaign)["percent"] == 100


def spanish_campaign(newsletter):
    subscribe("es@example.org", "es", country="ES")
    campaign = campaign_for(newsletter, audience=Audience.LANGUAGE, audience_language="es")
    start_campaign(campaign.pk)
    [message] = mail.outbox
    return message


def test_a_spanish_reader_of_an_english_alias_gets_english_labelled_english(newsletter, locales):
    newsletter.copy_for_translation(locales["es"], copy_parents=True, alias=True)
    message = spanish_campaign(newsletter)
    assert message.subject == "May letter: news of the Observatory"
    assert message.extra_headers["Content-Language"] == "en"
    html = message.alternatives[0][0]
    assert 'lang="en"' in html and 'lang="es"' not in html


def test_a_spanish_reader_gets_the_spanish_translation_labelled_spanish(
    newsletter, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate(newsletter.get_parent(), locales["es"], fields={"title": "Boletines"})
        translate(newsletter, locales["es"], fields={"subject": "Carta de mayo: noticias"})
    message = spanish_campaign(newsletter)
    assert message.subject == "Carta de mayo: noticias"
    assert message.extra_headers["Content-Language"] == "es"
    assert 'lang="es"' in message.alternatives[0][0]


def test_an_address_unsubscribed_mid_campaign_gets_nothing_more(newsletter, audience_of_five):
    campaign = campaign_for(newsletter)
    sending.start_campaign(campaign.pk)
    Subscriber.objects.filter(email="fr@example.org").update(status=SubscriberStatus.UNSUBSCRIBED)
    send_campaign_batch(campaign.pk)
    assert "fr@example.org" not in [m.to[0] for m in mail.outbox]
    skipped = Delivery.objects.get(subscriber__email="fr@example.org")
    assert skipped.status == DeliveryStatus.SKIPPED


def test_expired_leases_requeue_claimed_rows_and_never_resend_uncertain_ones(
    newsletter, audience_of_five
):
    campaign = campaign_for(newsletter)
    sending.start_campaign(campaign.pk)
    claimed = sending.claim(campaign.pk, size=2, worker="dead-worker")
    # The dead worker had handed the first to the email service before dying.
    Delivery.objects.filter(pk=claimed[0]).update(status=DeliveryStatus.SENDING)
    later = timezone.now() + datetime.timedelta(seconds=sending.lease_seconds() + 1)
    assert sending.sweep(now=later) == (1, 1)
    assert Delivery.objects.get(pk=claimed[0]).status == DeliveryStatus.UNCERTAIN
    assert Delivery.objects.get(pk=claimed[1]).status == DeliveryStatus.PENDING
    sweep_deliveries()  # restarts sending: nobody holds a lease
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DONE
    assert len(mail.outbox) == 4  # the uncertain one is not sent again
    assert sending.progress(campaign)["uncertain"] == 1


def test_claims_do_not_overlap(newsletter, audience_of_five):
    campaign = campaign_for(newsletter)
    sending.start_campaign(campaign.pk)
    first = sending.claim(campaign.pk, size=3, worker="a")
    second = sending.claim(campaign.pk, size=3, worker="b")
    assert len(first) == 3 and len(second) == 2 and not set(first) & set(second)
    # Worker b cannot send rows of worker a.
    assert sending.send_claimed(first, worker="b")["sent"] == 0


def test_a_failing_email_service_is_retried_then_marked_failed(
    newsletter, audience_of_five, settings
):
    settings.EMAIL_BACKEND = "tests.campaigns.failing_backend.EmailBackend"
    campaign = campaign_for(newsletter, audience=Audience.COUNTRY, audience_country="GB")
    sending.start_campaign(campaign.pk)
    for _attempt in range(3):
        sending.send_claimed(sending.claim(campaign.pk, worker="w"), worker="w")
    delivery = campaign.deliveries.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 3
    assert "refused" in delivery.error


def test_campaigns_wait_in_the_database_until_due(newsletter, audience_of_five):
    from newsletters.tasks import start_due_campaigns

    later = Campaign.objects.create(
        newsletter=newsletter, send_at=timezone.now() + datetime.timedelta(days=20)
    )
    start_due_campaigns()
    later.refresh_from_db()
    assert later.status == Campaign.Status.SCHEDULED and not mail.outbox
    Campaign.objects.filter(pk=later.pk).update(send_at=timezone.now())
    start_due_campaigns()
    later.refresh_from_db()
    assert later.status == Campaign.Status.DONE and len(mail.outbox) == 5


# Reminders before 16 May


@pytest.fixture
def reminders(locales, django_capture_on_commit_callbacks):
    message = ReminderMessage.objects.create(
        name="Countdown",
        subject="{days} days to the International Day",
        body="<p>On {date}, cities celebrate living together.</p>",
        locale=locales["en"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            message,
            locales["de"],
            fields={"subject": "Noch {days} Tage bis zum Internationalen Tag"},
        )
    return [ReminderRule.objects.create(days_before=days, message=message) for days in (30, 7, 1)]


def test_due_reminder_goes_once_per_subscriber_in_their_language(reminders, audience_of_five):
    april_16 = datetime.date(2027, 4, 16)
    assert send_due_reminders(today=april_16) == 5
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["de@example.org"].subject == "Noch 30 Tage bis zum Internationalen Tag"
    assert by_address["en@example.org"].subject == "30 days to the International Day"
    assert by_address["de@example.org"].extra_headers["Content-Language"] == "de"
    # No French or Arabic message: the English one, labelled English throughout.
    for address in ("fr@example.org", "ar@example.org"):
        assert by_address[address].subject == "30 days to the International Day"
        assert by_address[address].extra_headers["Content-Language"] == "en"
        assert '<html lang="en" dir="ltr">' in by_address[address].alternatives[0][0]
    assert "May 16, 2027" in by_address["en@example.org"].body
    assert "List-Unsubscribe-Post" in by_address["en@example.org"].extra_headers
    # Again the same day (a second beat run, or late after an outage): nothing more.
    assert send_due_reminders(today=april_16) == 0
    assert len(mail.outbox) == 5
    assert ReminderSent.objects.filter(status=DeliveryStatus.SENT).count() == 5
    # A day with no rule sends nothing; the next rule's day sends again.
    assert send_due_reminders(today=datetime.date(2027, 4, 17)) == 0
    assert send_due_reminders(today=datetime.date(2027, 5, 9)) == 5


def test_an_arabic_reminder_is_right_to_left(
    reminders, locales, audience_of_five, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translate(reminders[0].message, locales["ar"], fields={"subject": "{days} يومًا"})
    send_due_reminders(today=datetime.date(2027, 4, 16))
    [message] = [m for m in mail.outbox if m.to == ["ar@example.org"]]
    assert message.subject == "30 يومًا"
    assert message.extra_headers["Content-Language"] == "ar"
    html = message.alternatives[0][0]
    assert '<html lang="ar" dir="rtl">' in html and "text-align:right" in html


def test_a_reminder_left_sending_by_a_crash_is_not_sent_again(reminders, audience_of_five):
    from newsletters.reminders import write_recipients

    write_recipients(reminders[0], 2027)
    ReminderSent.objects.filter(subscriber__email="en@example.org").update(
        status=DeliveryStatus.SENDING
    )
    assert send_due_reminders(today=datetime.date(2027, 4, 16)) == 4
    assert "en@example.org" not in [m.to[0] for m in mail.outbox]


def test_a_reminder_whose_whole_day_was_missed_goes_at_the_next_run_once(
    reminders, audience_of_five
):
    # No run on 16 April 2027 (the 30-day rule's day): an outage all day.
    april_17 = datetime.date(2027, 4, 17)
    assert send_due_reminders(today=april_17) == 5
    by_address = {m.to[0]: m for m in mail.outbox}
    # It says the days left on the day it goes out.
    assert by_address["en@example.org"].subject == "29 days to the International Day"
    assert send_due_reminders(today=april_17) == 0  # the next hourly run
    assert send_due_reminders(today=datetime.date(2027, 4, 18)) == 0
    assert len(mail.outbox) == 5
    assert ReminderSent.objects.filter(rule=reminders[0], year=2027).count() == 5


def test_a_reminder_that_ran_on_its_day_is_not_sent_late_to_new_subscribers(
    reminders, audience_of_five
):
    assert send_due_reminders(today=datetime.date(2027, 4, 16)) == 5
    subscribe("late@example.org", "en")
    assert send_due_reminders(today=datetime.date(2027, 4, 17)) == 0


def test_a_missed_reminder_is_not_caught_up_after_the_grace_window(reminders, audience_of_five):
    from newsletters.reminders import grace_days

    late = datetime.date(2027, 4, 16) + datetime.timedelta(days=grace_days() + 1)
    assert send_due_reminders(today=late) == 0
    # Nor on 16 May itself: the 1-day reminder missed on 15 May is dropped.
    assert send_due_reminders(today=datetime.date(2027, 5, 16)) == 0
    assert not mail.outbox


def test_a_later_rules_day_supersedes_a_missed_one(reminders, audience_of_five):
    message = reminders[0].message
    ReminderRule.objects.create(days_before=3, message=message)
    ReminderRule.objects.create(days_before=2, message=message)
    # 13 May (3 days before) was missed; on 14 May the 2-day rule is due: one reminder each.
    assert send_due_reminders(today=datetime.date(2027, 5, 14)) == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in audience_of_five[:5])
    assert {m.subject for m in mail.outbox} == {
        "2 days to the International Day",
        "Noch 2 Tage bis zum Internationalen Tag",
    }


def test_with_an_esp_each_batch_and_language_is_one_api_call_with_merge_data(
    newsletter, audience_of_five, settings
):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.OBSERVATORY_ESP_MERGE_FIELD = "%recipient.{name}%"  # Mailgun's
    campaign = campaign_for(newsletter)
    start_campaign(campaign.pk)
    # French readers (two) get the French letter; English, German and Arabic readers
    # the English one: two calls of the email service for five emails.
    calls = {m.anymail_test_params["subject"]: m.anymail_test_params for m in mail.outbox}
    assert len(mail.outbox) == 2
    french = calls["Lettre de mai : les nouvelles"]
    english = calls["May letter: news of the Observatory"]
    assert french["is_batch_send"] and english["is_batch_send"]
    assert sorted(a.addr_spec for a in french["to"]) == ["city@example.org", "fr@example.org"]
    assert sorted(a.addr_spec for a in english["to"]) == [
        "ar@example.org",
        "de@example.org",
        "en@example.org",
    ]
    assert "%recipient.unsubscribe_url%" in french["html_body"]
    subscriber = Subscriber.objects.get(email="fr@example.org")
    delivery = Delivery.objects.get(campaign=campaign, subscriber=subscriber)
    assert french["merge_data"]["fr@example.org"] == {
        "unsubscribe_url": f"http://testserver/fr/newsletters/unsubscribe/{subscriber.token}/"
    }
    headers = french["merge_headers"]["fr@example.org"]
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["X-Observatory-Delivery"] == str(delivery.pk)
    assert french["merge_metadata"]["fr@example.org"] == {
        "delivery_id": str(delivery.pk),
        "campaign_id": str(campaign.pk),
    }
    # Each row has the service's answer for its address: sent, with the service's id.
    rows = campaign.deliveries.all()
    assert {row.status for row in rows} == {DeliveryStatus.SENT}
    assert {row.message_id for row in rows} == {"0", "1"}  # the test service's ids


def test_an_address_the_esp_refuses_fails_alone(
    newsletter, audience_of_five, settings, monkeypatch
):
    from anymail.backends.test import EmailBackend
    from anymail.message import AnymailRecipientStatus

    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.OBSERVATORY_ESP_MERGE_FIELD = "{{{{{name}}}}}"
    campaign = campaign_for(newsletter, audience=Audience.LANGUAGE, audience_language="fr")
    sending.start_campaign(campaign.pk)
    ids = sending.claim(campaign.pk, worker="w")
    recorded = EmailBackend.post_to_esp

    def post_to_esp(self, payload, message):
        """The service takes the call, and refuses one of its addresses."""
        recorded(self, payload, message)
        return {
            "recipient_status": {
                email: AnymailRecipientStatus(
                    message_id=f"id-{email}",
                    status="rejected" if email.startswith("city@") else "queued",
                )
                for email in payload.recipient_emails
            }
        }

    monkeypatch.setattr(EmailBackend, "post_to_esp", post_to_esp)
    assert sending.send_claimed(ids, worker="w") == {"sent": 1, "skipped": 0, "failed": 1}
    assert len(mail.outbox) == 1
    assert "{{unsubscribe_url}}" in mail.outbox[0].anymail_test_params["text_body"]
    fr = Delivery.objects.get(subscriber__email="fr@example.org")
    city = Delivery.objects.get(subscriber__email="city@example.org")
    assert (fr.status, fr.message_id) == (DeliveryStatus.SENT, "id-fr@example.org")
    assert city.status == DeliveryStatus.PENDING and "rejected" in city.error


@pytest.fixture
def smtp_sink(settings):
    from tests.integration.conftest import SMTPSink

    sink = SMTPSink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", sink.port, False
    yield sink
    sink.stop()


def test_deliveries_record_the_message_id_the_smtp_server_received(
    newsletter, audience_of_five, smtp_sink
):
    campaign = campaign_for(newsletter)
    start_campaign(campaign.pk)
    received = {m["To"]: m["Message-ID"] for m in smtp_sink.messages}
    assert len(received) == 5
    for delivery in campaign.deliveries.select_related("subscriber"):
        assert delivery.status == DeliveryStatus.SENT
        assert delivery.message_id == received[delivery.subscriber.email]
        assert re.fullmatch(r"<[^@<>]+@localhost>", delivery.message_id)
    # The email service's reports find the delivery by it.
    from newsletters.models import matching_delivery

    assert matching_delivery(delivery.message_id) == delivery


def test_over_smtp_each_email_is_what_django_writes_for_it(newsletter, audience_of_five):
    """A language's email is serialised once; each recipient's bytes are Django's own."""
    subscribe("ünïcode@exämple.org", "fr")  # needs encoding: goes the ordinary way
    campaign = campaign_for(newsletter)
    sending.start_campaign(campaign.pk)
    rows = list(
        Delivery.objects.filter(campaign=campaign).select_related(
            "campaign__newsletter", "subscriber"
        )
    )
    messages, _skipped = sending._messages_for(rows)
    assert len(messages) == 6

    def comparable(data):  # the date and the boundary are the moment's
        data = re.sub(rb"Date: [^\r]*\r\n", b"", data)
        return re.sub(rb"===============[0-9]+==", b"BOUNDARY", data)

    prototypes, prepared = {}, 0
    for _delivery, message in messages:
        key = (id(message.rendered), message.extra_headers["Content-Language"])
        prototype = prototypes.setdefault(key, sending.SMTPPrototype(message))
        assert prototype.usable
        data = prototype.bytes_for(message)
        if message.to[0].isascii():
            expected = message.message().as_bytes(linesep="\r\n")
            assert comparable(data) == comparable(expected)
            assert b"quoted-printable" not in data and message.unsubscribe_url.encode() in data
            prepared += 1
        else:
            assert data is None
    assert prepared == 5 and len(prototypes) == 2  # English (and its readers), French


def test_over_smtp_every_reader_gets_their_own_links(newsletter, audience_of_five, smtp_sink):
    subscribe("ünïcode@exämple.org", "fr")
    campaign = campaign_for(newsletter)
    start_campaign(campaign.pk)
    assert len(smtp_sink.messages) == 6
    for delivery in campaign.deliveries.select_related("subscriber"):
        subscriber = delivery.subscriber
        assert delivery.status == DeliveryStatus.SENT
        [received] = [m for m in smtp_sink.messages if m["Message-ID"] == delivery.message_id]
        assert received["X-Observatory-Delivery"] == str(delivery.pk)
        url = subscriber.unsubscribe_url()
        assert url in str(received["List-Unsubscribe"])
        text, html = (part.get_content() for part in received.iter_parts())
        assert url in text and f'href="{url}"' in html


def test_reminders_record_the_message_id_the_smtp_server_received(
    reminders, audience_of_five, smtp_sink
):
    assert send_due_reminders(today=datetime.date(2027, 4, 16)) == 5
    received = {m["To"]: m["Message-ID"] for m in smtp_sink.messages}
    for row in ReminderSent.objects.select_related("subscriber"):
        assert row.message_id and row.message_id == received[row.subscriber.email]


# Admin


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@observatory.test", "pw")


def test_editor_sends_a_campaign_and_watches_its_progress(
    client, editor, newsletter, audience_of_five, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    form = client.get(f"/admin/campaigns/new/?newsletter={newsletter.pk}")
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/campaigns/new/",
            {
                "newsletter": newsletter.pk,
                "audience": Audience.EVERYONE,
                "send_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get()
    assert campaign.created_by == editor
    assert response["Location"] == f"/admin/campaign-progress/{campaign.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'role="progressbar"' in page and 'aria-valuenow="100"' in page
    data = client.get(response["Location"] + "?format=json").json()
    assert data["sent"] == 5 and data["pending"] == 0 and data["status"] == "done"
    listing = client.get("/admin/campaigns/").content.decode()
    assert "5 of 5 sent" in listing


def test_campaign_needs_the_audience_details(client, editor, newsletter):
    client.force_login(editor)
    response = client.post(
        "/admin/campaigns/new/",
        {"newsletter": newsletter.pk, "audience": Audience.LANGUAGE, "send_at": "2030-01-01 10:00"},
    )
    assert response.status_code == 200
    assert "Choose the language of this audience." in response.content.decode()
    assert not Campaign.objects.exists()


def test_editor_previews_the_email_in_each_language_and_sends_a_test(client, editor, newsletter):
    client.force_login(editor)
    french = client.get(f"/admin/newsletter-email/{newsletter.pk}/?language=fr").content.decode()
    assert "Lettre de mai" in french and 'lang="fr"' in french
    text = client.get(f"/admin/newsletter-email/{newsletter.pk}/?language=en&format=text")
    assert text["Content-Type"].startswith("text/plain")
    response = client.post(f"/admin/newsletter-test/{newsletter.pk}/", {"language": ["en", "fr"]})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["editor@observatory.test"]] * 2
    assert mail.outbox[1].subject == "[Test] Lettre de mai : les nouvelles"
    assert [m.extra_headers["Content-Language"] for m in mail.outbox] == ["en", "fr"]
    # No Spanish translation: the preview is the English email, marked English.
    spanish = client.get(f"/admin/newsletter-email/{newsletter.pk}/?language=es").content.decode()
    assert "May letter" in spanish and 'lang="en"' in spanish
    edit = client.get(f"/admin/pages/{newsletter.pk}/edit/").content.decode()
    assert "Send a test to myself" in edit and "Send as a campaign" in edit


def test_editors_keep_the_reminder_rules_and_translate_the_messages(client, editor, reminders):
    client.force_login(editor)
    listing = client.get("/admin/reminder_rules/").content.decode()
    assert "30 days before 16 May" in listing and "Countdown" in listing
    rule = reminders[0]
    response = client.post(
        f"/admin/reminder_rules/edit/{rule.pk}/",
        {"days_before": 14, "message": rule.message.pk, "active": "on"},
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.days_before == 14
    snippets = client.get("/admin/snippets/newsletters/remindermessage/").content.decode()
    assert "Countdown" in snippets
