"""Member-city contacts follow the city teams; the subscribe block and the page section render."""

from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory

import pytest

from cities.accounts import ensure_city_team
from core.blocks import SubscribeBlock
from newsletters.models import Audience, Campaign, Subscriber, SubscriberStatus
from newsletters.sending import audience
from tests.cities.portal import city_directory_everywhere, city_everywhere, member
from tests.newsletters.builders import subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def duesseldorf(home_page, locales, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        index = city_directory_everywhere(home_page, locales)
        return city_everywhere(index, locales, "duesseldorf", "Düsseldorf")


def test_joining_a_team_makes_a_subscribed_contact_in_the_accounts_language(duesseldorf):
    user = member(duesseldorf, "equipe@duesseldorf.test", language="fr")
    contact = Subscriber.objects.get(email="equipe@duesseldorf.test")
    assert contact.is_city_contact and contact.status == SubscriberStatus.SUBSCRIBED
    assert contact.language == "fr" and contact.city == duesseldorf
    [event] = contact.consent_events.all()
    assert (event.action, event.channel) == ("opt_in", "city_account")
    assert list(audience(Campaign(audience=Audience.CITY_CONTACTS))) == [contact]
    # Leaving the team ends a subscription that rested on the account alone.
    team = ensure_city_team(duesseldorf)
    user.groups.remove(team.group)
    contact.refresh_from_db()
    assert not contact.is_city_contact and contact.status == SubscriberStatus.UNSUBSCRIBED
    assert contact.consent_events.last().channel == "city_account"


def test_a_person_who_unsubscribed_stays_unsubscribed_when_joining(duesseldorf):
    subscriber("maire@duesseldorf.test", status=SubscriberStatus.UNSUBSCRIBED, language="de")
    member(duesseldorf, "maire@duesseldorf.test", language="fr")
    contact = Subscriber.objects.get()
    assert contact.is_city_contact and contact.status == SubscriberStatus.UNSUBSCRIBED
    assert contact.language == "de"


def test_a_team_member_with_a_subscription_of_their_own_keeps_it_when_leaving(duesseldorf):
    subscriber("leser@duesseldorf.test", language="de")
    user = member(duesseldorf, "leser@duesseldorf.test")
    team = ensure_city_team(duesseldorf)
    team.group.user_set.clear()
    contact = Subscriber.objects.get()
    assert not contact.is_city_contact and contact.status == SubscriberStatus.SUBSCRIBED
    user.groups.add(team.group)
    user.is_active = False
    user.save()
    contact.refresh_from_db()
    assert not contact.is_city_contact


def test_the_command_brings_contacts_in_step(duesseldorf):
    user = member(duesseldorf, "equipe@duesseldorf.test")
    Subscriber.objects.all().update(is_city_contact=False)
    subscriber("ancien@duesseldorf.test", is_city_contact=True)
    call_command("sync_city_contacts")
    assert Subscriber.objects.get(email=user.email).is_city_contact
    assert not Subscriber.objects.get(email="ancien@duesseldorf.test").is_city_contact


def test_the_block_and_the_tag_render_a_fresh_form_in_the_language(home_page):
    request = RequestFactory().get("/de/international-day/")
    from django.utils import translation

    with translation.override("de"):
        html = SubscribeBlock().render(
            SubscribeBlock().to_python({"heading": "Erinnerungen", "text": "Vor dem 16. Mai."}),
            context={"request": request},
        )
        twice = Template("{% load newsletter_tags %}{% subscribe_form %}{% subscribe_form %}")
        both = twice.render(Context({"request": RequestFactory().get("/de/")}))
    assert "Erinnerungen" in html and "Vor dem 16. Mai." in html
    assert 'action="/de/newsletters/subscribe/"' in html
    assert 'name="source_url" value="/de/international-day/"' in html
    assert 'id="subscribe1-email"' in both and 'id="subscribe2-email"' in both


def test_the_international_day_page_has_the_form(home_page, client):
    from international_day.factories import InternationalDayPageFactory

    page = InternationalDayPageFactory(parent=home_page)
    page.save_revision().publish()
    response = client.get(page.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="reminders"' in body and 'action="/en/newsletters/subscribe/"' in body
    assert f'name="source_url" value="{page.url}"' in body
