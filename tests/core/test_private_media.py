"""Private files stay private: a city's work and a Capital application's documents.

The world is made the way people make it: a city submits an initiative with a
picture and a document (in moderation), changes its profile picture (in review),
applies to be Capital with a supporting document; another initiative was
published then unpublished; a third is published. Three outsiders (an anonymous
visitor, another city's member, a juror who declared a conflict with the
application) probe every private file every way there is: Wagtail's document
serve view, the API's detail and listing, and the file's address under /media/
guessed from the uploaded name (this module serves /media/ straight from the
storage, as a web server over MEDIA_ROOT or a public bucket would). Each probe
must give 404 (or no listing). The owners, the editors and a juror without
conflict still get them; the published initiative's media are listed and served.
"""

import datetime
import io
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import FileResponse, Http404
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from capitals.cycle import JURY_GROUP, ensure_jury_group
from capitals.models import CapitalApplication, CapitalCall, CapitalCriterion, JurorDeclaration
from cities.models import CityPage
from initiatives.models import InitiativeKind, InitiativePage
from observatory.urls import urlpatterns as site_urlpatterns
from tests.cities.portal import (
    PASSWORD,
    city_directory_everywhere,
    city_everywhere,
    member,
    moderator,
    themes_everywhere,
)
from tests.shared import fresh


def serve_media(request, name):
    """/media/<name> straight from the storage: what a web server over MEDIA_ROOT does."""
    if not default_storage.exists(name):
        raise Http404
    return FileResponse(default_storage.open(name, "rb"))


urlpatterns = [path("media/<path:name>", serve_media), *site_urlpatterns]

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.usefixtures("media_world"),
]


@pytest.fixture(scope="module", autouse=True)
def media_urls():
    """The site's URLs and /media/, for the whole module: ``pytest.mark.urls`` would build
    the URL resolver again for every test (a third of the module's time)."""
    with override_settings(ROOT_URLCONF=__name__):
        yield


TOKEN = re.compile(r"[0-9a-f]{32}")
VISITORS = ("anonymous", "other_city", "conflicted_juror")
PRIVATE_IMAGES = ("initiative_image", "profile_image", "withdrawn_image")
PRIVATE_DOCUMENTS = ("initiative_document", "application_document", "withdrawn_document")
IMAGE_PROBES = ("api_detail", "api_listing", "api_search", "guessed_original", "guessed_rendition")
DOCUMENT_PROBES = ("serve_view", "api_detail", "api_listing", "api_search", "guessed_file")


def png(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 80, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name):
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + name.encode()
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def initiative_form(themes, title, image_name, document_name, action="submit"):
    return {
        "title": title,
        "kind": InitiativeKind.PUBLIC_ACTIVITY,
        "themes": [themes["en"].pk],
        "start_date": "2024-03-01",
        "end_date": "",
        "summary": "Neighbours meet.",
        "body": "One.",
        "outcomes": "",
        "partners": "",
        "contact_name": "Anna",
        "contact_email": "anna@duesseldorf.test",
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "6",
        "images-0-file": png(image_name),
        "images-0-alt_text": f"Picture of {title}",
        "images-0-caption": "",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "5",
        "documents-0-file": pdf(document_name),
        "documents-0-title": f"Report of {title}",
        action: "1",
    }


def approve(page, user):
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, "approve")


def initiative_media(title):
    page = InitiativePage.objects.get(title=title)
    draft = page.get_latest_revision_as_object()
    return page, draft.images[0].value["image"], draft.documents[0].value


def build_cities(home_page, locales):
    index = city_directory_everywhere(home_page, locales)
    duesseldorf = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
    montreal = city_everywhere(index, locales, "montreal", "Montréal")
    return duesseldorf, montreal


def build_media_world(locales, duesseldorf, montreal):
    themes = themes_everywhere(locales)
    users = {
        "staff": member(duesseldorf, "staff@duesseldorf.test"),
        "other_city": member(montreal, "staff@montreal.test"),
        "moderator": moderator(),
        "superuser": get_user_model().objects.create_superuser(
            "root", "root@observatory.test", PASSWORD
        ),
    }
    jury = ensure_jury_group()
    for name in ("conflicted_juror", "clear_juror"):
        users[name] = get_user_model().objects.create_user(name, f"{name}@jury.test", PASSWORD)
        users[name].groups.add(jury)

    city = Client()
    city.force_login(users["staff"])
    # Published: the city's initiative, approved by the moderator.
    city.post("/en/my-city/initiatives/new/", initiative_form(themes, "Gardens", "g.png", "g.pdf"))
    live, live_image, live_document = initiative_media("Gardens")
    approve(live, users["moderator"])
    # Published, then unpublished: its media are private again.
    city.post("/en/my-city/initiatives/new/", initiative_form(themes, "Market", "m.png", "m.pdf"))
    withdrawn, withdrawn_image, withdrawn_document = initiative_media("Market")
    approve(withdrawn, users["moderator"])
    InitiativePage.objects.get(pk=withdrawn.pk).unpublish()
    # In moderation.
    city.post(
        "/en/my-city/initiatives/new/",
        initiative_form(themes, "Choir", "photo.png", "budget.pdf"),
    )
    _page, initiative_image, initiative_document = initiative_media("Choir")
    # A profile change in review, with a new picture.
    city.post(
        "/en/my-city/profile/",
        {"mayor": "Mayor", "website": "", "description": "A city.",
         "image": png("townhall.png"), "image_alt": "The town hall"},
    )  # fmt: skip
    profile_image = CityPage.objects.get(pk=duesseldorf.pk).get_latest_revision_as_object().image
    # A Capital application with its supporting document.
    call = CapitalCall.objects.create(
        year=2028, deadline=timezone.now() + datetime.timedelta(days=30)
    )
    CapitalCriterion.objects.create(call=call, name="Ambition", max_points=10, sort_order=0)
    city.post(
        "/en/my-city/capital/2028/",
        {"motivation": "Because.", "planned_activities": "A festival.",
         "documents-TOTAL_FORMS": "1", "documents-INITIAL_FORMS": "0",
         "documents-MIN_NUM_FORMS": "0", "documents-MAX_NUM_FORMS": "5",
         "documents-0-file": pdf("finances.pdf"), "documents-0-title": "Finances",
         "submit": "1"},
    )  # fmt: skip
    application = CapitalApplication.objects.get(call=call)
    JurorDeclaration.objects.create(
        application=application, juror=users["conflicted_juror"], has_conflict=True
    )
    JurorDeclaration.objects.create(
        application=application, juror=users["clear_juror"], has_conflict=False
    )
    files = {
        "initiative_image": initiative_image,
        "initiative_document": initiative_document,
        "profile_image": profile_image,
        "application_document": application.documents.get(),
        "withdrawn_image": withdrawn_image,
        "withdrawn_document": withdrawn_document,
        "live_image": live_image,
        "live_document": live_document,
    }
    for media in files.values():
        media.refresh_from_db()  # moved since: published, unpublished
    return {
        "users": users,
        "files": files,
        "live_page": live.pk,
        "uploaded_as": {
            "initiative_image": "photo.png",
            "profile_image": "townhall.png",
            "withdrawn_image": "m.png",
            "initiative_document": "budget.pdf",
            "application_document": "finances.pdf",
            "withdrawn_document": "m.pdf",
        },
    }


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    """Files on a disk, as in production (Wagtail serves documents from their path there)."""
    from django.conf import settings
    from django.test import override_settings

    root = tmp_path_factory.mktemp("media")
    disk = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "default": disk}, MEDIA_ROOT=root):
        yield root


@pytest.fixture(scope="module")
def media_world(module_home, media_root):
    with module_home.build():
        cities = build_cities(module_home.home, module_home.locales)
    with module_home.build():
        return build_media_world(module_home.locales, *cities)


@pytest.fixture
def world(media_world, db):
    return fresh(media_world)


def client_of(world, who):
    client = Client()
    if who != "anonymous":
        client.force_login(world["users"][who])
    return client


def listed(client, endpoint, pk, search=None):
    query = f"&search={search}" if search else ""
    response = client.get(f"/api/v2/{endpoint}/?limit=20{query}")
    assert response.status_code == 200
    return pk in [item["id"] for item in response.json()["items"]]


def guessed_rendition(image, uploaded_as):
    """Where a rendition of the image would be if its file had the uploaded name."""
    rendition = image.get_rendition("fill-240x160")  # as My city shows it to its owner
    real = rendition.file.name
    guess = re.sub(r"[0-9a-f]{32}_", "", real)
    return real, guess


def final_status(client, url):
    """The status at the end of the redirects (Django's LocaleMiddleware sends a 404 outside
    the language prefixes to /en/..., where it is a 404 again, as for an id that never was)."""
    response = client.get(url, follow=True)
    return response.status_code


def probe(client, world, name, way):
    """The status the probe gets (404 when nothing is there for this caller)."""
    media = world["files"][name]
    uploaded_as = world["uploaded_as"].get(name)
    endpoint = "images" if name.endswith("image") else "documents"
    if way == "serve_view":
        return final_status(client, media.url)
    if way == "api_detail":
        return final_status(client, f"/api/v2/{endpoint}/{media.pk}/")
    if way == "api_listing":
        return 200 if listed(client, endpoint, media.pk) else 404
    if way == "api_search":
        return 200 if listed(client, endpoint, media.pk, search=media.title.split()[-1]) else 404
    if way == "guessed_original":
        return final_status(client, f"/media/original_images/{uploaded_as}")
    if way == "guessed_rendition":
        _real, guess = guessed_rendition(media, uploaded_as)
        return final_status(client, f"/media/{guess}")
    if way == "guessed_file":
        return final_status(client, f"/media/documents/{uploaded_as}")
    raise AssertionError(way)


PROBES = [
    (visitor, name, way)
    for visitor in VISITORS
    for name, ways in [(n, IMAGE_PROBES) for n in PRIVATE_IMAGES]
    + [(n, DOCUMENT_PROBES) for n in PRIVATE_DOCUMENTS]
    for way in ways
]


@pytest.mark.parametrize(("visitor", "name", "way"), PROBES)
def test_outsiders_get_404_for_every_private_file(world, visitor, name, way):
    assert probe(client_of(world, visitor), world, name, way) == 404


@pytest.mark.parametrize(
    ("who", "names"),
    [
        ("staff", ["initiative_document", "application_document", "withdrawn_document"]),
        ("moderator", ["initiative_document", "application_document", "withdrawn_document"]),
        ("superuser", ["initiative_document", "application_document"]),
        ("clear_juror", ["application_document"]),
    ],
)
def test_owners_editors_and_jurors_without_conflict_get_the_documents(world, who, names):
    client = client_of(world, who)
    for name in names:
        response = client.get(world["files"][name].url)
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        # For this person only: no proxy, CDN or page cache keeps it for the next one.
        assert "private" in response["Cache-Control"], name


def test_a_juror_without_declaration_or_other_city_does_not_get_the_application(world):
    undeclared = get_user_model().objects.create_user("new-juror", "n@jury.test", PASSWORD)
    undeclared.groups.add(Group.objects.get(name=JURY_GROUP))
    client = Client()
    client.force_login(undeclared)
    assert final_status(client, world["files"]["application_document"].url) == 404
    # The juror with a conflict cannot read the application's page either.
    client.force_login(world["users"]["conflicted_juror"])
    application = CapitalApplication.objects.get()
    page = client.get(f"/admin/capital-jury/{application.pk}/").content.decode()
    assert "Finances" not in page


def test_the_real_file_names_cannot_be_guessed(world):
    for name in (*PRIVATE_IMAGES, *PRIVATE_DOCUMENTS):
        media = world["files"][name]
        assert TOKEN.search(media.file.name), media.file.name
        assert world["uploaded_as"][name] in media.file.name
    real, guess = guessed_rendition(world["files"]["initiative_image"], "photo.png")
    assert TOKEN.search(real) and real != guess


def test_private_files_are_in_private_collections(world):
    for name in (*PRIVATE_IMAGES, *PRIVATE_DOCUMENTS):
        collection = world["files"][name].collection
        assert collection.get_view_restrictions().exists(), name
    assert world["files"]["application_document"].collection.name == "Düsseldorf 2028"


def test_a_published_initiatives_media_are_listed_and_served(world):
    client = Client()
    image, document = world["files"]["live_image"], world["files"]["live_document"]
    assert not image.collection.get_view_restrictions().exists()
    assert listed(client, "images", image.pk) and listed(client, "documents", document.pk)
    assert listed(client, "images", image.pk, search="Gardens")
    assert listed(client, "documents", document.pk, search="Gardens")
    detail = client.get(f"/api/v2/images/{image.pk}/").json()
    assert client.get(detail["meta"]["download_url"]).status_code == 200
    rendition, _guess = guessed_rendition(image, "g.png")
    assert client.get(f"/media/{rendition}").status_code == 200
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 200
    response = client.get(document.url)
    assert response.status_code == 200 and "private" not in response.get("Cache-Control", "")


def test_unpublishing_withdraws_media_that_no_live_page_uses(world):
    InitiativePage.objects.get(pk=world["live_page"]).unpublish()
    client = Client()
    image, document = world["files"]["live_image"], world["files"]["live_document"]
    assert not listed(client, "images", image.pk)
    assert final_status(client, get_document_model().objects.get(pk=document.pk).url) == 404
    assert get_image_model().objects.get(pk=image.pk).collection.get_view_restrictions().exists()


def test_documents_carry_a_real_etag(world):
    client = Client()
    document = world["files"]["live_document"]
    response = client.get(document.url)
    assert response["ETag"] == f'"{document.file_hash}"' and document.file_hash
    assert client.get(document.url, headers={"if-none-match": '""'}).status_code == 200
    assert client.get(document.url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_a_document_without_a_stored_hash_gets_one(world):
    client = Client()
    Document = get_document_model()
    Document.objects.filter(pk=world["files"]["live_document"].pk).update(file_hash="")
    document = Document.objects.get(pk=world["files"]["live_document"].pk)
    response = client.get(document.url)
    assert response["ETag"] not in ("", '""')
    assert client.get(document.url, headers={"if-none-match": '""'}).status_code == 200
    document.refresh_from_db()
    assert response["ETag"] == f'"{document.file_hash}"'


def test_files_from_before_are_made_private_and_renamed(world):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from cities.models import CityTeam

    team = CityTeam.objects.get(group__user=world["users"]["staff"])
    Document = get_document_model()
    old = Document(title="Old council decision", collection=team.collection)
    old.file.save("decision.pdf", ContentFile(b"%PDF-1.4 old"), save=False)
    old.save()
    assert old.file.name == "documents/decision.pdf"
    assert Client().get(old.url).status_code == 200  # public, before the command
    shown = world["files"]["live_document"]
    call_command("secure_private_media", stdout=io.StringIO())
    old.refresh_from_db()
    assert old.collection.get_view_restrictions().exists()
    assert TOKEN.search(old.file.name) and not default_storage.exists("documents/decision.pdf")
    assert final_status(Client(), old.url) == 404
    assert final_status(Client(), "/media/documents/decision.pdf") == 404
    client = Client()
    client.force_login(world["users"]["staff"])
    assert client.get(old.url).status_code == 200
    # What a live page shows stays public.
    assert Client().get(Document.objects.get(pk=shown.pk).url).status_code == 200
