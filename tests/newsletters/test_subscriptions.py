"""Subscribing (double opt-in), confirming, unsubscribing in one click, and the consent record."""

import re

from django.core import mail
from django.test import Client
from django.utils import translation

import pytest

from newsletters.forms import CONSENT_VERSION, SubscribeForm
from newsletters.models import Audience, Campaign, ConsentEvent, Subscriber, SubscriberStatus
from newsletters.sending import audience
from tests.answer_time import assert_same_work, compare
from tests.newsletters.builders import (
    USER_AGENT,
    form_data,
    link_in,
    local_path,
    subscribe,
    subscriber,
)

pytestmark = pytest.mark.django_db


def confirmation_path(message):
    return local_path(link_in(message, "/newsletters/confirm/"))


def test_subscribing_in_german_sends_one_german_email_with_a_link_and_nothing_else(
    site, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, "de", email="Leser@Example.de")
    assert response.status_code == 302
    assert response["Location"] == "/de/newsletters/subscribe/thanks/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Leser@Example.de"]
    assert message.extra_headers["Content-Language"] == "de"
    html = message.alternatives[0][0]
    assert '<html lang="de"' in html
    assert link_in(message, "/newsletters/confirm/").startswith(
        "http://testserver/de/newsletters/confirm/"
    )
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING and subscriber.language == "de"
    assert subscriber.name == "Lea Leser" and subscriber.country.code == "DE"
    assert not Subscriber.objects.receiving().exists()
    [opt_in] = subscriber.consent_events.all()
    assert (opt_in.action, opt_in.channel) == ("opt_in", "form")
    assert opt_in.consent_version == CONSENT_VERSION
    with translation.override("de"):
        assert opt_in.consent_text == str(SubscribeForm.base_fields["consent"].label)
    assert "16 May" in opt_in.consent_text or "16. Mai" in opt_in.consent_text
    assert opt_in.source_url == "http://testserver/de/international-day/"
    assert opt_in.ip_address == "203.0.113.7" and opt_in.user_agent == USER_AGENT
    page = client.get(response["Location"])
    assert page.status_code == 200 and '<html lang="de"' in page.content.decode()


def test_the_link_confirms_and_records_ip_and_user_agent_once(
    site, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "de")
    path = confirmation_path(mail.outbox[0])
    response = client.get(path, HTTP_USER_AGENT="Thunderbird/128", REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.SUBSCRIBED and subscriber.confirmed_at
    assert list(Subscriber.objects.receiving()) == [subscriber]
    confirm = subscriber.consent_events.get(action="confirm")
    assert confirm.channel == "email_link"
    assert confirm.ip_address == "198.51.100.4" and confirm.user_agent == "Thunderbird/128"
    # A second click changes nothing and records nothing.
    assert client.get(path).status_code == 200
    assert subscriber.consent_events.filter(action="confirm").count() == 1


def test_expired_or_tampered_link_gets_a_clear_page_in_the_language(
    site, client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "de")
    path = confirmation_path(mail.outbox[0])
    tampered = path[:-6] + ("x" if path[-6] != "x" else "y") + path[-5:]
    response = client.get(tampered)
    assert response.status_code == 400
    body = response.content.decode()
    assert '<html lang="de"' in body and 'href="/de/newsletters/subscribe/"' in body
    with translation.override("de"):
        broken, expired = (
            translation.gettext("This link does not work"),
            translation.gettext("This link has expired"),
        )
    assert broken in body
    settings.OBSERVATORY_SUBSCRIPTION_CONFIRM_MAX_AGE = -1
    response = client.get(path)
    assert response.status_code == 400
    assert expired in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    for junk in ("x", "a" * 5000, "..%2F..", "%00", "eyJ:abc:def"):
        assert client.get(f"/de/newsletters/confirm/{junk}/").status_code in (400, 404)


def normalized(html):
    """A page without what differs on every rendering (CSRF token, CSP nonce, form clock)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'nonce="[^"]+"', "", html)
    return re.sub(r'name="form_started" value="[^"]+"', "", html)


def test_known_and_unknown_addresses_get_the_same_answer_and_the_right_email(
    site, django_capture_on_commit_callbacks
):
    known = subscriber("bekannt@example.de", language="de")
    answers = []
    for email in ("neu@example.de", "bekannt@example.de", "BEKANNT@example.de"):
        client = Client()
        with django_capture_on_commit_callbacks(execute=True):
            response = subscribe(client, "de", email=email)
        page = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], response.content))
        answers[-1] += (normalized(page.content.decode()),)
    assert answers[0] == answers[1] == answers[2]
    new, *already = mail.outbox
    assert new.to == ["neu@example.de"] and "/newsletters/confirm/" in new.body
    assert len(already) == 2
    for message in already:
        assert "/newsletters/confirm/" not in message.body
        assert known.unsubscribe_url() in message.body
    assert Subscriber.objects.filter(email__iexact="bekannt@example.de").count() == 1
    # The requests are recorded (the same work for every address), and change nothing.
    known.refresh_from_db()
    assert known.status == SubscriberStatus.SUBSCRIBED
    assert known.consent_events.filter(action="opt_in", channel="form").count() == 1 + 2
    assert known.consent_events.filter(action="confirm").count() == 1  # only the first


def test_known_and_unknown_addresses_cost_the_same_work_and_time(
    site, django_capture_on_commit_callbacks
):
    """The answer's time must not tell who is on the list (it did: 38 ms apart)."""
    subscriber("bekannt@example.de", language="de")
    client = Client()

    def send(known, n):
        email = "bekannt@example.de" if known else f"neu-{n}-{int(known)}@example.de"
        address = f"198.51.{100 + int(known)}.{n % 250 + 1}"
        assert subscribe(client, "de", address=address, email=email).status_code == 302

    comparison = compare(send, django_capture_on_commit_callbacks, rounds=3)
    assert_same_work(comparison)


def test_an_unsubscribed_address_subscribes_again_through_a_new_confirmation(
    site, client, django_capture_on_commit_callbacks
):
    gone = subscriber("zurueck@example.de", status=SubscriberStatus.UNSUBSCRIBED)
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "fr", email="zurueck@example.de", language="fr")
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "fr"
    gone.refresh_from_db()
    assert gone.status == SubscriberStatus.UNSUBSCRIBED  # nothing is sent until confirmed
    path = confirmation_path(message)
    assert path.startswith("/fr/newsletters/confirm/")
    assert client.get(path).status_code == 200
    gone.refresh_from_db()
    assert gone.status == SubscriberStatus.SUBSCRIBED and gone.unsubscribed_at is None
    assert gone.language == "fr"
    assert [e.action for e in gone.consent_events.all()] == [
        "opt_in", "confirm", "withdraw", "opt_in", "confirm"
    ]  # fmt: skip


def test_a_bounced_address_gets_a_confirmation_too(
    site, client, django_capture_on_commit_callbacks
):
    subscriber("voll@example.de", status=SubscriberStatus.BOUNCED)
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "de", email="voll@example.de")
    assert "/newsletters/confirm/" in mail.outbox[0].body
    assert Subscriber.objects.get().status == SubscriberStatus.BOUNCED


def test_a_link_asked_for_before_unsubscribing_no_longer_confirms(
    site, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "de")
    path = confirmation_path(mail.outbox[0])
    pending = Subscriber.objects.get()
    assert client.post(f"/de/newsletters/unsubscribe/{pending.token}/").status_code == 200
    assert client.get(path).status_code == 400
    pending.refresh_from_db()
    assert pending.status == SubscriberStatus.UNSUBSCRIBED


def test_get_on_the_unsubscribe_link_only_asks(site, client):
    reader = subscriber("bleibt@example.de", language="de")
    response = client.get(f"/de/newsletters/unsubscribe/{reader.token}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'method="post"' in body and f"/de/newsletters/unsubscribe/{reader.token}/" in body
    assert client.head(f"/de/newsletters/unsubscribe/{reader.token}/").status_code == 200
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.SUBSCRIBED
    assert not reader.consent_events.filter(action="withdraw").exists()


def test_one_click_post_without_session_or_csrf_unsubscribes(site):
    reader = subscriber("weg@example.de", language="de")
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        reader.unsubscribe_url().replace("http://testserver", ""),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == SubscriberStatus.UNSUBSCRIBED and reader.unsubscribed_at
    withdrawal = reader.consent_events.get(action="withdraw", channel="one_click")
    assert withdrawal.user_agent == ""
    assert not audience(Campaign(audience=Audience.EVERYONE)).exists()
    # Again: still 200, nothing recorded twice.
    again = mail_program.post(
        f"/de/newsletters/unsubscribe/{reader.token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert again.status_code == 200
    assert reader.consent_events.filter(action="withdraw").count() == 1


def test_the_pages_button_unsubscribes_with_channel_link(site, client):
    reader = subscriber("knopf@example.de", language="de")
    page = client.get(f"/de/newsletters/unsubscribe/{reader.token}/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    response = client.post(
        f"/de/newsletters/unsubscribe/{reader.token}/",
        {"csrfmiddlewaretoken": csrf.group(1), "from": "page"},
        HTTP_USER_AGENT=USER_AGENT,
    )
    assert response.status_code == 200
    assert reader.consent_events.get(action="withdraw").channel == "link"


def test_unknown_token_post_answers_200(site):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/en/newsletters/unsubscribe/00000000-0000-4000-8000-000000000000/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert client.get("/en/newsletters/unsubscribe/not-a-uuid/").status_code == 404


def test_consent_events_cannot_be_updated_or_deleted(site):
    reader = subscriber("fest@example.de")
    event = reader.consent_events.first()
    event.note = "changed"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        reader.delete()
    assert ConsentEvent.objects.get(pk=event.pk).note == ""


def test_honeypot_and_too_fast_are_refused_without_email(site, client):
    response = subscribe(client, homepage="http://spam.example")
    assert response.status_code == 400
    import time

    from django.core import signing

    quick = signing.dumps(time.time(), salt=SubscribeForm.signing_salt())
    response = subscribe(client, email="schnell@example.de", form_started=quick)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="schnell@example.de"' in body  # what was typed stays
    assert not Subscriber.objects.exists() and not mail.outbox


def test_rate_limit_answers_429(site, client):
    for number in range(10):
        assert subscribe(client, email=f"leser{number}@example.de").status_code == 302
    response = subscribe(client, email="elf@example.de")
    assert response.status_code == 429
    assert 'value="elf@example.de"' in response.content.decode()
    # Another address is not limited.
    assert subscribe(client, email="andere@example.de", address="192.0.2.9").status_code == 302


@pytest.mark.parametrize(
    "overrides",
    [
        {"email": "a" * 10000 + "@example.de"},
        {"name": "N" * 10000},
        {"city_name": "C" * 10000},
        {"email": "nul\x00@example.de"},
        {"name": "Lea\x00"},
        {"city_name": "Düssel\x00dorf"},
        {"language": "xx"},
        {"language": "de\x00"},
        {"country": "ZZ"},
        {"country": "D" * 10000},
        {"consent": None},
        {"email": ""},
        {"form_started": "garbage"},
        {"form_started": "\x00" * 100},
    ],
)
def test_odd_input_gets_an_answer_never_a_500(site, client, overrides):
    response = subscribe(client, **overrides)
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_an_odd_source_address_is_not_recorded(site, client):
    for source in ("//evil.example/x", "https://evil.example/", "/de/\x00", "/" + "x" * 9000):
        response = subscribe(client, email=f"s{len(source)}@example.de", source_url=source)
        assert response.status_code == 302
    for event in ConsentEvent.objects.all():
        assert event.source_url == "http://testserver/de/newsletters/subscribe/"


def test_the_subscribe_page_shows_the_form_in_the_language(site, client):
    response = client.get("/fr/newsletters/subscribe/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="fr"' in body
    assert re.search(r'<option value="fr" (selected lang="fr"|lang="fr" selected)>Français<', body)
    assert '<option value="ar" lang="ar" dir="rtl">العربية</option>' in body
    assert 'action="/fr/newsletters/subscribe/"' in body
    assert 'name="consent"' in body and 'name="homepage"' in body


def test_the_form_is_posted_with_only_the_required_fields(site, client):
    data = form_data(name="", city_name="", country="")
    response = client.post("/en/newsletters/subscribe/", data)
    assert response.status_code == 302
    assert Subscriber.objects.get().country == ""


def test_city_name_matches_a_member_city(site, client, locales, django_capture_on_commit_callbacks):
    from tests.cities.portal import city_directory_everywhere, city_everywhere

    with django_capture_on_commit_callbacks(execute=True):
        index = city_directory_everywhere(site, locales)
        duesseldorf = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
        subscribe(client, "de", city_name="düsseldorf [de]")
    reader = Subscriber.objects.get()
    assert reader.city == duesseldorf
    client.get(confirmation_path(mail.outbox[0]))
    reader.refresh_from_db()
    assert reader.city == duesseldorf and reader.city_name == "düsseldorf [de]"


def test_audiences(site):
    everyone = subscriber("a@example.org", language="de", country="DE")
    contact = subscriber("b@example.org", language="fr", is_city_contact=True)
    subscriber("c@example.org", status=SubscriberStatus.PENDING, language="de")
    subscriber("d@example.org", status=SubscriberStatus.UNSUBSCRIBED, language="de")

    def receiving(kind, **narrowed):
        return set(audience(Campaign(audience=kind, **narrowed)))

    assert receiving(Audience.EVERYONE) == {everyone, contact}
    assert receiving(Audience.CITY_CONTACTS) == {contact}
    assert receiving(Audience.LANGUAGE, audience_language="de") == {everyone}
    assert receiving(Audience.COUNTRY, audience_country="DE") == {everyone}
