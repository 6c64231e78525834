"""A city submits initiatives on the site: drafts, moderation, emails, isolation, uploads."""

import io

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from wagtail.models import WorkflowState

import pytest
from PIL import Image as PILImage

from core.uploads import DOCUMENT_MESSAGES, IMAGE_MESSAGES
from initiatives.models import InitiativeKind, InitiativePage
from initiatives.submission import State, initiative_state
from tests.cities.portal import (
    city_directory_everywhere,
    city_everywhere,
    member,
    moderator,
    themes_everywhere,
)
from tests.shared import fresh

# The portal below is built once for the module (tests/shared.py), before its first test.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.usefixtures("submission_portal"),
]

PASSWORD = "a-long-city-password-2026"


def in_french(message):
    """A message as the French form shows it (escaped like the template does)."""
    from django.utils.html import escape

    with translation.override("fr"):
        return escape(str(translation.gettext(message) if isinstance(message, str) else message))


@pytest.fixture(scope="module")
def submission_portal(module_home):
    """Two member cities with their teams, themes and a moderator: built once."""
    home_page, locales = module_home.home, module_home.locales
    with module_home.build():
        index = city_directory_everywhere(home_page, locales)
        duesseldorf = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
        montreal = city_everywhere(index, locales, "montreal", "Montréal")
    with module_home.build(on_commit=False):
        return {
            "locales": locales,
            "duesseldorf": duesseldorf,
            "montreal": montreal,
            "themes": themes_everywhere(locales),
            "moderator": moderator(language="de"),
            "staff": member(duesseldorf, "staff@duesseldorf.test"),
            "other": member(montreal, "staff@montreal.test"),
        }


@pytest.fixture
def portal(submission_portal, db):
    return fresh(submission_portal)


@pytest.fixture
def city_client(client, portal):
    client.login(username="staff@duesseldorf.test", password=PASSWORD)
    return client


def png(width=40, height=30, name="photo.png", fmt="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 80, 40)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def pdf(name="report.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


def form_data(portal, language="fr", action="submit", **overrides):
    data = {
        "title": "Jardins partagés dans chaque quartier",
        "kind": InitiativeKind.PUBLIC_ACTIVITY,
        "themes": [portal["themes"][language].pk],
        "start_date": "2024-03-01",
        "end_date": "",
        "summary": "Des jardins où les voisins se rencontrent.",
        "body": "Premier paragraphe.\n\nDeuxième paragraphe.",
        "outcomes": "Vingt jardins.",
        "partners": "Association A\nAssociation B",
        "contact_name": "Anna",
        "contact_email": "anna@duesseldorf.test",
        "images-TOTAL_FORMS": "2",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "6",
        "documents-TOTAL_FORMS": "2",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "5",
        action: "1",
    }
    data.update(overrides)
    return data


def submit(client, portal, url="/fr/my-city/initiatives/new/", **kwargs):
    return client.post(url, form_data(portal, **kwargs))


def test_city_submits_in_french_a_draft_under_its_french_page_in_moderation(
    city_client, portal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(
            city_client,
            portal,
            **{
                "images-0-file": png(),
                "images-0-alt_text": "Un jardin",
                "documents-0-file": pdf(),
                "documents-0-title": "Bilan",
            },  # fmt: skip
        )
    assert response.status_code == 302 and response["Location"] == "/fr/my-city/"
    page = InitiativePage.objects.get(slug="jardins-partages-dans-chaque-quartier")
    french_city = portal["duesseldorf"].get_translation(portal["locales"]["fr"])
    assert page.get_parent().pk == french_city.pk
    assert page.locale.language_code == "fr"
    assert not page.live and page.workflow_in_progress
    draft = page.get_latest_revision_as_object()
    assert draft.images[0].value["alt_text"] == "Un jardin"
    # In the city's private collection until published (tests/core/test_private_media.py).
    collection = draft.images[0].value["image"].collection
    assert (collection.get_parent().name, collection.name) == ("Düsseldorf", "Private work")
    assert draft.documents[0].value.title == "Bilan"
    assert [t.slug for t in draft.themes.all()] == ["urbanism"]
    assert draft.body[0].value.source == "<p>Premier paragraphe.</p><p>Deuxième paragraphe.</p>"
    # The editor is told, in the admin language of their profile (German here).
    assert [m.to for m in mail.outbox] == [["moderator@observatory.test"]]
    assert mail.outbox[0].extra_headers["Content-Language"] == "de"
    assert "Jardins partagés dans chaque quartier" in mail.outbox[0].subject
    assert f"/admin/pages/{page.pk}/edit/" in mail.outbox[0].body
    listing = city_client.get("/fr/my-city/").content.decode()
    assert "Jardins partagés dans chaque quartier" in listing
    assert "status--in_moderation" in listing
    # Under review, the city cannot change it.
    assert city_client.get(f"/fr/my-city/initiatives/{page.pk}/edit/").status_code == 302


def test_draft_saved_and_taken_up_again_stays_out_of_moderation(city_client, portal):
    response = submit(city_client, portal, action="save", title="Brouillon")
    page = InitiativePage.objects.get(title="Brouillon")
    assert response.status_code == 302
    assert response["Location"] == f"/fr/my-city/initiatives/{page.pk}/edit/"
    assert initiative_state(page) == (State.DRAFT, "")
    form = city_client.get(response["Location"]).content.decode()
    assert 'value="Brouillon"' in form and "Premier paragraphe." in form
    submit(city_client, portal, url=response["Location"], action="save", title="Brouillon 2")
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().title == "Brouillon 2"
    assert not page.workflow_in_progress and not page.live
    assert "status--draft" in city_client.get("/fr/my-city/").content.decode()


def approve_or_reject(page, user, action, comment=""):
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)


def test_approval_publishes_and_tells_the_city_in_its_language(
    city_client, portal, django_capture_on_commit_callbacks
):
    submit(city_client, portal)
    page = InitiativePage.objects.get(slug="jardins-partages-dans-chaque-quartier")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve_or_reject(page, portal["moderator"], "approve")
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress
    assert [m.to for m in mail.outbox] == [["staff@duesseldorf.test"]]
    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "fr"
    assert (
        "http://testserver/fr/cities/duesseldorf/jardins-partages-dans-chaque-quartier/"
        in message.body
    )
    public = city_client.get("/fr/cities/duesseldorf/jardins-partages-dans-chaque-quartier/")
    assert public.status_code == 200
    assert "status--live" in city_client.get("/fr/my-city/").content.decode()


def test_rejection_sends_the_comment_and_the_city_can_fix_and_resubmit(
    city_client, portal, django_capture_on_commit_callbacks
):
    submit(city_client, portal)
    page = InitiativePage.objects.get(slug="jardins-partages-dans-chaque-quartier")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve_or_reject(page, portal["moderator"], "reject", comment="Ajoutez les dates.")
    page.refresh_from_db()
    assert initiative_state(page) == (State.REJECTED, "Ajoutez les dates.")
    assert [m.to for m in mail.outbox] == [["staff@duesseldorf.test"]]
    assert "Ajoutez les dates." in mail.outbox[0].body
    listing = city_client.get("/fr/my-city/").content.decode()
    assert "status--rejected" in listing and "Ajoutez les dates." in listing
    edit = city_client.get(f"/fr/my-city/initiatives/{page.pk}/edit/")
    assert edit.status_code == 200 and "Ajoutez les dates." in edit.content.decode()
    submit(
        city_client, portal, url=f"/fr/my-city/initiatives/{page.pk}/edit/", end_date="2025-01-01"
    )
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_admin_approval_through_wagtails_own_view(client, city_client, portal):
    submit(city_client, portal)
    page = InitiativePage.objects.get(slug="jardins-partages-dans-chaque-quartier")
    task_state = page.current_workflow_task_state
    client.force_login(portal["moderator"])
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/")
    page.refresh_from_db()
    assert page.live


# Isolation: another city's staff, through the form, the admin and guessed ids.


@pytest.fixture
def submitted(city_client, portal):
    submit(city_client, portal, action="save", title="Secret draft")
    city_client.logout()
    return InitiativePage.objects.get(title="Secret draft")


def test_another_city_never_sees_or_edits_a_draft(client, portal, submitted):
    client.login(username="staff@montreal.test", password=PASSWORD)
    assert "Secret draft" not in client.get("/fr/my-city/").content.decode()
    for language in ("fr", "en"):
        url = f"/{language}/my-city/initiatives/{submitted.pk}/edit/"
        assert client.get(url).status_code == 404
        assert client.post(url, form_data(portal, title="Hijacked")).status_code == 404
    submitted.refresh_from_db()
    assert submitted.get_latest_revision_as_object().title == "Secret draft"
    assert not submitted.workflow_in_progress
    # Nor publicly, nor in the admin.
    assert client.get("/fr/cities/duesseldorf/secret-draft/").status_code == 404
    admin = client.get(f"/admin/pages/{submitted.pk}/edit/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
    assert not submitted.permissions_for_user(portal["other"]).can_edit()


def test_new_initiatives_always_go_under_the_users_own_city(client, portal):
    client.login(username="staff@montreal.test", password=PASSWORD)
    # A forged parent or city field is ignored: there is none to forge.
    client.post(
        "/fr/my-city/initiatives/new/",
        form_data(portal, parent=portal["duesseldorf"].pk, city=portal["duesseldorf"].pk),
    )
    page = InitiativePage.objects.get(slug="jardins-partages-dans-chaque-quartier")
    assert page.get_parent().specific.translation_key == portal["montreal"].translation_key


def test_city_user_cannot_publish_without_moderation(city_client, portal, submitted):
    city_client.login(username="staff@duesseldorf.test", password=PASSWORD)
    perms = submitted.permissions_for_user(portal["staff"])
    assert perms.can_edit() and not perms.can_publish()
    # A "publish" button pressed by hand still only saves a draft.
    response = submit(
        city_client, portal, url=f"/fr/my-city/initiatives/{submitted.pk}/edit/", action="publish"
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert not submitted.live
    # And Wagtail's own publish action refuses the account.
    admin = city_client.post(f"/admin/pages/{submitted.pk}/edit/", {"action-publish": "1"})
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
    submitted.refresh_from_db()
    assert not submitted.live


def test_anonymous_is_sent_to_sign_in(client, portal, submitted):
    response = client.get(f"/fr/my-city/initiatives/{submitted.pk}/edit/")
    assert response.status_code == 302 and "/fr/accounts/login/" in response["Location"]


# Uploads


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile(
                "drawing.png",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                content_type="image/png",
            ),
            IMAGE_MESSAGES["svg"],
        ),
        (
            SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg"),
            IMAGE_MESSAGES["not_image"],
        ),
        (png(fmt="GIF", name="anim.gif"), IMAGE_MESSAGES["gif"]),
    ],
)
def test_bad_images_are_refused_clearly_and_the_text_is_kept(city_client, portal, upload, message):
    response = submit(
        city_client, portal, **{"images-0-file": upload, "images-0-alt_text": "Un dessin"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert in_french(message) in html
    assert "Jardins partagés dans chaque quartier" in html and "Premier paragraphe." in html
    assert "Un dessin" in html
    assert not InitiativePage.objects.filter(slug="jardins-partages-dans-chaque-quartier").exists()


@override_settings(LANGUAGE_CODE="fr")
def test_bad_image_error_is_in_the_users_language(city_client, portal):
    response = city_client.post(
        "/de/my-city/initiatives/new/",
        form_data(
            portal,
            language="de",
            **{
                "images-0-file": SimpleUploadedFile("x.png", b"<svg/>"),
                "images-0-alt_text": "Zeichnung",
            },
        ),  # fmt: skip
    )
    assert response.status_code == 400
    assert 'lang="de"' in response.content.decode()


def test_huge_images_are_refused(city_client, portal, monkeypatch):
    import core.uploads as uploads

    monkeypatch.setattr(uploads, "IMAGE_MAX_PIXELS", 1000)
    response = submit(
        city_client, portal, **{"images-0-file": png(50, 50), "images-0-alt_text": "Grand"}
    )
    assert response.status_code == 400
    assert "mégapixel" in response.content.decode()  # 0 megapixels here: singular in French


def test_an_image_needs_its_alt_text(city_client, portal):
    response = submit(city_client, portal, **{"images-0-file": png()})
    assert response.status_code == 400
    assert (
        in_french("Describe the image for people who cannot see it.") in response.content.decode()
    )


def test_documents_are_checked_by_content(city_client, portal):
    response = submit(
        city_client,
        portal,
        **{
            "documents-0-file": SimpleUploadedFile("tool.pdf", b"MZ\x90\x00 a program"),
            "documents-0-title": "Outil",
        },  # fmt: skip
    )
    assert response.status_code == 400
    assert in_french(DOCUMENT_MESSAGES["not_document"]) in response.content.decode()
    assert "Outil" in response.content.decode()


def test_odd_input_never_fails(city_client, portal):
    for overrides in (
        {"title": "x" * 10000},
        {"title": "nul\x00byte"},
        {"start_date": "31/31/2024"},
        {"themes": ["999999", "abc"]},
        {"kind": "bogus"},
        {"images-TOTAL_FORMS": "x"},
        {"images-TOTAL_FORMS": "100000"},
        {"end_date": "2000-01-01"},
    ):
        response = submit(city_client, portal, **overrides)
        assert response.status_code in (200, 400), overrides
    assert not InitiativePage.objects.filter(slug__startswith="jardins").exists()


def test_editors_translate_a_submission_with_machine_translation_first(
    city_client, portal, client, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    submit(city_client, portal)
    page = InitiativePage.objects.get(slug="jardins-partages-dans-chaque-quartier")
    approve_or_reject(page, portal["moderator"], "approve")
    page.refresh_from_db()
    editor = get_user_model().objects.create_superuser("editor", "editor@observatory.test", "pw")
    client.force_login(editor)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=portal["locales"]["en"], enabled=True
    )
    # Editors start the English translation (wagtail-localize's "Translate" action)…
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=editor, publish=False)
    english = page.get_translation(portal["locales"]["en"])
    assert english.get_parent().pk == portal["duesseldorf"].pk
    # …then fill it by machine translation, which a person checks before publishing.
    dummy = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=dummy):
        response = client.post(f"/admin/localize/translate/{translation.pk}/machine_translate/")
    assert response.status_code == 302
    machine = StringTranslation.objects.filter(
        locale=portal["locales"]["en"], translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    # The dummy translator reverses the words of each segment.
    assert machine.filter(data="quartier chaque dans partagés Jardins").exists()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=editor, publish=False)
    english = page.get_translation(portal["locales"]["en"])
    assert english.get_latest_revision_as_object().title == "quartier chaque dans partagés Jardins"
    assert not english.live


def test_admin_offers_themes_in_the_pages_language_only(client, portal, submitted):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser("editor", "editor@observatory.test", "pw")
    client.force_login(editor)
    html = client.get(f"/admin/pages/{submitted.pk}/edit/").content.decode()
    assert "Inclusive urbanism [fr]" in html
    assert "Inclusive urbanism [en]" not in html and "Inclusive urbanism [ar]" not in html
