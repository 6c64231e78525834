"""The Observatory's identity: its icons are served and linked, its emails carry the logo."""

import json
import re

from django.test import Client, override_settings

import pytest

from core.emails import build_email
from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory
from newsletters.rendering import render_newsletter

ICONS = ["img/favicon.ico", "img/favicon.svg", "img/favicon-32.png", "img/apple-touch-icon.png"]


@pytest.fixture
def static_client():
    """A client whose WhiteNoise serves the static files from their folders, as in production."""
    with override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True):
        yield Client()


@pytest.mark.parametrize("icon", ICONS)
def test_icons_are_served(static_client, db, icon):
    response = static_client.get(f"/static/{icon}")
    assert response.status_code == 200
    assert int(response["Content-Length"]) > 200


def test_favicon_ico_at_the_root_leads_to_the_icon(static_client, db):
    response = static_client.get("/favicon.ico")
    assert response.status_code == 301
    assert static_client.get(response["Location"]).status_code == 200


def test_every_page_links_its_icons_and_manifest(client, home_page):
    html = client.get("/en/").content.decode()
    for rel in ("icon", "apple-touch-icon", "manifest"):
        assert re.search(rf'<link rel="{rel}" href="[^"]+"', html), rel
    assert 'href="/static/img/apple-touch-icon.png"' in html
    # The header shows the logo mark beside the Observatory's name.
    assert re.search(r'<img class="site-brand__mark" src="/static/img/logo-mark.svg" alt=""', html)


def test_manifest_names_the_observatory_in_the_readers_language(static_client, db):
    response = static_client.get("/site.webmanifest", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == "Observatoire international des maires sur le Vivre ensemble"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in data["icons"]:
        assert static_client.get(icon["src"]).status_code == 200, icon["src"]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_transactional_emails_carry_the_logo_and_address(language):
    context = {"name": "Amal", "url": "https://example.org/confirm/x/", "days": 7}
    message = build_email("subscription_confirm", "amal@example.org", context, language)
    html = message.alternatives[0][0]
    assert re.search(r'<img src="http://testserver/static/img/logo-email\.png"[^>]* alt=""', html)
    assert "#14365f" in html  # the identity's navy header
    address = "Montréal (Quebec), Canada" if language == "en" else "مونتريال (كيبك)، كندا"
    assert address in html


def test_the_newsletter_email_carries_the_logo_and_address(home_page):
    index = NewsletterIndexPageFactory(parent=home_page)
    page = NewsletterPageFactory(parent=index, title="May letter", slug="may-letter")
    html = render_newsletter(page).html
    assert "http://testserver/static/img/logo-email.png" in html
    assert 'bgcolor="#14365f"' in html or "background:#14365f" in html
    assert "Montréal (Quebec), Canada" in html
