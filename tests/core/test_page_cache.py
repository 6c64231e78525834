"""The page cache for anonymous visitors: hits, purges, what it never keeps, its headers."""

import json
import re
import time

from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client

from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Locale, Page

import pytest

from core.page_cache import HIT_HEADER, PageCacheMiddleware
from core.public_forms import FORM_CLOCK_SALT, PublicFormMixin
from home.demo import publish_everywhere
from home.models import StandardPage
from newsletters.models import Subscriber

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "de", "es", "ar"]
TITLES = {"en": "About", "fr": "À propos", "de": "Über uns", "es": "Acerca de", "ar": "من نحن"}


@pytest.fixture(scope="module")
def about_world(module_home):
    """An "About" page under the home page, translated into every language."""
    with module_home.build():
        about = module_home.home.add_child(
            instance=StandardPage(title="About", slug="about", introduction="Who we are")
        )

        def fill(copy, code):
            copy.title = TITLES[code]

        publish_everywhere(about, module_home.locales, fill)
    return about.pk


@pytest.fixture
def about(about_world, home_page):
    return StandardPage.objects.get(pk=about_world)


@pytest.fixture
def page_cache_on(settings):
    settings.OBSERVATORY_PAGE_CACHE_SECONDS = 600


def url(code):
    return f"/{code}/about/"


def cached_urls():
    return [url(code) for code in LANGUAGES] + [f"/{code}/" for code in LANGUAGES]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_second_anonymous_request_comes_from_the_cache(
    client, about, page_cache_on, django_assert_num_queries, code
):
    first = client.get(url(code))
    assert first.status_code == 200
    assert first[HIT_HEADER] == "miss"
    assert TITLES[code] in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get(url(code))
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Language"] == code
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_anonymous_pages_set_no_cookie_and_vary_on_none(client, about, page_cache_on):
    for address in cached_urls():
        response = client.get(address)
        assert response.status_code == 200
        assert not response.cookies, address
        assert "Set-Cookie" not in response
        assert "cookie" not in response.get("Vary", "").lower(), address
        assert "public" in response["Cache-Control"]
        assert "s-maxage=" in response["Cache-Control"]
        assert response["ETag"] and response["Last-Modified"]
        # Nothing of the visitor's own: no CSRF token, no nonce.
        html = response.content.decode()
        assert not re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', html)
        assert "nonce" not in html
        assert "nonce-" not in response["Content-Security-Policy"]


def test_revalidation_answers_304_without_rendering(
    client, about, page_cache_on, django_assert_num_queries
):
    first = client.get(url("fr"))
    with django_assert_num_queries(0):
        again = client.get(url("fr"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    with django_assert_num_queries(0):
        again = client.get(url("fr"), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    changed = client.get(url("fr"), HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200


def test_a_cdn_can_keep_pages_without_the_page_cache(client, about):
    first = client.get(url("de"))
    assert HIT_HEADER not in first
    assert "public" in first["Cache-Control"] and "s-maxage=" in first["Cache-Control"]
    assert not first.cookies and "cookie" not in first.get("Vary", "").lower()
    assert client.get(url("de"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code in (200, 304)


def fill_all(client):
    for address in cached_urls() + ["/en/search/?query=about", "/sitemap.xml"]:
        client.get(address)
    assert client.get(url("en"))[HIT_HEADER] == "hit"


def assert_all_missed(client):
    for address in cached_urls() + ["/en/search/?query=about"]:
        response = client.get(address)
        assert response[HIT_HEADER] == "miss", address


def test_publishing_purges_the_page_and_its_listers_in_every_language(
    client, about, page_cache_on, django_capture_on_commit_callbacks
):
    fill_all(client)
    about.title = "About the Observatory"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    assert_all_missed(client)
    assert "About the Observatory" in client.get(url("en")).content.decode()


def test_unpublishing_purges_the_page_and_its_listers(
    client, about, page_cache_on, django_capture_on_commit_callbacks
):
    fill_all(client)
    french = about.get_translation(Locale.objects.get(language_code="fr"))
    with django_capture_on_commit_callbacks(execute=True):
        french.unpublish()
    assert client.get(url("fr")).status_code == 404
    for address in [url("en"), "/fr/", "/en/"]:
        assert client.get(address)[HIT_HEADER] == "miss", address


def test_moving_purges(client, about, home_page, page_cache_on, django_capture_on_commit_callbacks):
    other = home_page.add_child(instance=StandardPage(title="Elsewhere", slug="elsewhere"))
    other.save_revision().publish()
    fill_all(client)
    with django_capture_on_commit_callbacks(execute=True):
        about.move(other, pos="last-child")
    # The old address redirects (Wagtail's automatic redirects) instead of the kept page.
    assert client.get(url("en")).status_code != 200
    assert client.get("/en/elsewhere/about/")[HIT_HEADER] == "miss"
    assert client.get("/fr/")[HIT_HEADER] == "miss"


def test_deleting_purges(client, about, page_cache_on, django_capture_on_commit_callbacks):
    fill_all(client)
    german = Page.objects.get(translation_key=about.translation_key, locale__language_code="de")
    with django_capture_on_commit_callbacks(execute=True):
        german.delete()
    assert client.get(url("de")).status_code == 404
    assert client.get("/de/")[HIT_HEADER] == "miss"
    assert client.get(url("en"))[HIT_HEADER] == "miss"


class RecordingBackend(BaseBackend):
    purged = []

    def __init__(self, params):
        super().__init__(params)

    def purge(self, url):
        RecordingBackend.purged.append(url)


def test_the_frontend_cache_gets_the_page_and_its_listers_in_every_language(
    about, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.core.test_page_cache.RecordingBackend"}
    }
    RecordingBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    purged = set(RecordingBackend.purged)
    for code in LANGUAGES:
        assert f"http://testserver{url(code)}" in purged
        assert f"http://testserver/{code}/" in purged
        assert f"http://testserver/{code}/search/" in purged
        assert f"http://testserver/{code}/open-data/" in purged
        assert f"http://testserver/{code}/open-data/initiatives.rss" in purged
    assert "http://testserver/sitemap.xml" in purged


def test_signed_in_visitors_are_never_served_or_kept(client, about, page_cache_on):
    client.get(url("en"))
    user = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    client.force_login(user)
    response = client.get(url("en"))
    assert HIT_HEADER not in response
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    client.logout()
    signed_in = Client()
    signed_in.force_login(user)
    signed_in.get("/en/")  # what a signed-in visitor gets is not kept for the next visitor
    assert Client().get("/en/")[HIT_HEADER] == "miss"


def test_posts_are_never_kept(client, about, page_cache_on):
    response = client.post("/en/newsletters/subscribe/", {"email": "x"})
    assert response.status_code == 400
    assert HIT_HEADER not in response
    assert client.get("/en/newsletters/subscribe/")[HIT_HEADER] == "miss"
    assert HIT_HEADER not in client.post(url("en"))
    assert client.get(url("en"))[HIT_HEADER] == "miss"


def test_a_waiting_message_is_never_hidden_by_the_cache(client, about, page_cache_on):
    client.get(url("en"))
    client.cookies["messages"] = "anything"
    response = client.get(url("en"))
    assert HIT_HEADER not in response


def test_answers_with_messages_previews_and_cookies_are_not_kept(rf, page_cache_on):
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse

    def view_with(mark):
        def get_response(request):
            response = HttpResponse("page")
            mark(request, response)
            return response

        return PageCacheMiddleware(get_response)

    def message(request, response):
        request._messages = CookieStorage(request)
        request._messages.add(20, "Saved")

    def preview(request, response):
        request.is_preview = True

    def cookie(request, response):
        response.set_cookie("hello", "1")

    def nothing(request, response):
        pass

    middleware = view_with(nothing)
    assert middleware(rf.get("/en/plain/"))[HIT_HEADER] == "miss"
    assert middleware(rf.get("/en/plain/"))[HIT_HEADER] == "hit"
    for mark in (message, preview, cookie):
        middleware = view_with(mark)
        assert middleware(rf.get(f"/en/{mark.__name__}/")).get(HIT_HEADER) is None
        assert middleware(rf.get(f"/en/{mark.__name__}/")).get(HIT_HEADER) is None


def test_portal_and_accounts_are_never_kept(client, home_page, page_cache_on):
    response = client.get("/en/accounts/login/")
    assert HIT_HEADER not in response


# Forms on cached pages ------------------------------------------------------------


@pytest.fixture
def quick_forms(monkeypatch):
    monkeypatch.setattr(PublicFormMixin, "min_fill_seconds", 0)


def footer_form(html):
    form = html[html.index('class="site-form subscribe__form"') :]
    form = form[: form.index("</form>")]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    return fields


def subscribe_data(fields, email):
    return {**fields, "email": email, "language": "en", "consent": "on", "homepage": ""}


def test_subscribing_from_a_cached_page_with_the_fetched_token(about, page_cache_on, quick_forms):
    browser = Client(enforce_csrf_checks=True)
    browser.get(url("en"))
    page = browser.get(url("en"))
    assert page[HIT_HEADER] == "hit"
    fields = footer_form(page.content.decode())
    assert fields["csrfmiddlewaretoken"] == "" and fields["public_form"] == "1"
    token = browser.get("/form-token")
    assert "no-cache" in token["Cache-Control"] or "max-age=0" in token["Cache-Control"]
    data = json.loads(token.content)
    fields.update(csrfmiddlewaretoken=data["csrf"], form_started=data["started"])
    fields = {name.removeprefix("subscribe1-"): value for name, value in fields.items()}
    response = browser.post("/en/newsletters/subscribe/", subscribe_data(fields, "a@example.org"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Subscriber.objects.filter(email="a@example.org").exists()


def test_subscribing_from_a_cached_page_without_javascript(about, page_cache_on, quick_forms):
    browser = Client(enforce_csrf_checks=True)
    browser.get(url("en"))
    fields = footer_form(browser.get(url("en")).content.decode())
    fields = {name.removeprefix("subscribe1-"): value for name, value in fields.items()}
    data = subscribe_data(fields, "b@example.org")
    # The browser says where the form was sent from: this site.
    response = browser.post("/en/newsletters/subscribe/", data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    # Sent from another site, or with no word on where from: refused.
    assert (
        browser.post(
            "/en/newsletters/subscribe/", data, HTTP_ORIGIN="https://evil.example"
        ).status_code
        == 403
    )
    assert browser.post("/en/newsletters/subscribe/", data).status_code == 403
    cross_site = browser.post("/en/newsletters/subscribe/", data, HTTP_SEC_FETCH_SITE="cross-site")
    assert cross_site.status_code == 403
    same = browser.post("/en/newsletters/subscribe/", data, HTTP_SEC_FETCH_SITE="same-origin")
    assert same.status_code == 302


def test_the_origin_check_is_for_public_forms_only(client, home_page):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(
        "/en/accounts/login/",
        {"username": "a", "password": "b"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 403
    response = browser.post(
        "/admin/login/", {"public_form": "1", "username": "a"}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 403


def test_the_fetched_clock_counts_from_when_it_was_fetched(about, page_cache_on):
    browser = Client(enforce_csrf_checks=True)
    data = json.loads(browser.get("/form-token").content)
    fields = {"csrfmiddlewaretoken": data["csrf"], "form_started": data["started"]}
    response = browser.post("/en/newsletters/subscribe/", subscribe_data(fields, "c@example.org"))
    assert response.status_code == 400  # at once: too quick for a person
    assert not Subscriber.objects.filter(email="c@example.org").exists()
    earlier = signing.dumps(time.time() - 10, salt=FORM_CLOCK_SALT)
    fields["form_started"] = earlier
    response = browser.post("/en/newsletters/subscribe/", subscribe_data(fields, "c@example.org"))
    assert response.status_code == 302


# Headers ---------------------------------------------------------------------------


def test_the_admin_login_page_has_the_sites_policy(client, home_page):
    site = client.get("/en/")["Content-Security-Policy"]
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert login["Content-Security-Policy"] == site
    # The rest of the admin keeps its own (Wagtail's editor needs inline scripts).
    assert "Content-Security-Policy" not in client.get("/admin/password_reset/")


def test_every_response_carries_cross_origin_resource_policy(client, home_page, page_cache_on):
    for address in ["/en/", "/en/", "/healthz", "/admin/login/", "/en/nowhere/", "/form-token"]:
        response = client.get(address)
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", address
    client.post("/en/newsletters/subscribe/", {})
    assert client.post("/en/newsletters/subscribe/", {})["Cross-Origin-Resource-Policy"]


def test_content_that_pages_list_purges_when_it_changes(
    client, about, page_cache_on, django_capture_on_commit_callbacks
):
    import uuid

    from django.utils import timezone

    from cities.factories import ThemeFactory
    from summits.models import Signature

    client.get(url("es"))
    with django_capture_on_commit_callbacks(execute=True):
        pending = Signature.objects.create(
            declaration_key=uuid.uuid4(), kind="commit", name="Ana", email="ana@example.org"
        )
    assert client.get(url("es"))[HIT_HEADER] == "hit"  # waiting for its confirmation: not shown
    with django_capture_on_commit_callbacks(execute=True):
        pending.confirmed_at = timezone.now()
        pending.save()
    assert client.get(url("es"))[HIT_HEADER] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        ThemeFactory(locale=about.locale)
    assert client.get(url("es"))[HIT_HEADER] == "miss"


@pytest.fixture
def process_memory(settings, page_cache_on):
    from core import page_cache

    settings.OBSERVATORY_PAGE_CACHE_MEMORY_SECONDS = 30
    page_cache._memory = page_cache._Memory()
    yield page_cache
    page_cache._memory = page_cache._Memory()


def test_a_process_remembers_pages_and_sees_its_own_purges_at_once(
    client, about, process_memory, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    client.get(url("ar"))
    cache.clear()  # the shared copy is gone
    assert client.get(url("ar"))[HIT_HEADER] == "hit"  # from this process's memory
    about.title = "About us"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    assert client.get(url("ar"))[HIT_HEADER] == "miss"
    assert client.get(url("ar"))[HIT_HEADER] == "hit"
    # Another process's purge: seen once the remembered generation is old.
    cache.incr(process_memory.GENERATION_KEY)
    process_memory._memory.generation_at = 0
    assert client.get(url("ar"))[HIT_HEADER] == "miss"
