"""16 May events: cities register them, reviewers approve, every language shows them."""

import datetime
import decimal
import io
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Page

import icalendar
import pytest

from cities.factories import CityPageFactory
from cities.models import CityPage
from core.dates import campaign_year
from home.demo import publish_everywhere
from home.models import StandardPage
from international_day import models as events_module
from international_day.events import approve_event, submit_event
from international_day.models import CityEvent, InternationalDayPage
from international_day.tasks import create_recap, create_yearly_recap, recap_slug
from tests.capitals.pages import make_capital, make_capital_index, translate
from tests.cities.portal import PASSWORD, city_directory_everywhere, member, moderator
from tests.initiatives.test_submission import png
from tests.shared import fresh

# The portal below is built once for the module (tests/shared.py), before its first test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("events_portal")]

YEAR = campaign_year()
DAY = datetime.date(YEAR, 5, 16)


def city(index, locales, slug, title, country, lat, lng):
    page = CityPageFactory(
        parent=index,
        slug=slug,
        title=title,
        country=country,
        latitude=decimal.Decimal(lat),
        longitude=decimal.Decimal(lng),
    )

    def fill(copy, code):
        copy.title = f"{title} [{code}]"

    return publish_everywhere(page, locales, fill)


@pytest.fixture(scope="module")
def events_portal(module_home):
    """Two member cities with their teams, a moderator and an administrator: built once."""
    home_page, locales = module_home.home, module_home.locales
    with module_home.build():
        index = city_directory_everywhere(home_page, locales)
        duesseldorf = city(index, locales, "duesseldorf", "Düsseldorf", "DE", "51.2277", "6.7735")
        montreal = city(index, locales, "montreal", "Montréal", "CA", "45.5017", "-73.5673")
    with module_home.build(on_commit=False):
        admin = get_user_model().objects.create_superuser(
            "root", "root@observatory.test", "a-long-admin-password-2026"
        )
        return {
            "home": home_page,
            "locales": locales,
            "index": index,
            "duesseldorf": duesseldorf,
            "montreal": montreal,
            "moderator": moderator(language="de"),
            "admin": admin,
            "staff": member(duesseldorf, "staff@duesseldorf.test", language="es"),
            "other": member(montreal, "staff@montreal.test"),
        }


@pytest.fixture
def portal(events_portal, db):
    return fresh(events_portal)


@pytest.fixture
def city_client(client, portal):
    client.login(username="staff@duesseldorf.test", password=PASSWORD)
    return client


def form_data(action="submit", **overrides):
    data = {
        "title": "Fiesta de la convivencia",
        "starts_at": f"{YEAR}-05-16T18:00",
        "ends_at": f"{YEAR}-05-16T22:30",
        "time_zone": "Europe/Berlin",
        "place": "Burgplatz",
        "latitude": "51.227700",
        "longitude": "6.773500",
        "description": "Música y comida de todos los barrios.\n\nEntrada libre.",
        "link": "https://duesseldorf.example/fiesta",
        "image_alt": "",
        action: "1",
    }
    data.update(overrides)
    return data


def make_event(city_page, status=CityEvent.Status.APPROVED, **fields):
    values = {
        "city_key": city_page.translation_key,
        "title": "Fest des Zusammenlebens",
        "starts_at": datetime.datetime(YEAR, 5, 16, 16, 0, tzinfo=datetime.UTC),
        "time_zone": "Europe/Berlin",
        "place": "Burgplatz",
        "latitude": decimal.Decimal("51.2277"),
        "longitude": decimal.Decimal("6.7735"),
        "description": "Music and food from every neighbourhood.",
        "language": "en",
        "status": status,
    }
    values.update(fields)
    return CityEvent.objects.create(**values)


# -- Registration ---------------------------------------------------------------------------


def test_city_saves_a_draft_in_spanish_in_its_time_zone(city_client, portal, mailoutbox):
    response = city_client.get("/es/my-city/events/new/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="datetime-local"' in html and 'name="latitude"' in html
    assert '<option value="Europe/Berlin" selected>' in html  # the city's country's zone

    response = city_client.post("/es/my-city/events/new/", form_data(action="save"))
    event = CityEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/es/my-city/events/{event.pk}/edit/"
    assert event.status == CityEvent.Status.DRAFT
    assert event.language == "es"
    assert event.city_key == portal["duesseldorf"].translation_key
    assert event.created_by == portal["staff"]
    # 18:00 in Düsseldorf (summer time) is 16:00 UTC.
    assert event.starts_at == datetime.datetime(YEAR, 5, 16, 16, 0, tzinfo=datetime.UTC)
    assert event.ends_at == datetime.datetime(YEAR, 5, 16, 20, 30, tzinfo=datetime.UTC)
    assert mailoutbox == []

    # Editing shows the local time again.
    html = city_client.get(f"/es/my-city/events/{event.pk}/edit/").content.decode()
    assert f'value="{YEAR}-05-16T18:00"' in html


def test_submit_tells_moderators_and_superusers_in_their_language(
    city_client, portal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = city_client.post(
            "/es/my-city/events/new/",
            form_data(image=png(), image_alt="La plaza llena de gente"),
        )
    assert response.status_code == 302 and response["Location"] == "/es/my-city/"
    event = CityEvent.objects.get()
    assert event.status == CityEvent.Status.SUBMITTED
    assert event.submitted_by == portal["staff"] and event.submitted_at
    assert event.image.description == "La plaza llena de gente"
    # Private until approved (then in the city's collection: test_approval_makes_the_image_public).
    assert (event.image.collection.get_parent().name, event.image.collection.name) == (
        "Düsseldorf",
        "Private work",
    )
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["moderator@observatory.test", "root@observatory.test"]
    to_moderator = next(m for m in mail.outbox if m.to == ["moderator@observatory.test"])
    assert to_moderator.extra_headers["Content-Language"] == "de"
    assert "Fiesta de la convivencia" in to_moderator.subject
    assert f"/admin/city-events/review/{event.pk}/" in to_moderator.body

    # Submitting the same event again tells no one twice.
    with django_capture_on_commit_callbacks(execute=True):
        city_client.post(f"/es/my-city/events/{event.pk}/edit/", form_data(image_alt="Plaza"))
    assert len(mail.outbox) == 2


def test_my_city_component_lists_events_with_status_and_edit_links(portal):
    duesseldorf = portal["duesseldorf"]
    draft = make_event(duesseldorf, CityEvent.Status.DRAFT, title="Borrador")
    rejected = make_event(
        duesseldorf, CityEvent.Status.REJECTED, title="Rechazado", review_comment="Add a photo"
    )
    approved = make_event(duesseldorf, CityEvent.Status.APPROVED, title="Aprobado")
    request = RequestFactory().get("/en/my-city/")
    html = render_to_string(
        "components/my_city_events.html",
        {"events": events_module.events_of_city(duesseldorf.translation_key)},
        request=request,
    )
    assert "status--draft" in html and "status--rejected" in html and "status--live" in html
    assert "Add a photo" in html
    assert f"/my-city/events/{draft.pk}/edit/" in html
    assert f"/my-city/events/{rejected.pk}/edit/" in html
    assert f"/my-city/events/{approved.pk}/edit/" not in html
    assert "/my-city/events/new/" in html


# -- Isolation ------------------------------------------------------------------------------


def test_other_cities_anonymous_and_strangers_are_kept_out(client, portal):
    event = make_event(portal["duesseldorf"], CityEvent.Status.DRAFT)
    url = f"/en/my-city/events/{event.pk}/edit/"
    response = client.get(url)
    assert response.status_code == 302 and "/en/accounts/login/" in response["Location"]
    assert client.get("/en/my-city/events/new/").status_code == 302

    client.login(username="staff@montreal.test", password=PASSWORD)
    assert client.get(url).status_code == 404
    assert client.post(url, form_data()).status_code == 404
    assert client.get("/en/my-city/events/999999/edit/").status_code == 404
    event.refresh_from_db()
    assert event.status == CityEvent.Status.DRAFT and event.title == "Fest des Zusammenlebens"

    stranger = get_user_model().objects.create_user("nobody", "nobody@x.test", PASSWORD)
    client.force_login(stranger)
    assert client.get("/en/my-city/events/new/").status_code == 404


def test_cities_have_no_path_to_approval(city_client, portal):
    event = make_event(portal["duesseldorf"], CityEvent.Status.SUBMITTED)
    # The city's form cannot set a status: "approve" is not an action it knows.
    data = form_data(action="save")
    data.update({"status": "approved", "approve": "1"})
    city_client.post(f"/en/my-city/events/{event.pk}/edit/", data)
    event.refresh_from_db()
    assert event.status == CityEvent.Status.DRAFT
    submit_event(event, portal["staff"])
    # The admin's review is not theirs.
    response = city_client.post(
        f"/admin/city-events/review/{event.pk}/", {"action": "approve", "approve-comment": ""}
    )
    assert response.status_code in (302, 403)
    assert "/admin/login/" in response.get("Location", "/admin/login/")
    event.refresh_from_db()
    assert event.status == CityEvent.Status.SUBMITTED


def test_an_approved_event_is_no_longer_editable_by_the_city(city_client, portal):
    event = make_event(portal["duesseldorf"])
    response = city_client.post(f"/en/my-city/events/{event.pk}/edit/", form_data(title="X"))
    assert response.status_code == 302 and response["Location"] == "/en/my-city/"
    event.refresh_from_db()
    assert event.title == "Fest des Zusammenlebens" and event.status == "approved"


def test_approval_makes_the_image_public(city_client, portal):
    city_client.post(
        "/es/my-city/events/new/", form_data(image=png(), image_alt="La plaza llena de gente")
    )
    event = CityEvent.objects.get()
    assert event.image.collection.get_view_restrictions().exists()
    assert approve_event(event, portal["moderator"])
    image = get_image_model().objects.get(pk=event.image.pk)
    assert image.collection.name == "Düsseldorf"
    assert not image.collection.get_view_restrictions().exists()


# -- Review in the admin --------------------------------------------------------------------


def test_moderator_approves_in_the_admin_and_the_city_hears_in_spanish(
    client, portal, django_capture_on_commit_callbacks
):
    event = make_event(
        portal["duesseldorf"],
        CityEvent.Status.SUBMITTED,
        title="Fiesta de la convivencia",
        language="es",
        submitted_by=portal["staff"],
        created_by=portal["staff"],
    )
    client.force_login(portal["moderator"])
    index = client.get("/admin/city-events/")
    assert index.status_code == 200
    assert "Fiesta de la convivencia" in index.content.decode()
    review = client.get(f"/admin/city-events/review/{event.pk}/")
    assert review.status_code == 200
    # The moderator reads the admin in German.
    assert "Mit Kommentar ablehnen" in review.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/city-events/review/{event.pk}/", {"action": "approve", "approve-comment": ""}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == CityEvent.Status.APPROVED
    assert event.reviewed_by == portal["moderator"] and event.reviewed_at
    [message] = mail.outbox
    assert message.to == ["staff@duesseldorf.test"]
    assert message.extra_headers["Content-Language"] == "es"
    assert "Fiesta de la convivencia" in message.subject
    assert "/es/cities/duesseldorf/" in message.body

    # A second approval (another tab) changes nothing and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/city-events/review/{event.pk}/", {"action": "approve"})
    assert len(mail.outbox) == 1


def test_rejection_needs_a_comment_which_reaches_the_city(
    client, portal, django_capture_on_commit_callbacks
):
    event = make_event(
        portal["duesseldorf"],
        CityEvent.Status.SUBMITTED,
        language="fr",
        submitted_by=portal["staff"],
    )
    client.force_login(portal["moderator"])
    url = f"/admin/city-events/review/{event.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "reject", "reject-comment": ""})
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.status == CityEvent.Status.SUBMITTED and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "reject", "reject-comment": "Merci de préciser l'adresse."}
        )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == CityEvent.Status.REJECTED
    assert event.review_comment == "Merci de préciser l'adresse."
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Merci de préciser l'adresse." in message.body
    assert "/fr/my-city/" in message.body


def test_admin_filters_by_status_country_and_year(client, portal):
    make_event(portal["duesseldorf"], CityEvent.Status.SUBMITTED, title="Berlin-time party")
    make_event(
        portal["montreal"],
        CityEvent.Status.APPROVED,
        title="Fête à Montréal",
        starts_at=datetime.datetime(YEAR - 1, 5, 16, 22, tzinfo=datetime.UTC),
    )
    client.force_login(portal["moderator"])

    def titles(query):
        response = client.get(f"/admin/city-events/?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        return {t for t in ("Berlin-time party", "Fête à Montréal") if t in html}

    assert titles("") == {"Berlin-time party", "Fête à Montréal"}
    assert titles("status=submitted") == {"Berlin-time party"}
    assert titles("country=CA") == {"Fête à Montréal"}
    assert titles(f"year={YEAR}") == {"Berlin-time party"}
    # Odd filter values: the filter form says no, the page still answers.
    for query in ("country=ZZ", "year=abc", "status=lost", "year=99999999999"):
        assert client.get(f"/admin/city-events/?{query}").status_code == 200


def test_admin_list_speaks_the_admin_language_and_opens_for_superusers(client, portal):
    from wagtail.users.models import UserProfile

    make_event(portal["duesseldorf"], CityEvent.Status.SUBMITTED, title="Berlin-time party")
    make_event(portal["montreal"], CityEvent.Status.APPROVED, title="Fête à Montréal")
    profile = UserProfile.get_for_user(portal["admin"])
    profile.preferred_language = "de"
    profile.save()
    client.force_login(portal["admin"])  # may add, but events come from My city: no "Add"
    response = client.get("/admin/city-events/")
    assert response.status_code == 200
    html = response.content.decode()
    countries = re.search(r'<select name="country".*?</select>', html, re.S).group(0)
    assert re.findall(r"<option[^>]*>([^<]*)<", countries) == ["Alle", "Deutschland", "Kanada"]
    # Each event's city in German, once.
    assert "Düsseldorf [de]" in html and "Montréal [de]" in html
    assert "Düsseldorf [fr]" not in html and "[es]" not in html


def test_city_users_and_anonymous_do_not_see_the_admin_list(client, portal):
    assert client.get("/admin/city-events/").status_code == 302
    client.login(username="staff@duesseldorf.test", password=PASSWORD)
    assert client.get("/admin/city-events/").status_code in (302, 403)


# -- Where approved events show -------------------------------------------------------------


@pytest.fixture
def published(portal):
    locales = portal["locales"]
    home = portal["home"]
    day = InternationalDayPage(
        title="International Day", slug="international-day", introduction="Every 16 May."
    )
    home.add_child(instance=day)
    day.save_revision().publish()
    translate(day, locales["fr"], title="Journée internationale")
    capitals = make_capital_index(home)
    translate(capitals, locales["fr"], title="Capitales")
    capital = make_capital(capitals, portal["duesseldorf"], year=YEAR)
    translate(capital, locales["fr"], title=f"Capitale {YEAR}")
    duesseldorf_event = make_event(
        portal["duesseldorf"], title="Fest auf dem Burgplatz", language="de"
    )
    montreal_event = make_event(
        portal["montreal"],
        title="Fête au parc Jarry",
        language="fr",
        starts_at=datetime.datetime(YEAR, 5, 16, 22, tzinfo=datetime.UTC),
        time_zone="America/Toronto",
        place="Parc Jarry",
        latitude=decimal.Decimal("45.5330"),
        longitude=decimal.Decimal("-73.6280"),
    )
    past = make_event(
        portal["duesseldorf"],
        title="Fest vor zwei Jahren",
        starts_at=datetime.datetime(YEAR - 2, 5, 16, 16, tzinfo=datetime.UTC),
    )
    draft = make_event(portal["duesseldorf"], CityEvent.Status.SUBMITTED, title="Noch geheim")
    return {"capital": capital, "events": (duesseldorf_event, montreal_event, past, draft)}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_international_day_page_lists_events_by_country_with_a_map(client, published, language):
    html = client.get(f"/{language}/international-day/").content.decode()
    assert "Fest auf dem Burgplatz" in html and "Fête au parc Jarry" in html
    assert "Noch geheim" not in html and "Fest vor zwei Jahren" not in html
    # Countries in the reader's alphabetical order.
    first, second = ("Canada", "Germany") if language == "en" else ("Allemagne", "Canada")
    assert html.index(f'city-events__country">{first}') < html.index(
        f'city-events__country">{second}'
    )
    suffix = "" if language == "en" else " [fr]"
    assert f'Düsseldorf{suffix}</a> · <span lang="de" dir="auto">Burgplatz</span>' in html
    # The city's own words carry their language, whatever the page's.
    title = 'class="event-card__title" id="event-{}-title" lang="{}" dir="auto">{}<'
    duesseldorf_event, montreal_event, *_ = published["events"]
    assert title.format(duesseldorf_event.pk, "de", "Fest auf dem Burgplatz") in html
    assert title.format(montreal_event.pk, "fr", "Fête au parc Jarry") in html
    # The local time of each event, in its own time zone.
    six_pm = "6 p.m." if language == "en" else "18:00"
    assert html.count(f"{six_pm}</time>") == 2  # 16:00 and 22:00 UTC: 18:00 in each city
    if language == "en":
        assert "(local time, America/Toronto)" in html
    assert 'id="events-map"' in html and "js/events-map.js" in html
    assert 'id="events-map-data"' in html and "Parc Jarry" in html
    assert "vendor/leaflet/leaflet.js" in html


def test_country_filter_is_a_plain_get_form(client, published):
    html = client.get("/en/international-day/?country=CA").content.decode()
    assert "Fête au parc Jarry" in html and "Fest auf dem Burgplatz" not in html
    assert '<option value="CA" selected>' in html
    for odd in ("ZZ", "", "<script>", "de", "%00", "C" * 500):
        response = client.get("/en/international-day/", {"country": odd})
        assert response.status_code == 200
    html = client.get("/en/international-day/?country=de").content.decode()
    assert "Fest auf dem Burgplatz" in html and "Fête au parc Jarry" not in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_city_page_shows_upcoming_and_past_events(client, published, language):
    html = client.get(f"/{language}/cities/duesseldorf/").content.decode()
    assert "Fest auf dem Burgplatz" in html and "Fest vor zwei Jahren" in html
    assert "Fête au parc Jarry" not in html and "Noch geheim" not in html
    assert html.index("Fest auf dem Burgplatz") < html.index("Fest vor zwei Jahren")
    assert "event-list--past" in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_capital_page_shows_its_citys_events_of_its_year(client, published, language):
    html = client.get(f"/{language}/capitals/{YEAR}/").content.decode()
    assert "Fest auf dem Burgplatz" in html
    assert "Fest vor zwei Jahren" not in html and "Fête au parc Jarry" not in html


def test_pages_without_events_stay_quiet(client, portal):
    html = client.get("/en/cities/duesseldorf/").content.decode()
    assert 'id="events"' not in html


# -- iCalendar ------------------------------------------------------------------------------


def test_icalendar_of_registered_events(client, published):
    duesseldorf_event, montreal_event, past, _draft = published["events"]
    response = client.get("/en/open-data/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    vevents = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    # Approved events, past ones included; never a draft or one in review.
    assert set(vevents) == {
        f"event-{duesseldorf_event.pk}@testserver",
        f"event-{montreal_event.pk}@testserver",
        f"event-{past.pk}@testserver",
    }
    vevent = vevents[f"event-{duesseldorf_event.pk}@testserver"]
    assert vevent.decoded("dtstart") == datetime.datetime(YEAR, 5, 16, 16, tzinfo=datetime.UTC)
    assert vevent.decoded("dtend") == datetime.datetime(YEAR, 5, 16, 18, tzinfo=datetime.UTC)
    assert "Burgplatz" in str(vevent["location"]) and "Düsseldorf" in str(vevent["location"])
    geo = vevent["geo"]
    assert (round(geo.latitude, 4), round(geo.longitude, 4)) == (51.2277, 6.7735)
    assert str(vevent["url"]).endswith(f"/en/cities/duesseldorf/#event-{duesseldorf_event.pk}")
    assert "Music and food" in str(vevent["description"])
    # UTC on the wire.
    assert f"DTSTART:{YEAR}0516T160000Z" in response.content.decode()

    french = icalendar.Calendar.from_ical(client.get("/fr/open-data/events.ics").content)
    assert {str(e["uid"]) for e in french.walk("VEVENT")} == set(vevents)
    assert any("[fr]" in str(e["location"]) for e in french.walk("VEVENT"))

    # The International Day's calendar carries them too; the open-data page lists the feed.
    day = icalendar.Calendar.from_ical(client.get("/en/open-data/international-day.ics").content)
    assert f"event-{duesseldorf_event.pk}@testserver" in {str(e["uid"]) for e in day.walk("VEVENT")}
    assert "/en/open-data/events.ics" in client.get("/en/open-data/").content.decode()


# -- Odd and hostile input ------------------------------------------------------------------


def test_a_bad_image_is_refused_and_the_text_kept(city_client, portal):
    gif = png(name="fiesta.gif", fmt="GIF")
    response = city_client.post("/es/my-city/events/new/", form_data(image=gif, image_alt="Fiesta"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "GIF" in html
    assert 'value="Fiesta de la convivencia"' in html
    assert "Música y comida de todos los barrios." in html
    assert CityEvent.objects.count() == 0
    assert get_image_model().objects.count() == 0

    response = city_client.post("/es/my-city/events/new/", form_data(image=png()))
    assert response.status_code == 400
    assert CityEvent.objects.count() == 0


ODD = [
    {"latitude": "abc"},
    {"latitude": "91"},
    {"longitude": "-180.5"},
    {"latitude": "1e400"},
    {"latitude": "NaN"},
    {"starts_at": "not a date"},
    {"starts_at": "99999-05-16T18:00"},
    {"starts_at": "1900-05-16T18:00"},
    {"ends_at": f"{YEAR}-05-16T10:00"},
    {"time_zone": "Mars/Olympus_Mons"},
    {"link": "javascript:alert(1)"},
    {"title": "x" * 5000},
    {"title": ""},
    {"description": "\x00"},
    {"image": SimpleUploadedFile("x.png", b"", content_type="image/png")},
    {"image": SimpleUploadedFile("x.png", b"not an image", content_type="image/png")},
]


@pytest.mark.parametrize("overrides", ODD, ids=[next(iter(o)) for o in ODD])
def test_odd_input_is_refused_never_a_500(city_client, portal, overrides):
    data = form_data(**overrides)
    if "image" in overrides:
        data["image_alt"] = "A description"
    response = city_client.post("/es/my-city/events/new/", data)
    assert response.status_code == 400
    assert CityEvent.objects.count() == 0


def test_odd_urls_and_an_empty_post_never_500(city_client, portal):
    assert city_client.post("/es/my-city/events/new/", {}).status_code == 400
    assert city_client.get("/es/my-city/events/0/edit/").status_code == 404
    assert city_client.get("/es/my-city/events/99999999999999999999/edit/").status_code == 404


# -- After the day: the recap ---------------------------------------------------------------


def test_recap_is_a_draft_made_once_with_every_event(portal):
    year = YEAR - 1
    image = get_image_model().objects.create(
        title="Burgplatz", description="The square full of people", file=png(name="burg.png")
    )
    make_event(
        portal["duesseldorf"],
        title="Fest auf dem Burgplatz",
        starts_at=datetime.datetime(year, 5, 16, 16, tzinfo=datetime.UTC),
        image=image,
    )
    make_event(
        portal["montreal"],
        title="Fête au parc Jarry",
        language="fr",
        starts_at=datetime.datetime(year, 5, 16, 22, tzinfo=datetime.UTC),
        place="Parc Jarry",
    )
    make_event(
        portal["montreal"],
        CityEvent.Status.REJECTED,
        title="Refusé",
        starts_at=datetime.datetime(year, 5, 16, 22, tzinfo=datetime.UTC),
    )
    first = create_yearly_recap(year)
    second = create_yearly_recap(year)
    call_command("create_16_may_recap", str(year), stdout=io.StringIO())
    assert first and first == second
    pages = StandardPage.objects.filter(slug=recap_slug(year))
    assert pages.count() == 1
    page = pages.get()
    assert not page.live and page.title == f"16 May {year}: the recap"
    assert page.get_parent().pk == portal["home"].pk
    blocks = [
        (block.block_type, block.value) for block in page.get_latest_revision_as_object().body
    ]
    headings = [value["text"] for kind, value in blocks if kind == "heading"]
    assert headings == ["Canada", "Fête au parc Jarry", "Germany", "Fest auf dem Burgplatz"]
    paragraphs = " ".join(value.source for kind, value in blocks if kind == "paragraph")
    assert "Parc Jarry" in paragraphs and "Düsseldorf" in paragraphs
    assert "Refusé" not in paragraphs
    [image_block] = [value for kind, value in blocks if kind == "image"]
    assert image_block["image"].pk == image.pk
    assert image_block["alt_text"] == "The square full of people"


def test_daily_task_waits_for_the_day_after_and_skips_empty_years(portal, monkeypatch):
    make_event(
        portal["duesseldorf"], starts_at=datetime.datetime(2031, 5, 16, 16, tzinfo=datetime.UTC)
    )
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2031, 5, 16))
    assert create_yearly_recap() is None
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2031, 5, 17))
    assert create_yearly_recap() is not None
    assert create_recap(2032) is None  # no event that year: no empty page
    assert not StandardPage.objects.filter(slug=recap_slug(2032)).exists()


def test_a_deleted_recap_is_not_made_again(portal):
    make_event(
        portal["duesseldorf"], starts_at=datetime.datetime(2030, 5, 16, 16, tzinfo=datetime.UTC)
    )
    page = create_recap(2030)
    Page.objects.get(pk=page.pk).specific.delete(user=portal["admin"])
    assert create_recap(2030) is None


# -- Toolkit and countdown --------------------------------------------------------------------


def test_toolkit_documents_can_differ_per_language(portal):
    from wagtail.documents import get_document_model
    from wagtail_localize.segments import OverridableSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    poster = get_document_model().objects.create(
        title="Poster", file=SimpleUploadedFile("poster.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    day = InternationalDayPage(
        title="International Day",
        slug="international-day",
        toolkit=[("documents", {"title": "Posters", "documents": [poster]})],
    )
    portal["home"].add_child(instance=day)
    segments = extract_segments(day)
    # The title is translated; each document can be replaced by the language's own poster.
    assert any(
        isinstance(s, OverridableSegmentValue) and s.path.startswith("toolkit.") for s in segments
    )
    assert any(getattr(s, "source", None) == "Posters" for s in segments) or any(
        "Posters" in str(getattr(s, "string", "")) for s in segments
    )


def test_countdown_and_capital_show_in_every_language(client, portal):
    day = InternationalDayPage(title="International Day", slug="international-day")
    portal["home"].add_child(instance=day)
    publish_everywhere(day, portal["locales"], lambda copy, code: None)
    capitals = make_capital_index(portal["home"])
    make_capital(capitals, portal["duesseldorf"], year=YEAR)
    for language in ("en", "fr", "de", "es", "ar"):
        for url in (f"/{language}/", f"/{language}/international-day/"):
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert "data-countdown" in html, url
            assert DAY.isoformat() in html, url


def test_events_helpers_need_no_query_per_event(portal, django_assert_max_num_queries):
    for number in range(8):
        make_event(portal["duesseldorf"], title=f"Event {number}")
    request = RequestFactory().get("/en/international-day/")
    with django_assert_max_num_queries(6):
        listing = events_module.events_listing(
            request, year=YEAR, country_filter=True, show_map=True
        )
    assert len(listing["geo"]) == 8
    assert CityPage.objects.count() >= 2
    assert approve_event(CityEvent.objects.first(), portal["moderator"]) is False
