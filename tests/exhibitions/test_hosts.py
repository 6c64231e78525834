"""Host cities: a team hosts an exhibition from My city, its kiosk and posters, its residents."""

import re

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest

from exhibitions.models import Contribution, ExhibitionHost
from exhibitions.views import qr_svg
from tests.cities.portal import PASSWORD
from tests.exhibitions.world import contribution_data, url_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("exhibition_world")]


def test_a_city_team_hosts_the_exhibition_from_my_city(client, world):
    client.login(username="team@duesseldorf.test", password=PASSWORD)
    my_city = client.get("/de/my-city/").content.decode()
    assert "/de/my-city/exhibitions/" in my_city
    exhibition = world["exhibition"].get_translation(world["locales"]["de"])
    with translation.override("de"):
        url = reverse("host_exhibition", args=[exhibition.pk])
    response = client.post(
        url,
        {
            "venue": "Rathaus",
            "start_date": "2019-09-02",
            "end_date": "2019-09-01",
            "language": "de",
        },
    )
    assert response.status_code == 200  # closes before it opens
    response = client.post(
        url,
        {
            "venue": "Rathaus",
            "start_date": "2019-09-02",
            "end_date": "2019-09-30",
            "language": "de",
        },
    )
    assert response.status_code == 302
    host = ExhibitionHost.objects.get(venue="Rathaus")
    assert host.city_key == world["duesseldorf"].translation_key  # never a field of the form
    assert host.language == "de"
    page = client.get(reverse("my_city_exhibitions")).content.decode()
    # Its own kiosk and posters, in its language.
    assert url_in(world, "exhibition", "de") + f"hosts/{host.pk}/kiosk/" in page
    assert url_in(world, "mobility", "de") + f"poster/?host={host.pk}" in page


def test_residents_through_a_host_link_come_from_that_city_and_its_team_is_told(
    client, world, django_capture_on_commit_callbacks
):
    host = world["host"]
    url = url_in(world, "mobility", "fr")
    page = client.get(url, {"host": host.pk}).content.decode()
    assert f'name="host" value="{host.pk}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url + "contribute/", contribution_data(host=str(host.pk), body="Ouvrir les cours")
        )
    contribution = Contribution.objects.get()
    assert contribution.host == host
    assert contribution.city_key == world["montreal"].translation_key
    assert [m.to for m in mail.outbox] == [["jana@resident.test"]]
    confirm = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[0].body).group(0)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(re.sub(r"^https?://[^/]+", "", confirm))
    team_mail = mail.outbox[-1]
    assert team_mail.to == ["team@montreal.test"]
    assert team_mail.extra_headers["Content-Language"] == "fr"
    assert "Ouvrir les cours" in team_mail.body
    assert "Montréal [fr]" in team_mail.subject


def test_a_host_id_of_another_exhibition_is_ignored(
    client, world, django_capture_on_commit_callbacks
):
    other = ExhibitionHost.objects.create(
        exhibition_key=world["summit"].translation_key,  # not this exhibition
        city_key=world["duesseldorf"].translation_key,
        language="de",
        venue="x",
        start_date="2020-01-01",
        end_date="2020-01-02",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url_in(world, "mobility") + "contribute/", contribution_data(host=str(other.pk))
        )
    contribution = Contribution.objects.get()
    assert contribution.host is None and contribution.city_key is None


def test_the_kiosk_and_the_host_view(client, world):
    host = world["host"]
    exhibition_url = url_in(world, "exhibition", "fr")
    kiosk = client.get(exhibition_url + f"hosts/{host.pk}/kiosk/")
    assert kiosk.status_code == 200
    html = kiosk.content.decode()
    assert html.count("data-kiosk-panel") == 2
    assert 'data-interval="1"' in html
    assert "/static/js/exhibition-kiosk.js" in html
    assert "<script>" not in html  # no inline script: CSP
    assert html.count("<svg") == 2
    hosted = client.get(exhibition_url + f"hosts/{host.pk}/").content.decode()
    assert "Maison de la culture" in hosted and "Montréal [fr]" in hosted
    assert client.get(exhibition_url + "hosts/999999/").status_code == 404


def test_the_poster_has_a_qr_code_of_the_panels_discussion(client, world):
    host = world["host"]
    url = url_in(world, "mobility", "fr")
    poster = client.get(url + "poster/", {"host": host.pk, "size": "a1"})
    assert poster.status_code == 200
    html = poster.content.decode()
    expected = f"http://testserver{url}?host={host.pk}#discussion"
    assert f'data-qr-url="{expected}"' in html
    assert qr_svg(expected, "Mobility [fr]") in html
    assert "poster--a1" in html


def test_the_posters_image_fills_the_sheet_between_the_text_and_the_call(client, world):
    """The sheet had an empty middle: the panel's first image now takes the room left."""
    import wagtail_factories

    from exhibitions.models import PanelPage

    panel = PanelPage.objects.get(pk=world["mobility"].pk)
    image = wagtail_factories.ImageFactory(title="Bikes on the Rhine promenade")
    panel.images = [
        (
            "image",
            {"image": image, "alt_text": "Bikes on the promenade", "decorative": False,
             "caption": "", "credit": "City of Düsseldorf"},
        )
    ]  # fmt: skip
    panel.save_revision().publish()
    html = client.get(url_in(world, "mobility", "en") + "poster/").content.decode()
    visual = html.index('<figure class="poster__visual">')
    assert html.index('class="poster__commitments"') < visual < html.index("poster__footer")
    figure = html[visual : html.index("</figure>", visual)]
    assert 'alt="Bikes on the promenade"' in figure and 'loading="eager"' in figure
    assert "© City of Düsseldorf" in figure
