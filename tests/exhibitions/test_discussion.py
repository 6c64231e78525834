"""Residents discuss a panel: contribute, confirm, moderation, edit and delete, support, report,
a city's answer; and what never appears in public (page, API, feed, CSV, search)."""

import csv
import io
import re

from django.core import mail
from django.urls import reverse

import pytest

from exhibitions.models import Contribution, ContributionReport, Support
from exhibitions.moderation import approve, reject
from exhibitions.tokens import confirm_token, manage_token
from search.queries import search_site
from tests.cities.portal import PASSWORD
from tests.exhibitions.world import contribution_data, report_data, url_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("exhibition_world")]

LANGUAGES = ["en", "fr", "de", "es", "ar"]


def contribute(client, world, capture, code="de", panel="mobility", **overrides):
    with capture(execute=True):
        return client.post(
            url_in(world, panel, code) + "contribute/", contribution_data(**overrides)
        )


def link(message, route):
    return re.search(rf"https?://\S+/{route}/\S+/", message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def public_surfaces(client, world, locale_code="en"):
    """Everything the public can read about the discussion, as one text per surface."""
    surfaces = {}
    for code in LANGUAGES:
        surfaces[f"page-{code}"] = client.get(url_in(world, "mobility", code)).content.decode()
    api = client.get("/api/v2/pages/", {"type": "exhibitions.PanelPage", "fields": "contributions"})
    surfaces["api"] = api.content.decode()
    slug = world["summit"].slug
    surfaces["feed"] = client.get(
        f"/{locale_code}/open-data/exhibitions/{slug}/contributions.atom"
    ).content.decode()
    surfaces["csv"] = client.get(
        f"/{locale_code}/open-data/exhibitions/{slug}/contributions.csv"
    ).content.decode()
    return surfaces


def keys_found(world, words):
    """Translation keys of the pages the German site search finds for ``words``."""
    result = search_site(words, locale=world["locales"]["de"], record=False)
    return {item.page.translation_key for item in result.results}


def mobility_key(world):
    return world["mobility"].translation_key


def test_a_contribution_is_confirmed_by_email_in_the_residents_language(client, world, capture):
    response = contribute(client, world, capture, code="de")
    assert response.status_code == 302
    assert response["Location"].endswith("/contribute/thanks/")
    contribution = Contribution.objects.get()
    assert contribution.status == Contribution.Status.UNCONFIRMED
    assert contribution.language == "de"
    assert contribution.panel_key == world["mobility"].translation_key
    (message,) = mail.outbox
    assert message.to == ["jana@resident.test"]
    assert message.extra_headers["Content-Language"] == "de"
    assert "Bestätigen Sie Ihren Beitrag" in message.subject
    confirm_url, manage_url = link(message, "confirm"), link(message, "manage")
    response = client.get(path_of(confirm_url))
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PENDING
    assert contribution.confirmed_at is not None
    # Confirming twice changes nothing.
    assert client.get(path_of(confirm_url)).status_code == 200
    assert client.get(path_of(manage_url)).status_code == 200


def test_nothing_is_public_before_approval_then_everywhere(client, world, capture):
    contribute(client, world, capture, body="Kiezblocks für alle Viertel")
    contribution = Contribution.objects.get()
    words = "Kiezblocks"

    def everywhere():
        return {name: words in text for name, text in public_surfaces(client, world).items()}

    assert not any(everywhere().values())
    assert mobility_key(world) not in keys_found(world, words)
    # Approving an unconfirmed contribution does nothing.
    with capture(execute=True):
        assert approve([contribution]) == 0
    assert not any(everywhere().values())
    client.get(path_of(link(mail.outbox[0], "confirm")))
    assert not any(everywhere().values())
    with capture(execute=True):
        assert approve(Contribution.objects.all()) == 1
    shown = everywhere()
    assert all(shown.values()), shown
    assert mobility_key(world) in keys_found(world, words)
    # The email never is.
    assert not any("jana@resident.test" in text for text in public_surfaces(client, world).values())
    # Rejected afterwards: gone from every surface and from the search.
    with capture(execute=True):
        reject(Contribution.objects.all())
    assert not any(everywhere().values())
    assert mobility_key(world) not in keys_found(world, words)


def test_the_csv_has_the_approved_contributions_and_no_email(client, world, capture):
    contribute(client, world, capture, body="=HYPERLINK(evil)", email="a@resident.test")
    contribute(client, world, capture, body="Nicht bestätigt", email="b@resident.test")
    first = Contribution.objects.get(email="a@resident.test")
    client.get(path_of(confirm_url_of(first, world)))
    with capture(execute=True):
        approve(Contribution.objects.all())
    response = client.get(f"/en/open-data/exhibitions/{world['summit'].slug}/contributions.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0][:3] == ["id", "panel", "kind"]
    assert len(rows) == 2
    assert rows[1][4] == "'=HYPERLINK(evil)"  # safe for spreadsheets
    assert "resident.test" not in response.content.decode()


def confirm_url_of(contribution, world, code="de"):
    panel = world["mobility"].get_translation(world["locales"][code])
    return panel.url + panel.reverse_subpage(
        "confirm", kwargs={"token": confirm_token(contribution)}
    )


def manage_url_of(contribution, world, code="de"):
    panel = world["mobility"].get_translation(world["locales"][code])
    return panel.url + panel.reverse_subpage("manage", kwargs={"token": manage_token(contribution)})


def test_a_known_address_needs_no_new_confirmation_and_sees_the_same_answer(client, world, capture):
    first = contribute(client, world, capture)
    client.get(path_of(link(mail.outbox[0], "confirm")))
    second = contribute(client, world, capture, body="Noch eine Idee")
    assert first["Location"] == second["Location"]
    latest = Contribution.objects.get(body="Noch eine Idee")
    assert latest.status == Contribution.Status.PENDING
    assert "confirm/" not in mail.outbox[-1].body
    assert "/manage/" in mail.outbox[-1].body


def test_a_resident_cannot_open_anothers_contribution(client, world, capture):
    contribute(client, world, capture, email="a@resident.test")
    contribute(client, world, capture, email="b@resident.test", body="Der Text von B")
    mine = Contribution.objects.get(email="a@resident.test")
    theirs = Contribution.objects.get(email="b@resident.test")
    # The token names its own contribution only: changing the id inside breaks the signature.
    token = manage_token(mine)
    from exhibitions.tokens import _token

    forged = _token(theirs, "not-the-salt")
    for bad in (forged, token[:-4] + "AAAA", "nonsense"):
        response = client.post(url_in(world, "mobility") + f"manage/{bad}/", {"action": "delete"})
        assert response.status_code == 400
    assert Contribution.objects.filter(pk=theirs.pk).exists()
    # A confirmation link is not an edit link, and a panel's link does not open another panel.
    confirm = confirm_token(mine)
    assert client.get(url_in(world, "mobility") + f"manage/{confirm}/").status_code == 400
    assert client.get(url_in(world, "urbanism") + f"manage/{token}/").status_code == 400
    # The right link edits its own contribution, which goes back to moderation.
    client.get(confirm_url_of(mine, world))
    with capture(execute=True):
        approve([mine])
    mine.refresh_from_db()
    assert mine.status == Contribution.Status.APPROVED
    response = client.post(
        manage_url_of(mine, world), {"action": "edit", "body": "Geänderter Text"}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.body == "Geänderter Text"
    assert mine.status == Contribution.Status.PENDING
    assert "Geänderter Text" not in client.get(url_in(world, "mobility")).content.decode()
    # And deletes it; the link then no longer works.
    delete = client.post(manage_url_of(mine, world), {"action": "delete"})
    assert delete.status_code == 200
    assert not Contribution.objects.filter(pk=mine.pk).exists()
    assert client.get(manage_url_of(mine, world)).status_code == 400
    assert Contribution.objects.filter(pk=theirs.pk, body="Der Text von B").exists()


def test_an_expired_confirmation_link_says_so(client, world, capture, settings):
    contribute(client, world, capture)
    settings.OBSERVATORY_CONTRIBUTION_CONFIRM_MAX_AGE = -1
    response = client.get(path_of(link(mail.outbox[0], "confirm")))
    assert response.status_code == 400
    assert Contribution.objects.get().status == Contribution.Status.UNCONFIRMED


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"homepage": "http://spam.test"}, 400),
        ({"form_started": "tampered"}, 400),
        ({"email": "not-an-address"}, 400),
        ({"body": ""}, 400),
    ],
)
def test_the_public_form_protections_apply(client, world, capture, overrides, status):
    response = contribute(client, world, capture, **overrides)
    assert response.status_code == status
    assert not Contribution.objects.exists()
    assert not mail.outbox


def test_the_rate_limit_answers_429(client, world, capture):
    from exhibitions.forms import ContributionForm

    attempts, _window = ContributionForm.rate_limit
    for number in range(attempts):
        assert (
            contribute(client, world, capture, email=f"r{number}@resident.test").status_code == 302
        )
    assert contribute(client, world, capture, email="last@resident.test").status_code == 429


def test_the_csrf_token_is_required(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url_in(world, "mobility", "de") + "contribute/", contribution_data())
    assert response.status_code == 403


def approved(world, capture, **fields):
    panel = world["mobility"]
    values = {
        "panel": panel,
        "panel_key": panel.translation_key,
        "summit_key": world["summit"].translation_key,
        "kind": Contribution.Kind.PROPOSAL,
        "body": "Ein Vorschlag",
        "language": "de",
        "name": "Jana",
        "email": "jana@resident.test",
        "status": Contribution.Status.PENDING,
        **fields,
    }
    contribution = Contribution.objects.create(**values)
    with capture(execute=True):
        approve([contribution])
    contribution.refresh_from_db()
    return contribution


def test_supporting_a_proposal_counts_once_per_visitor(client, world, capture):
    proposal = approved(world, capture)
    url = url_in(world, "mobility", "fr") + f"support/{proposal.pk}/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert Support.objects.filter(contribution=proposal).count() == 1
    from django.test import Client

    assert Client().post(url).status_code == 302
    assert Support.objects.filter(contribution=proposal).count() == 2
    assert "2 soutiens" in client.get(url_in(world, "mobility", "fr")).content.decode()
    # Only public proposals: not a comment, not a pending proposal, not by GET.
    comment = approved(world, capture, kind=Contribution.Kind.COMMENT)
    pending = Contribution.objects.create(
        **{f: getattr(proposal, f) for f in ("panel", "panel_key", "summit_key", "language")},
        kind=Contribution.Kind.PROPOSAL,
        body="x",
        name="y",
        status=Contribution.Status.PENDING,
    )
    base = url_in(world, "mobility", "fr")
    assert client.post(base + f"support/{comment.pk}/").status_code == 404
    assert client.post(base + f"support/{pending.pk}/").status_code == 404
    assert client.get(url).status_code == 405


def test_a_resident_reports_a_contribution(client, world, capture):
    contribution = approved(world, capture)
    url = url_in(world, "mobility") + f"report/{contribution.pk}/"
    assert client.post(url, report_data()).status_code == 302
    assert client.post(url, report_data()).status_code == 302
    (report,) = ContributionReport.objects.all()
    assert report.reason == "Off topic"
    assert client.post(url, report_data(homepage="bot")).status_code == 302
    assert ContributionReport.objects.count() == 1


def test_a_city_answers_as_itself_and_never_as_another(client, world, capture):
    contribution = approved(world, capture)
    client.login(username="team@duesseldorf.test", password=PASSWORD)
    page = client.get(url_in(world, "mobility", "de")).content.decode()
    assert "Als Düsseldorf [de] antworten" in page
    response = client.post(
        url_in(world, "mobility", "de") + "answer/",
        {
            "parent": contribution.pk,
            "body": "Danke, wir prüfen das.",
            # Whatever the request says, the answer is the signed-in team's city.
            "city": str(world["montreal"].translation_key),
            "city_key": str(world["montreal"].translation_key),
        },
    )
    assert response.status_code == 302
    answer = Contribution.objects.get(kind=Contribution.Kind.ANSWER)
    assert answer.city_key == world["duesseldorf"].translation_key
    assert answer.answered_as_city and answer.parent == contribution
    assert answer.status == Contribution.Status.PENDING
    assert answer.email == ""
    with capture(execute=True):
        approve([answer])
    html = client.get(url_in(world, "mobility", "fr")).content.decode()
    assert 'class="city-badge"' in html and "Düsseldorf [fr]" in html
    # An answer to a contribution that is not public is refused.
    hidden = Contribution.objects.create(
        **{f: getattr(contribution, f) for f in ("panel", "panel_key", "summit_key", "language")},
        body="x",
        name="y",
        status=Contribution.Status.REJECTED,
    )
    response = client.post(
        url_in(world, "mobility", "de") + "answer/", {"parent": hidden.pk, "body": "Nein"}
    )
    assert response.status_code == 400


def test_only_city_accounts_answer(client, world, capture):
    response = client.post(url_in(world, "mobility") + "answer/", {"body": "Hello"})
    assert response.status_code == 404
    assert not Contribution.objects.exists()


def test_answers_under_a_rejected_contribution_never_show(client, world, capture):
    contribution = approved(world, capture)
    approved(
        world,
        capture,
        kind=Contribution.Kind.ANSWER,
        parent=contribution,
        body="Antwort der Stadt",
        answered_as_city=True,
        city_key=world["duesseldorf"].translation_key,
        email="",
    )
    assert "Antwort der Stadt" in client.get(url_in(world, "mobility")).content.decode()
    with capture(execute=True):
        reject([contribution])
    for text in public_surfaces(client, world).values():
        assert "Antwort der Stadt" not in text


def test_the_exhibition_and_panels_render_in_every_language(client, world):
    for code in LANGUAGES:
        exhibition = client.get(url_in(world, "exhibition", code))
        assert exhibition.status_code == 200
        panel = client.get(url_in(world, "mobility", code))
        assert panel.status_code == 200
    html = client.get(url_in(world, "exhibition", "de")).content.decode()
    assert "Mobility [de]" in html and "Urbanism [de]" in html
    summit = client.get(url_in(world, "summit", "de")).content.decode()
    assert url_in(world, "exhibition", "de") in summit


def test_the_admin_listing_approves_in_bulk(admin_client, world, capture):
    contribute_rows = []
    for number in range(2):
        contribute_rows.append(
            Contribution.objects.create(
                panel=world["mobility"],
                panel_key=world["mobility"].translation_key,
                summit_key=world["summit"].translation_key,
                body=f"Text {number}",
                name="n",
                language="es",
                status=Contribution.Status.PENDING,
            )
        )
    listing = reverse("wagtailsnippets_exhibitions_contribution:list")
    response = admin_client.get(
        listing, {"language": "es", "summit": str(world["summit"].translation_key)}
    )
    assert response.status_code == 200
    assert "Text 0" in response.content.decode()
    url = reverse("wagtail_bulk_action", args=["exhibitions", "contribution", "approve"])
    query = "&".join(f"id={c.pk}" for c in contribute_rows)
    assert admin_client.get(f"{url}?{query}").status_code == 200
    with capture(execute=True):
        response = admin_client.post(f"{url}?{query}")
    assert response.status_code == 302
    assert set(Contribution.objects.values_list("status", flat=True)) == {"approved"}
    report = admin_client.get(reverse("exhibition_summit_report", args=[world["summit"].pk]))
    assert report.status_code == 200
    assert "Mobility" in report.content.decode()
    export = admin_client.get(reverse("exhibition_summit_csv", args=[world["summit"].pk]))
    assert "Text 1" in export.content.decode()
    dashboard = admin_client.get(reverse("wagtailadmin_home"))
    assert "exhibition" in dashboard.content.decode().lower()


def test_a_city_member_cannot_moderate(client, world):
    client.login(username="team@duesseldorf.test", password=PASSWORD)
    response = client.get(reverse("exhibition_summit_report", args=[world["summit"].pk]))
    assert response.status_code in (302, 403)
