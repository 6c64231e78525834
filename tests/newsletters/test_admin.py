"""The subscribers' admin: filters, search, CSV export and import, the chart, editor unsubscribe."""

import csv
import datetime
import io
import re

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from newsletters.charts import subscriber_growth
from newsletters.models import ConsentEvent, Subscriber, SubscriberStatus
from tests.newsletters.builders import subscriber

pytestmark = pytest.mark.django_db

INDEX = "/admin/subscribers/"
IMPORT = "/admin/subscribers/import/"


@pytest.fixture
def editor(home_page, client):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@observatory.test", "a-long-editor-password-2026"
    )
    client.force_login(user)
    return user


@pytest.fixture
def people(db):
    return {
        "lea": subscriber("lea@example.de", name="Lea Leser", language="de", country="DE"),
        "marc": subscriber("marc@example.fr", name="Marc", language="fr", country="FR"),
        "city": subscriber(
            "staff@duesseldorf.test", language="de", country="DE", is_city_contact=True
        ),
        "gone": subscriber("gone@example.es", language="es", status=SubscriberStatus.UNSUBSCRIBED),
        "new": subscriber("new@example.org", status=SubscriberStatus.PENDING),
    }


def emails_in(response):
    body = response.content.decode()
    return {
        email
        for email in ["lea@example.de", "marc@example.fr", "staff@duesseldorf.test",
                      "gone@example.es", "new@example.org"]
        if email in body
    }  # fmt: skip


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"lea@example.de", "marc@example.fr", "staff@duesseldorf.test",
              "gone@example.es", "new@example.org"}),
        ("status=subscribed", {"lea@example.de", "marc@example.fr", "staff@duesseldorf.test"}),
        ("status=unsubscribed", {"gone@example.es"}),
        ("language=de", {"lea@example.de", "staff@duesseldorf.test"}),
        ("country=FR", {"marc@example.fr"}),
        ("is_city_contact=true", {"staff@duesseldorf.test"}),
        ("language=de&is_city_contact=false", {"lea@example.de"}),
        ("q=leser", {"lea@example.de"}),
        ("q=example.fr", {"marc@example.fr"}),
    ],
)  # fmt: skip
def test_filters_and_search(client, editor, people, query, expected):
    response = client.get(f"{INDEX}?{query}")
    assert response.status_code == 200
    assert emails_in(response) == expected


@pytest.fixture
def duesseldorf(home_page, locales, django_capture_on_commit_callbacks):
    """A member city translated into French and German, aliased in Spanish and Arabic."""
    from tests.cities.portal import city_directory_everywhere, city_everywhere

    with django_capture_on_commit_callbacks(execute=True):
        directory = city_directory_everywhere(home_page, locales)
        return city_everywhere(directory, locales, "duesseldorf", "Düsseldorf")


def city_choices(response):
    return re.findall(r'<option value="[0-9a-f-]{36}"[^>]*>([^<]*)<', response.text)


def test_filter_by_member_city(client, editor, people, locales, duesseldorf):
    Subscriber.objects.filter(pk=people["city"].pk).update(city=duesseldorf)
    # Any language's page stands for the city: one choice for both.
    french = duesseldorf.get_translation(locales["fr"])
    Subscriber.objects.filter(pk=people["marc"].pk).update(city=french)
    response = client.get(f"{INDEX}?city={duesseldorf.translation_key}")
    assert emails_in(response) == {"staff@duesseldorf.test", "marc@example.fr"}
    assert city_choices(response) == ["Düsseldorf"]


def test_member_city_filter_names_cities_in_the_admin_language(client, editor, people, duesseldorf):
    from wagtail.users.models import UserProfile

    Subscriber.objects.filter(pk=people["city"].pk).update(city=duesseldorf)
    profile = UserProfile.get_for_user(editor)
    # Each admin language: the city's translation in it.
    for language, label in (("de", "Düsseldorf [de]"), ("es", "Düsseldorf [es]")):
        profile.preferred_language = language
        profile.save()
        assert city_choices(client.get(INDEX)) == [label]


def test_csv_export_of_the_filtered_listing(client, editor, people):
    Subscriber.objects.filter(pk=people["marc"].pk).update(name="=HYPERLINK(1)")
    response = client.get(f"{INDEX}?export=csv&status=subscribed")
    assert response.status_code == 200
    assert "subscribers" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert {row["email"] for row in rows} == {
        "lea@example.de", "marc@example.fr", "staff@duesseldorf.test"
    }  # fmt: skip
    lea = next(row for row in rows if row["email"] == "lea@example.de")
    assert lea["language"] == "de" and lea["country"] == "DE" and lea["status"] == "subscribed"
    assert lea["name"] == "Lea Leser"
    marc = next(row for row in rows if row["email"] == "marc@example.fr")
    assert marc["name"] == "'=HYPERLINK(1)"  # never run as a formula
    city = next(row for row in rows if row["email"] == "staff@duesseldorf.test")
    assert city["is_city_contact"] == "True"


def upload(text, name="people.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


SOURCE = "paper form at the Düsseldorf summit 2019"


def test_import_subscribes_with_the_consent_source(client, editor, people):
    text = (
        "email,name,language,country,city\n"
        "anna@example.de,Anna,de,DE,Köln\n"
        "jean@example.fr,Jean,fr,France,Lyon\n"
        "LEA@example.de,Lea,de,DE,\n"
        "gone@example.es,Gone,es,ES,\n"
        "new@example.org,,en,,\n"
    )
    response = client.post(
        IMPORT, {"file": upload(text), "consent_source": SOURCE, "default_language": "en"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    anna = Subscriber.objects.get(email="anna@example.de")
    assert anna.status == SubscriberStatus.SUBSCRIBED and anna.language == "de"
    assert anna.city_name == "Köln" and anna.country.code == "DE"
    [event] = anna.consent_events.all()
    assert (event.action, event.channel, event.note) == ("opt_in", "import", SOURCE)
    assert Subscriber.objects.get(email="jean@example.fr").country.code == "FR"
    # Pending becomes subscribed; an unsubscribed address is never resubscribed by an import.
    assert Subscriber.objects.get(email="new@example.org").status == SubscriberStatus.SUBSCRIBED
    assert Subscriber.objects.get(email="gone@example.es").status == SubscriberStatus.UNSUBSCRIBED
    assert Subscriber.objects.filter(email__iexact="lea@example.de").count() == 1
    page = client.get(INDEX)
    assert "3 subscribers imported" in page.content.decode()


def test_import_is_all_or_nothing_with_the_rows_to_correct(client, editor, people):
    text = (
        "email,name,language,country,city\n"
        "ok@example.de,Ok,de,DE,\n"
        "not-an-address,Bad,de,DE,\n"
        "ok2@example.de,Ok,xx,DE,\n"
        "ok3@example.de,Ok,de,Narnia,\n"
        "OK@example.de,Twice,de,,\n"
    )
    before = Subscriber.objects.count()
    response = client.post(
        IMPORT, {"file": upload(text), "consent_source": SOURCE, "default_language": "en"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    for row in (3, 4, 5, 6):
        assert f"Row {row}" in body
    assert "Row 2<" not in body
    assert Subscriber.objects.count() == before
    assert not ConsentEvent.objects.filter(channel="import").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"consent_source": ""},
        {"consent_source": "   "},
        {"file": None},
        {"file": "email;nom\nx@example.de;X\n"},
        {"file": "\xff\xfe garbage"},
    ],
)
def test_import_needs_a_consent_source_and_a_readable_file(client, editor, data):
    payload = {"consent_source": SOURCE, "default_language": "en"}
    text = data.pop("file", "email\nx@example.de\n")
    payload.update(data)
    if text is not None:
        payload["file"] = upload(text)
    response = client.post(IMPORT, payload)
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_the_chart_counts_confirmed_subscribers_per_month(client, editor):
    def at(month, day=10):
        return datetime.datetime(2026, month, day, 12, tzinfo=datetime.UTC)

    subscriber("a@example.org", confirmed_at=at(1))
    subscriber("b@example.org", confirmed_at=at(1, 20))
    subscriber("c@example.org", confirmed_at=at(3))
    left = subscriber("d@example.org", confirmed_at=at(2))
    Subscriber.objects.filter(pk=left.pk).update(
        status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=at(3, 15)
    )
    subscriber("e@example.org", status=SubscriberStatus.PENDING)
    growth = subscriber_growth("month", now=at(4))
    assert [(p.start.month, p.confirmed, p.left, p.total_confirmed, p.subscribed)
            for p in growth.points] == [(1, 2, 0, 2, 2), (2, 1, 0, 3, 3), (3, 1, 1, 4, 3),
                                        (4, 0, 0, 4, 3)]  # fmt: skip
    response = client.get(f"{INDEX}?growth=month")
    body = response.content.decode()
    assert '<svg class="subscriber-chart"' in body and 'role="img"' in body
    assert '<title id="subscriber-growth-title">Confirmed subscribers over time</title>' in body
    assert '<tr data-period="2026-03-01">' in body
    row = body.split('<tr data-period="2026-03-01">')[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split("<td>")[1:]] == ["1", "1", "4", "3"]
    assert 'data-count="receiving">3<' in body and 'data-count="pending">1<' in body
    # The same panel on the dashboard.
    dashboard = client.get("/admin/").content.decode()
    assert 'id="dashboard-subscriber-growth"' in dashboard


def test_editor_unsubscribes_someone_with_channel_editor(client, editor, people):
    lea = people["lea"]
    page = client.get(f"/admin/subscribers/unsubscribe/{lea.pk}/")
    assert page.status_code == 200 and "lea@example.de" in page.content.decode()
    response = client.post(f"/admin/subscribers/unsubscribe/{lea.pk}/", {"note": "asked by phone"})
    assert response.status_code == 302
    lea.refresh_from_db()
    assert lea.status == SubscriberStatus.UNSUBSCRIBED
    withdrawal = lea.consent_events.get(action="withdraw")
    assert withdrawal.channel == "editor" and withdrawal.note == "editor: asked by phone"
    # The edit page shows the consent history; editing details never touches consent.
    edit = client.get(f"/admin/subscribers/edit/{lea.pk}/")
    assert edit.status_code == 200 and "Consent history" in edit.content.decode()


def test_editors_cannot_add_or_delete_subscribers(client, editor, people):
    assert client.get("/admin/subscribers/new/").status_code in (302, 403)
    lea = people["lea"]
    assert client.post(f"/admin/subscribers/delete/{lea.pk}/").status_code in (302, 403)
    assert Subscriber.objects.filter(pk=lea.pk).exists()


def test_a_user_without_permission_sees_nothing(client, home_page, people):
    user = get_user_model().objects.create_user("nobody", "n@example.org", "pw-long-enough-2026")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(INDEX).status_code in (302, 403)
    assert client.get(IMPORT).status_code in (302, 403)
    response = client.post(f"/admin/subscribers/unsubscribe/{people['lea'].pk}/")
    assert response.status_code in (302, 403)
    people["lea"].refresh_from_db()
    assert people["lea"].status == SubscriberStatus.SUBSCRIBED
