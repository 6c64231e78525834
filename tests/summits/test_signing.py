"""Signing a declaration: the form, the email link, member cities, council decisions, editors."""

import base64
import csv
import io
import re
import zipfile

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model

import pytest
from PIL import Image

from cities.accounts import team_for_user
from summits.forms import SignatureForm
from summits.models import Signature, SignatureKind
from summits.signing import confirm_token
from tests.answer_time import assert_same_work, compare
from tests.cities.portal import member
from tests.summits.world import page_url, sign_data, started_long_ago

# The declaration in five languages and two member cities: built once for the module
# (tests/summits/conftest.py), before its first test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("declaration_world")]

LANGUAGES = ["en", "fr", "de", "es", "ar"]


def post_sign(client, world, capture, code="en", **overrides):
    with capture(execute=True):
        return client.post(page_url(world, code) + "sign/", sign_data(**overrides))


def without_nonce(html):
    """A page without what changes at every rendering: nonce, CSRF tokens, the forms' clocks."""
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r'name="(form_started|csrfmiddlewaretoken)" value="[^"]*"', "", html)


def translated(message, code):
    """``message`` as the page in ``code`` shows it."""
    from django.utils import translation
    from django.utils.html import escape

    with translation.override(code):
        return escape(translation.gettext(message))


def signing_form(html):
    """The signing form of a declaration page, without the footer's subscribe form."""
    start = html.index('class="signing')
    return html[start : html.index("</form>", start)]


def link_in(message):
    return re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)


def b64(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def path_of(url):
    return url.removeprefix("http://testserver")


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def pdf_bytes():
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(image_format="PNG", size=(8, 8), mode="RGB"):
    output = io.BytesIO()
    Image.new(mode, size, "white").save(output, format=image_format)
    return output.getvalue()


# The form on the page ---------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_shows_the_form_with_the_pages_own_statements(client, world, code):
    response = client.get(page_url(world, code))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="site-form signing__form" method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'type="radio" name="kind" value="commit"' in html
    # The radio labels are the page's own statements, in the page's language (English
    # on English and on the aliases, which follow it).
    if code in ("fr", "de"):
        assert f"I agree and commit [{code} statement]" in html
    else:
        assert "I agree upon the principles and goals of the Summit." in html
    # The email's help text, in the visitor's language.
    help_text = (
        "We send you a link to confirm your signature. Your email address is never published."
    )
    assert translated(help_text, code) in html
    if code != "en":
        assert translated(help_text, code) != translated(help_text, "en")
    if code in ("es", "ar"):
        # An alias shows English text: the statement says so for screen readers.
        assert 'class="statement-choice__text" dir="auto" lang="en"' in html


def test_sign_creates_an_unconfirmed_signature_and_emails_a_link_in_the_signers_language(
    client, world, capture
):
    response = post_sign(client, world, capture, code="fr", email="Ada@Lyon.test")
    assert response.status_code == 302
    assert response["Location"] == page_url(world, "fr") + "sign/thanks/"
    signature = Signature.objects.get()
    assert signature.confirmed_at is None
    assert signature.language == "fr"
    assert signature.source == Signature.Source.ONLINE
    assert signature.city_name == "Lyon" and signature.country.code == "FR"
    assert world["declaration"].signatories()["total"] == 0
    [message] = mail.outbox
    assert message.to == ["Ada@Lyon.test"]
    assert message.extra_headers["Content-Language"] == "fr"
    assert "Düsseldorf Declaration [fr]" in message.subject
    link = link_in(message)
    assert link.startswith("http://testserver" + page_url(world, "fr") + "confirm/")
    html = message.alternatives[0][0]
    assert link in html and 'lang="fr"' in html
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "signing-status" in thanks.content.decode()


def test_get_of_the_sign_route_goes_back_to_the_form(client, world):
    response = client.get(page_url(world) + "sign/")
    assert response.status_code == 302
    assert response["Location"] == page_url(world) + "#sign"


def test_the_link_confirms_once_and_the_signatory_shows_in_every_language(client, world, capture):
    post_sign(client, world, capture, code="de", name="Ada Mayor", kind="acknowledge")
    link = path_of(link_in(mail.outbox[0]))
    response = client.get(link)
    assert response.status_code == 200
    assert translated("Your signature is confirmed", "de") in response.content.decode()
    signature = Signature.objects.get()
    confirmed_at = signature.confirmed_at
    assert confirmed_at is not None and signature.signed_on == timezone.localdate()
    # Idempotent: a second click changes nothing.
    again = client.get(link)
    assert again.status_code == 200
    signature.refresh_from_db()
    assert signature.confirmed_at == confirmed_at
    for code in LANGUAGES:
        html = client.get(page_url(world, code)).content.decode()
        assert "Ada Mayor" in html, code
        assert 'id="signatories-acknowledge"' in html
        assert "No signature has been confirmed yet." not in html


def test_an_expired_link_answers_400_and_offers_to_sign_again(client, world, capture, monkeypatch):
    post_sign(client, world, capture)
    signature = Signature.objects.get()
    real_time = signing.time.time
    with monkeypatch.context() as patched:
        patched.setattr(signing.time, "time", lambda: real_time() - 8 * 24 * 3600)
        token = confirm_token(signature)
    response = client.get(page_url(world, "fr") + f"confirm/{token}/")
    assert response.status_code == 400
    html = response.content.decode()
    assert translated("This link has expired", "fr") in html
    assert f'href="{page_url(world, "fr")}#sign"' in html
    assert '<html lang="fr"' in html
    signature.refresh_from_db()
    assert signature.confirmed_at is None
    # A longer validity, from the settings, accepts the same link.
    with override_settings(OBSERVATORY_SIGNATURE_CONFIRM_MAX_AGE=30 * 24 * 3600):
        assert client.get(page_url(world) + f"confirm/{token}/").status_code == 200


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "x" + token,
        lambda token: "not-a-token",
        lambda token: "a" * 5000,
        lambda token: b64(signing.dumps({"id": 1, "e": "nope"}, salt="another-purpose")),
        lambda token: b64(signing.dumps("just a string", salt="summits.signature.confirm")),
        lambda token: b64("\x00\xff"),
        lambda token: "é" * 10,
    ],
)
def test_a_tampered_link_answers_400(client, world, capture, mangle):
    post_sign(client, world, capture)
    token = path_of(link_in(mail.outbox[0])).rstrip("/").rsplit("/", 1)[-1]
    response = client.get(page_url(world) + f"confirm/{mangle(token)}/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert Signature.objects.get().confirmed_at is None


def test_a_link_only_confirms_on_its_own_declaration(client, world, capture):
    post_sign(client, world, capture)
    signature = Signature.objects.get()
    signature.declaration_key = world["duesseldorf"].translation_key  # another key
    signature.save()
    response = client.get(path_of(link_in(mail.outbox[0])))
    assert response.status_code == 400


def test_an_address_that_signed_gets_the_same_answer_and_a_different_email(client, world, capture):
    first = post_sign(client, world, capture, email="ada@lyon.test")
    first_page = without_nonce(client.get(first["Location"]).content.decode())
    # Unconfirmed: the same answer, and the confirmation link again.
    second = post_sign(client, world, capture, email="ADA@lyon.test", name="Someone else")
    assert second.status_code == first.status_code == 302
    assert second["Location"] == first["Location"]
    assert Signature.objects.count() == 1
    assert Signature.objects.get().name == "Ada Mayor"
    assert len(mail.outbox) == 2
    assert link_in(mail.outbox[1]).startswith("http://testserver")
    assert mail.outbox[1].subject == mail.outbox[0].subject
    # Confirmed: the same answer again; the email says it has already signed.
    client.get(path_of(link_in(mail.outbox[0])))
    third = post_sign(client, world, capture, code="fr", email="ada@LYON.test")
    assert third["Location"] == page_url(world, "fr") + "sign/thanks/"
    assert without_nonce(client.get(first["Location"]).content.decode()) == first_page
    assert Signature.objects.count() == 1
    message = mail.outbox[2]
    assert message.to == ["ada@lyon.test"]  # the address as it signed first
    assert "déjà signé" in message.subject  # in the language of the second visit
    assert "/confirm/" not in message.body
    assert message.extra_headers["Content-Language"] == "fr"
    # Nothing the visitor typed goes into an email to an unconfirmed address.
    assert all("Someone else" not in m.body for m in mail.outbox)


def test_known_and_unknown_addresses_cost_the_same_work_and_time(client, world, capture):
    """The answer's time must not tell who has signed (it did: 12 ms apart)."""
    post_sign(client, world, capture, email="known@lyon.test")
    Signature.objects.update(confirmed_at=timezone.now())
    url = page_url(world) + "sign/"

    def send(known, n):
        email = "known@lyon.test" if known else f"new-{n}@lyon.test"
        address = f"198.51.{100 + int(known)}.{n % 250 + 1}"
        response = client.post(url, sign_data(email=email), REMOTE_ADDR=address)
        assert response.status_code == 302

    comparison = compare(send, capture, rounds=3)
    assert_same_work(comparison)
    assert Signature.objects.with_email("known@lyon.test").count() == 1


def test_the_same_address_may_sign_another_declaration(client, world, capture):
    post_sign(client, world, capture)
    other = Signature.objects.get()
    other.declaration_key = world["duesseldorf"].translation_key
    other.save()
    post_sign(client, world, capture)
    assert Signature.objects.count() == 2


# Protections of a public form -------------------------------------------------------------


def test_honeypot_and_too_fast_are_refused_with_a_message(client, world, capture):
    bot = post_sign(client, world, capture, homepage="http://spam.test")
    assert bot.status_code == 400
    assert "leave the last field empty" in bot.content.decode()
    fast = post_sign(client, world, capture, form_started=started_long_ago(seconds=0))
    assert fast.status_code == 400
    assert "That was very quick" in fast.content.decode()
    missing = post_sign(client, world, capture, form_started=None)
    assert missing.status_code == 400
    assert not Signature.objects.exists()
    assert not mail.outbox


def test_too_many_attempts_answer_429(client, world, capture, monkeypatch):
    monkeypatch.setattr(SignatureForm, "rate_limit", (2, 3600))
    assert post_sign(client, world, capture, email="a@lyon.test").status_code == 302
    assert post_sign(client, world, capture, email="b@lyon.test").status_code == 302
    response = post_sign(client, world, capture, email="c@lyon.test")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert Signature.objects.count() == 2


def test_errors_keep_what_was_typed_and_point_at_the_fields(client, world, capture):
    response = post_sign(client, world, capture, city_name="", email="not an address")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="form-errors"' in html
    assert "Choose your city in the list or write its name." in html
    assert 'value="Ada Mayor"' in html
    assert 'value="not an address"' in html
    assert 'action="' + page_url(world) + 'sign/#sign"' in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": "A" * 10_000},
        {"title": "T" * 10_000, "city_name": "C" * 10_000},
        {"email": "x" * 10_000 + "@example.test"},
        {"name": "Ada\x00Mayor"},
        {"city_name": "Ly\x00on", "email": "ada\x00@lyon.test"},
        {"country": "XX"},
        {"country": "Germany"},
        {"country": "\x00"},
        {"kind": "both"},
        {"kind": "commit\x00"},
        {"city": "999999"},
        {"city": "abc"},
        {"city": "1\x00"},
        {"city": "-1"},
        {"consent": None},
        {"kind": None, "name": None, "email": None, "country": None},
        {"form_started": "x" * 10_000},
        {"form_started": "\x00"},
    ],
)
def test_odd_inputs_never_end_in_a_server_error(client, world, capture, overrides):
    response = post_sign(client, world, capture, **overrides)
    assert response.status_code == 400
    assert not Signature.objects.exists()


def test_odd_requests_never_end_in_a_server_error(client, world):
    url = page_url(world) + "sign/"
    assert client.post(url, "{}", content_type="application/json").status_code == 400
    assert client.post(url, b"\x00\xff" * 100, content_type="text/plain").status_code == 400
    assert client.post(url, {"name": ["a", "b"], "kind": ["x"] * 50}).status_code == 400
    assert client.put(url, "x").status_code in (302, 405)
    assert client.get(page_url(world) + "confirm/%00/").status_code in (400, 404)
    assert not Signature.objects.exists()


# Member cities ----------------------------------------------------------------------------


def test_a_city_user_signs_for_the_city_at_once(client, world, capture):
    city = world["duesseldorf"]
    user = member(city, "mayor@duesseldorf.test")
    client.force_login(user)
    form = client.get(page_url(world, "fr")).content.decode()
    french_city = city.get_translation(world["locales"]["fr"])
    assert f'<option value="{french_city.pk}" selected>{french_city.title}</option>' in form
    # The city and its country are fixed: shown, but not to be changed.
    for field in ("city", "country"):
        select = re.search(rf'<select name="{field}"[^>]*>', signing_form(form)).group(0)
        assert re.search(r"\sdisabled[\s>=]", select), select
    assert 'value="mayor@duesseldorf.test"' in form
    assert 'name="city_name"' not in signing_form(form)
    # A posted city is ignored: a team signs for its own city only.
    response = post_sign(
        client,
        world,
        capture,
        code="fr",
        city=str(world["montreal"].pk),
        country="CA",
        email="",
        kind="acknowledge",
    )
    assert response.status_code == 302
    assert response["Location"] == page_url(world, "fr") + "#signatories"
    signature = Signature.objects.get()
    assert signature.source == Signature.Source.CITY
    assert signature.signed_by == user
    assert signature.confirmed_at is not None
    assert signature.city.translation_key == city.translation_key
    assert signature.country.code == city.country.code
    assert not mail.outbox
    assert world["declaration"].signatories()["total"] == 1
    # Signed: no second form, and the way to commit instead.
    again = client.get(page_url(world, "fr")).content.decode()
    assert "signing__form" not in again
    assert reverse("signature_upgrade", kwargs={"signature_id": signature.pk}) in again
    assert post_sign(client, world, capture, code="fr").status_code == 302
    assert Signature.objects.count() == 1
    assert list(Signature.objects.for_city(french_city)) == [signature]


# Upgrading by the council's decision ------------------------------------------------------


@pytest.fixture
def acknowledgement(world):
    city = world["duesseldorf"]
    user = member(city, "staff@duesseldorf.test")
    signature = Signature.objects.create(
        declaration_key=world["declaration"].translation_key,
        name="Stephan Keller",
        title="Mayor",
        city=city,
        country="DE",
        kind=SignatureKind.ACKNOWLEDGE,
        source=Signature.Source.CITY,
        confirmed_at=timezone.now(),
    )
    return signature, user


def upgrade_url(signature, code="en"):
    return f"/{code}/my-city/signatures/{signature.pk}/upgrade/"


def upgrade_data(name, content, title="Council decision of 12 March 2024"):
    return {
        "decision": SimpleUploadedFile(name, content),
        "decision_title": title,
        "confirm": "on",
    }


def test_a_city_commits_by_uploading_its_councils_decision(client, world, acknowledgement):
    signature, user = acknowledgement
    client.force_login(user)
    page = client.get(upgrade_url(signature, "fr"))
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()
    response = client.post(upgrade_url(signature, "fr"), upgrade_data("decision.pdf", pdf_bytes()))
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.kind == SignatureKind.COMMIT
    assert signature.upgraded_at is not None
    document = signature.council_decision
    assert document.title == "Council decision of 12 March 2024"
    # The team's private collection: the team and the editors only.
    assert document.collection.get_parent() == team_for_user(user).collection
    assert document.collection.get_view_restrictions().exists()
    assert document.uploaded_by_user == user
    assert document.file_size == len(pdf_bytes())
    done = client.get(upgrade_url(signature, "fr")).content.decode()
    assert "<form" not in done.split("<main", 1)[1].split("</main>")[0]
    html = client.get(page_url(world)).content.decode()
    assert "committed by council decision" in html


def test_a_picture_named_pdf_is_refused_and_the_form_keeps_its_values(client, acknowledgement):
    signature, user = acknowledgement
    client.force_login(user)
    response = client.post(
        upgrade_url(signature),
        upgrade_data("decision.pdf", image_bytes("PNG"), title="Our decision"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This file is not a PDF or an office document" in html
    assert 'value="Our decision"' in html
    signature.refresh_from_db()
    assert signature.kind == SignatureKind.ACKNOWLEDGE
    assert not get_document_model().objects.exists()


def test_another_citys_user_cannot_upgrade(client, world, acknowledgement):
    signature, _ = acknowledgement
    client.force_login(member(world["montreal"], "staff@montreal.test"))
    assert client.get(upgrade_url(signature)).status_code == 404
    response = client.post(upgrade_url(signature), upgrade_data("decision.pdf", pdf_bytes()))
    assert response.status_code == 404
    client.force_login(get_user_model().objects.create_user("nobody", "n@o.test", "x"))
    assert client.get(upgrade_url(signature)).status_code == 404
    signature.refresh_from_db()
    assert signature.kind == SignatureKind.ACKNOWLEDGE


def test_anonymous_visitors_are_sent_to_sign_in(client, acknowledgement):
    signature, _ = acknowledgement
    response = client.get(upgrade_url(signature))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_a_commitment_has_nothing_to_upgrade(client, acknowledgement):
    signature, user = acknowledgement
    signature.kind = SignatureKind.COMMIT
    signature.save()
    client.force_login(user)
    response = client.post(upgrade_url(signature), upgrade_data("decision.pdf", pdf_bytes()))
    assert response.status_code == 200
    assert "already commits" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_my_city_lists_the_signatures_with_the_upgrade_link(rf, acknowledgement):
    from django.template.loader import render_to_string

    signature, user = acknowledgement
    html = render_to_string(
        "components/my_city_signatures.html",
        {"signatures": Signature.objects.for_city(signature.city)},
    )
    assert "Stephan Keller" in html
    assert upgrade_url(signature) in html
    assert "Düsseldorf Declaration" in html


# What the page shows ----------------------------------------------------------------------


def test_counts_by_statement_and_country_in_every_language_hidden_ones_left_out(client, world):
    key = world["declaration"].translation_key
    now = timezone.now()
    for name, kind, country in [
        ("Ada", "commit", "DE"),
        ("Ben", "commit", "DE"),
        ("Cleo", "acknowledge", "FR"),
    ]:
        Signature.objects.create(
            declaration_key=key, name=name, kind=kind, country=country, confirmed_at=now
        )
    Signature.objects.create(
        declaration_key=key, name="Hidden Signer", kind="commit", country="IT", confirmed_at=now,
        hidden=True,
    )  # fmt: skip
    Signature.objects.create(declaration_key=key, name="Unconfirmed Signer", kind="commit")
    for code in LANGUAGES:
        html = client.get(page_url(world, code)).content.decode()
        totals = re.findall(r"<dd>(\d+)</dd>", html)
        assert totals == ["3", "2", "1"], code
        assert "Hidden Signer" not in html and "Unconfirmed Signer" not in html
        assert 'style="inline-size: 100%"' in html  # Germany, the longest bar
        assert 'style="inline-size: 50%"' in html
    assert "Allemagne" in client.get(page_url(world, "fr")).content.decode()


# Editors: import and export ---------------------------------------------------------------


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@observatory.test", "pw")
    client.force_login(user)
    return user


def csv_upload(text, name="signatures.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


IMPORT_URL = "/admin/snippets/summits/signature/import/"


def test_the_listing_links_to_the_import(client, world, editor):
    html = client.get("/admin/snippets/summits/signature/").content.decode()
    assert IMPORT_URL in html
    assert client.get(IMPORT_URL).status_code == 200


def test_import_of_paper_signatures_counts_them(client, world, editor):
    key = str(world["declaration"].translation_key)
    text = (
        "name,title,city,country,email,kind,signed_on\n"
        "Ada Mayor,Mayor,Düsseldorf,DE,ada@example.test,commit,2019-08-31\n"
        "Ben Deputy,Deputy Mayor,Lyon,France,,acknowledge,\n"
        "Cleo Mayor,,Nantes,fra,cleo@example.test,Commit,2019-09-01\n"
    )
    response = client.post(IMPORT_URL, {"declaration": key, "file": csv_upload(text)})
    assert response.status_code == 302
    assert Signature.objects.count() == 3
    ada = Signature.objects.get(name="Ada Mayor")
    assert ada.source == Signature.Source.PAPER and ada.confirmed_at is not None
    assert ada.city.translation_key == world["duesseldorf"].translation_key
    assert str(ada.signed_on) == "2019-08-31"
    ben = Signature.objects.get(name="Ben Deputy")
    assert (ben.country.code, ben.kind, ben.city_name) == ("FR", "acknowledge", "Lyon")
    assert world["declaration"].signatories()["total"] == 3
    listing = client.get(response["Location"]).content.decode()
    assert "3 signatures imported" in listing


def test_import_is_all_or_nothing_with_errors_by_row(client, world, editor):
    key = world["declaration"].translation_key
    Signature.objects.create(declaration_key=key, name="Known", kind="commit", email="k@x.test")
    text = (
        "name,title,city,country,email,kind,signed_on\n"
        "Ada Mayor,Mayor,Düsseldorf,DE,ada@example.test,commit,2019-08-31\n"
        "Bad Country,,Lyon,Atlantis,,commit,\n"
        "Bad Kind,,Lyon,FR,,both,31/08/2019\n"
        "Again,,Lyon,FR,ADA@example.test,commit,\n"
        ",,,FR,,commit,\n"
        "Known Again,,,FR,K@x.test,commit,\n"
    )
    response = client.post(IMPORT_URL, {"declaration": str(key), "file": csv_upload(text)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "No signature was imported" in html
    rows = re.findall(r'<tr class="import-error"><td>Row (\d+)</td>', html)
    assert rows == ["3", "4", "5", "6", "7"]
    assert "Atlantis" in html and "both" in html and "31/08/2019" in html
    assert "already on row 2" in html
    assert "has already signed this declaration" in html
    assert "name is empty" in html
    assert Signature.objects.count() == 1


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02binary",
        b"name;title\nAda;Mayor\n",
        b"name,country,kind\n",
        b'name,title,city,country,email,kind,signed_on\n"Ada,unclosed',
        "name,country,kind\nÀda,DE,commit\n".encode("latin-1"),
        ("name,country,kind\n" + "A" * 300 + ",DE,commit\n").encode(),
    ],
)
def test_odd_import_files_are_refused_without_error(client, world, editor, content):
    key = str(world["declaration"].translation_key)
    upload = SimpleUploadedFile("odd.csv", content, content_type="text/csv")
    response = client.post(IMPORT_URL, {"declaration": key, "file": upload})
    assert response.status_code == 400
    assert not Signature.objects.exists()


def test_import_needs_the_permission(client, world):
    user = get_user_model().objects.create_user("plain", "p@x.test", "pw")
    client.force_login(user)
    response = client.get(IMPORT_URL)
    assert response.status_code in (302, 403)


def test_declaration_filter_names_declarations_in_the_admin_language(client, world, editor):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    key = str(world["declaration"].translation_key)
    # German: its translation; Spanish (an alias of English): the English title, once.
    for language, title in (
        ("de", "Düsseldorf Declaration [de]"),
        ("es", "Düsseldorf Declaration"),
    ):
        profile.preferred_language = language
        profile.save()
        html = client.get("/admin/snippets/summits/signature/").content.decode()
        assert re.findall(rf'<option value="{key}"[^>]*>([^<]*)<', html) == [title]


def test_export_through_the_admin_with_the_filters(client, world, editor):
    key = world["declaration"].translation_key
    now = timezone.now()
    Signature.objects.create(
        declaration_key=key, name="Ada Mayor", kind="commit", country="DE", email="a@x.test",
        city=world["duesseldorf"], confirmed_at=now,
    )  # fmt: skip
    Signature.objects.create(
        declaration_key=key, name="=HYPERLINK(evil)", kind="acknowledge", country="FR",
        city_name="Lyon", confirmed_at=now,
    )  # fmt: skip
    Signature.objects.create(declaration_key=key, name="Unconfirmed", kind="commit")
    response = client.get("/admin/snippets/summits/signature/?export=csv")
    assert response.status_code == 200
    assert 'filename="signatures.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()
    assert content.startswith("\ufeff")  # the BOM Excel needs
    content = content.removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["name"] for row in rows] == ["'=HYPERLINK(evil)", "Ada Mayor", "Unconfirmed"]
    ada = rows[1]
    assert ada["city"] == "Düsseldorf" and ada["country"] == "DE" and ada["kind"] == "commit"
    assert ada["country_name"] == "Germany" and ada["email"] == "a@x.test"
    assert ada["declaration"] == "Düsseldorf Declaration"
    filtered = client.get("/admin/snippets/summits/signature/?export=csv&kind=acknowledge")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(filtered.streaming_content).decode("utf-8-sig")))
    )
    assert [row["city"] for row in rows] == ["Lyon"]
    confirmed = client.get(
        f"/admin/snippets/summits/signature/?export=csv&confirmed=true&declaration={key}"
    )
    rows = list(
        csv.DictReader(io.StringIO(b"".join(confirmed.streaming_content).decode("utf-8-sig")))
    )
    assert len(rows) == 2
    # An export imports again into another declaration.
    xlsx = client.get("/admin/snippets/summits/signature/?export=xlsx")
    assert xlsx.status_code == 200


# Uploads: documents and images by their content --------------------------------------------


def zip_bytes(entries):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return output.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("decision.pdf", pdf_bytes(), "pdf"),
        ("decision.docx", zip_bytes({"[Content_Types].xml": "<Types/>", "word/x": "x"}), "ooxml"),
        ("decision.xlsx", zip_bytes({"[Content_Types].xml": "<Types/>"}), "ooxml"),
        (
            "decision.odt",
            zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "c.xml": "x"}),
            "opendocument",
        ),
        ("decision.doc", OLE, "ole"),
        ("decision", pdf_bytes(), "pdf"),
    ],
)
def test_documents_accepted_by_content(name, content, kind):
    from core.uploads import validate_document

    assert validate_document(SimpleUploadedFile(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("decision.pdf", image_bytes("PNG"), "not_document"),
        ("decision.pdf", b"", "empty"),
        ("decision.docx", zip_bytes({"readme.txt": "hello"}), "not_document"),
        ("decision.odt", zip_bytes({"mimetype": "application/zip"}), "not_document"),
        ("decision.docx", b"PK\x03\x04broken", "damaged"),
        ("decision.docx", pdf_bytes(), "extension"),
        ("decision.exe", b"MZ\x90\x00", "not_document"),
        ("decision.html", b"<html><script>alert(1)</script>", "not_document"),
    ],
)
def test_documents_refused_with_a_clear_message(name, content, code):
    from django.core.exceptions import ValidationError

    from core.uploads import validate_document

    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile(name, content))
    assert error.value.code == code
    assert str(error.value.messages[0])


def test_documents_over_20_mb_are_refused():
    from django.core.exceptions import ValidationError

    from core.uploads import validate_document

    big = SimpleUploadedFile("decision.pdf", pdf_bytes() + b"0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        validate_document(big)
    assert error.value.code == "too_large"
    assert "20 MB" in error.value.messages[0]


@pytest.mark.parametrize(
    ("name", "image_format"), [("a.jpg", "JPEG"), ("a.png", "PNG"), ("a.webp", "WEBP")]
)
def test_images_accepted(name, image_format):
    from core.uploads import validate_image

    upload = SimpleUploadedFile(name, image_bytes(image_format))
    assert validate_image(upload) == image_format
    assert upload.tell() == 0


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("a.gif", image_bytes("GIF", mode="P"), "gif"),
        ("a.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "svg"),
        ("a.png", b"<svg onload=alert(1)>", "svg"),
        ("a.bmp", image_bytes("BMP"), "format"),
        ("a.png", b"not an image at all", "not_image"),
        ("a.png", image_bytes("PNG", size=(64, 64))[:60], "damaged"),
        ("a.png", b"", "empty"),
        ("a.jpg", image_bytes("PNG"), "extension"),
        ("a.png", image_bytes("PNG", size=(8000, 6000), mode="1"), "too_many_pixels"),
    ],
)
def test_images_refused_with_a_clear_message(name, content, code):
    from django.core.exceptions import ValidationError

    from core.uploads import validate_image

    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile(name, content))
    assert error.value.code == code
    assert str(error.value.messages[0])


def test_images_over_10_mb_are_refused():
    from django.core.exceptions import ValidationError

    from core.uploads import validate_image

    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile("a.png", b"\x89PNG" + b"0" * (10 * 1024 * 1024 + 1)))
    assert error.value.code == "too_large"


def test_editors_edit_a_signature_and_hide_it(client, world, editor):
    signature = Signature.objects.create(
        declaration_key=world["declaration"].translation_key,
        name="Ada Mayor",
        kind="commit",
        country="DE",
        confirmed_at=timezone.now(),
    )
    url = f"/admin/snippets/summits/signature/edit/{signature.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="hidden"' in response.content.decode()
    assert world["declaration"].signatories()["total"] == 1
    data = {
        "declaration_key": str(signature.declaration_key),
        "kind": "commit",
        "name": "Ada Mayor",
        "title": "",
        "city": "",
        "city_name": "",
        "country": "DE",
        "email": "",
        "source": "online",
        "signed_on": "",
        "confirmed_at": signature.confirmed_at.strftime("%Y-%m-%d %H:%M"),
        "hidden": "on",
        "upgraded_at": "",
        "council_decision": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    signature.refresh_from_db()
    assert signature.hidden
    assert world["declaration"].signatories()["total"] == 0
