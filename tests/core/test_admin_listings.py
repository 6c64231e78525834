"""Every admin listing and every admin view of ours opens, for a superuser and for a moderator.

The superuser is the administrator `make run` creates; the moderator is an editor of
the Moderators group. Each opens every item of the admin menu they see, every
registered viewset's listing and edit view, and each of our own admin views, on a
world with one row of each kind (an empty listing hides broken columns). A superuser
gets 200 everywhere; a moderator gets 200, or a clean refusal (403, or Wagtail's
redirect to the dashboard) where the view is not theirs, never an error.
"""

import contextlib
import datetime

from django.contrib.auth import get_user_model
from django.test import RequestFactory, TestCase
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from wagtail.admin.menu import admin_menu
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

import pytest

from capitals.models import CapitalApplication, CapitalCall
from cities.models import CityInvitation, CityTeam
from international_day.models import CityEvent
from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory
from newsletters.models import Campaign, ReminderMessage, ReminderRule, Subscriber
from summits.factories import DeclarationPageFactory, SummitIndexPageFactory, SummitPageFactory
from summits.models import Signature, SignatureKind
from tests.cities.portal import city_directory_everywhere, city_everywhere, moderator
from tests.shared import fresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("admin_world")]

REFUSED = {302, 403}


@pytest.fixture(scope="module")
def admin_world(module_home):
    home, locales = module_home.home, module_home.locales
    with module_home.build(on_commit=False):
        return build_admin_world(home, locales)


def build_admin_world(home, locales):
    with TestCase.captureOnCommitCallbacks(execute=True):
        index = city_directory_everywhere(home, locales)
        city = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
    summit = SummitPageFactory(parent=SummitIndexPageFactory(parent=home), host_city=city)
    declaration = DeclarationPageFactory(parent=summit)
    Signature.objects.create(
        declaration_key=declaration.translation_key,
        kind=SignatureKind.COMMIT,
        name="Mayor",
        city=city,
        confirmed_at=timezone.now(),
    )
    call = CapitalCall.objects.create(
        year=2028, deadline=timezone.now() + datetime.timedelta(days=30), declaration=declaration
    )
    application = CapitalApplication.objects.create(
        call=call,
        city_key=city.translation_key,
        motivation="Because we live together.",
        planned_activities="A festival on the Rhine.",
        language="en",
        status=CapitalApplication.Status.SUBMITTED,
    )
    event = CityEvent.objects.create(
        city_key=city.translation_key,
        title="Festival of living together",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        time_zone="Europe/Berlin",
        place="Burgplatz",
        latitude="51.2277",
        longitude="6.7735",
        description="Music and food.",
        language="en",
        status=CityEvent.Status.SUBMITTED,
    )
    letter = NewsletterPageFactory(
        parent=NewsletterIndexPageFactory(parent=home), title="May letter"
    )
    campaign = Campaign.objects.create(newsletter=letter, send_at=timezone.now())
    Subscriber.objects.create(email="reader@example.org", language="en", status="subscribed")
    message = ReminderMessage.objects.create(
        name="Countdown", subject="{days} days", body="<p>Soon.</p>", locale=locales["en"]
    )
    ReminderRule.objects.create(days_before=30, message=message)
    CityInvitation.objects.create(
        team=CityTeam.objects.get(city_key=city.translation_key),
        email="new@duesseldorf.test",
        language="de",
    )
    superuser = get_user_model().objects.create_superuser("admin", "admin@localhost", "x")
    return {
        "superuser": superuser,
        "moderator": moderator(),
        "pages": {
            "capital_jury_application": application.pk,
            "capital_ranking": call.pk,
            "city_events_admin:review": event.pk,
            "newsletter_campaign_progress": campaign.pk,
            "newsletter_email_preview": letter.pk,
        },
        "letter": letter.pk,
    }


@pytest.fixture
def world(admin_world):
    return fresh(admin_world)


def menu_urls(menu, request):
    for item in menu.menu_items_for_request(request):
        if hasattr(item, "menu"):  # a submenu (Settings, Reports, Snippets…)
            yield from menu_urls(item.menu, request)
        elif item.url.startswith("/admin/"):
            yield item.url


def viewset_urls(world):
    """Each registered model and snippet viewset's listing, and the edit view of a row."""
    urls = []
    for viewset in viewsets.viewsets:
        if not isinstance(viewset, ModelViewSet) and not hasattr(viewset, "get_url_name"):
            continue
        try:
            urls.append(reverse(viewset.get_url_name("index")))
        except NoReverseMatch:
            continue
        model = getattr(viewset, "model", None)
        if model is None or issubclass(model, Page):
            continue
        row = model._default_manager.order_by("pk").first()
        if row is not None:
            with contextlib.suppress(NoReverseMatch):
                urls.append(reverse(viewset.get_url_name("edit"), args=[row.pk]))
    return urls


def our_admin_views(world):
    """The admin views our apps register themselves (register_admin_urls)."""
    return [reverse("capital_jury")] + [
        reverse(name, args=[pk]) for name, pk in world["pages"].items()
    ]


def opened(client, url):
    response = client.get(url)
    assert response.status_code < 500, url
    return response.status_code


def test_the_administrator_opens_every_listing_and_admin_view(client, world):
    client.force_login(world["superuser"])
    request = RequestFactory().get("/admin/")
    request.user = world["superuser"]
    menu = sorted(set(menu_urls(admin_menu, request)))
    assert "/admin/city-events/" in menu and "/admin/campaigns/" in menu
    urls = sorted({*menu, *viewset_urls(world), *our_admin_views(world)})
    failures = {url: status for url in urls if (status := opened(client, url)) != 200}
    assert failures == {}


def test_a_moderator_opens_their_menu_and_is_refused_cleanly_elsewhere(client, world):
    editor = world["moderator"]
    client.force_login(editor)
    request = RequestFactory().get("/admin/")
    request.user = editor
    menu = sorted(set(menu_urls(admin_menu, request)))
    assert "/admin/city-events/" in menu  # moderators review the 16 May events
    failures = {url: status for url in menu if (status := opened(client, url)) != 200}
    assert failures == {}
    for url in sorted({*viewset_urls(world), *our_admin_views(world)} - set(menu)):
        assert opened(client, url) in {200, *REFUSED}, url


def test_after_approving_an_event_the_editor_lands_on_the_listing(client, world):
    client.force_login(world["superuser"])
    review = reverse("city_events_admin:review", args=[world["pages"]["city_events_admin:review"]])
    response = client.post(review, {"action": "approve", "approve-comment": ""}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("city_events_admin:index")
    assert response.status_code == 200
    assert CityEvent.objects.get().status == CityEvent.Status.APPROVED
