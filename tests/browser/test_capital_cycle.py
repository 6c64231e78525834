"""A city registers its 16 May event and applies, a juror scores, an editor designates."""

import datetime

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

import pytest

from capitals.cycle import ensure_jury_group
from capitals.factories import CapitalIndexPageFactory
from capitals.models import CapitalApplication, CapitalCall, CapitalCriterion, CapitalPage
from international_day.models import CityEvent
from summits.factories import DeclarationPageFactory, SummitIndexPageFactory, SummitPageFactory
from summits.models import Signature, SignatureKind
from tests.browser.conftest import screenshot
from tests.cities.portal import PASSWORD, city_directory_everywhere, city_everywhere, member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cycle(home_page, locales, live_server):
    index = city_directory_everywhere(home_page, locales)
    duesseldorf = city_everywhere(index, locales, "duesseldorf", "Düsseldorf")
    summit = SummitPageFactory(
        parent=SummitIndexPageFactory(parent=home_page), host_city=duesseldorf
    )
    declaration = DeclarationPageFactory(parent=summit)
    CapitalIndexPageFactory(parent=home_page)
    call = CapitalCall.objects.create(
        year=2028, deadline=timezone.now() + datetime.timedelta(days=20), declaration=declaration
    )
    CapitalCriterion.objects.create(call=call, name="Ambition", max_points=10, sort_order=0)
    CapitalCriterion.objects.create(call=call, name="Reach", max_points=5, sort_order=1)
    Signature.objects.create(
        declaration_key=declaration.translation_key,
        kind=SignatureKind.COMMIT,
        name="Mayor",
        city=duesseldorf,
        confirmed_at=timezone.now(),
    )
    member(duesseldorf, "team@duesseldorf.test", language="de")
    juror = get_user_model().objects.create_user("juror", "juror@jury.test", PASSWORD)
    juror.groups.add(ensure_jury_group())
    get_user_model().objects.create_superuser("editor", "editor@observatory.test", PASSWORD)
    return live_server, call


def admin_login(page, site, username):
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(site + "/admin/")


def test_apply_score_designate(cycle, page_for):
    live_server, call = cycle
    site = live_server.url

    city = page_for(locale="de-DE")
    city.route("**/*tile*/**", lambda route: route.abort())  # no map tiles offline
    city.goto(site + "/de/accounts/login/?next=/de/my-city/")
    city.fill("input[name=username]", "team@duesseldorf.test")
    city.fill("input[name=password]", PASSWORD)
    city.wait_for_timeout(1100)
    city.locator("main form.site-form button[type=submit]").click()
    city.wait_for_url(site + "/de/my-city/")

    # The city registers its 16 May event…
    city.locator("a[href='/de/my-city/events/new/']").first.click()
    city.fill("input[name=title]", "Fest der Nachbarschaften")
    city.fill("input[name=starts_at]", f"{call.year}-05-16T17:00")
    city.fill("input[name=place]", "Burgplatz")
    city.fill("input[name=latitude]", "51.227700")
    city.fill("input[name=longitude]", "6.773500")
    city.fill("textarea[name=description]", "Musik und Essen aus allen Vierteln.")
    city.locator("button[name=submit]").click()
    city.wait_for_url(site + "/de/my-city/")
    assert CityEvent.objects.get().status == CityEvent.Status.SUBMITTED

    # …and applies to be the Capital.
    city.locator("a[href='/de/my-city/capital/']").first.click()
    city.wait_for_url(site + "/de/my-city/capital/")
    assert city.locator(".status--live").count() == 1  # eligible
    city.locator("a[href='/de/my-city/capital/2028/']").click()
    city.fill("textarea[name=motivation]", "Düsseldorf lebt das Zusammenleben am Rhein.")
    city.fill("textarea[name=planned_activities]", "Ein Fest der Nachbarschaften am 16. Mai.")
    screenshot(city, "capital-application-de")
    city.locator("button[name=submit]").click()
    city.wait_for_url(site + "/de/my-city/capital/")
    application = CapitalApplication.objects.get()
    assert application.status == "submitted"

    juror = page_for(locale="en-GB")
    admin_login(juror, site, "juror")
    juror.goto(site + "/admin/capital-jury/")
    juror.get_by_role("link", name="Open").click()
    juror.get_by_label("No conflict of interest").check()
    juror.get_by_role("button", name="Declare").click()
    assert "am Rhein" in juror.locator("main").inner_text()
    juror.get_by_label("Ambition (0–10)").fill("9")
    juror.get_by_label("Reach (0–5)").fill("4")
    screenshot(juror, "capital-jury-score")
    juror.get_by_role("button", name="Save the scores").click()
    juror.wait_for_url(site + "/admin/capital-jury/")

    editor = page_for(locale="en-GB")
    admin_login(editor, site, "editor")
    assert editor.locator("#capital-cycle-heading").count() == 1  # the dashboard panel
    editor.goto(site + f"/admin/capital-ranking/{call.pk}/")
    assert "13" in editor.locator("table.listing").inner_text()
    screenshot(editor, "capital-ranking")
    editor.get_by_role("button", name="Designate as Capital").click()
    editor.wait_for_url(lambda url: "/admin/pages/" in url and url.endswith("/edit/"))
    page = CapitalPage.objects.get(year=2028)
    assert not page.live and page.city.slug == "duesseldorf"
    assert [m.to for m in mail.outbox if "2028" in m.subject] == [["team@duesseldorf.test"]]
