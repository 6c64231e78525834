"""The frame every page shares: menus, alternates, Open Graph, JSON-LD, sitemap, robots."""

import json
import re
import xml.etree.ElementTree as ET

from wagtail.models import Page

import pytest

from home.models import StandardPage
from tests.translations import copy_for_translation

SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture
def about_pages(home_page, locales):
    """An "About" page in the menu, in English and French only."""
    about = home_page.add_child(
        instance=StandardPage(title="About", slug="about", show_in_menus=True, introduction="Hi")
    )
    about.save_revision().publish()
    french = copy_for_translation(about, locales["fr"])
    french.title = "À propos"
    french.save_revision().publish()
    # Only English and French: the aliases the other languages got on publishing go.
    for alias in Page.objects.filter(alias_of=about):
        alias.delete()
    return about, french


def test_menu_is_in_the_active_language(client, about_pages):
    html = client.get("/fr/").content.decode()
    menu = html[html.index('class="main-menu"') :]
    assert 'href="/fr/about/">À propos</a>' in menu
    assert ">About<" not in menu
    html = client.get("/fr/about/").content.decode()
    assert 'href="/fr/about/" aria-current="page">À propos' in html


def test_alternates_and_x_default_list_only_existing_translations(client, about_pages):
    html = client.get("/en/about/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {
        "en": "http://testserver/en/about/",
        "fr": "http://testserver/fr/about/",
        "x-default": "http://testserver/en/about/",
    }
    # The switcher sends German readers to their home page, as there is no German "About".
    assert 'href="/de/" lang="de"' in html


def test_open_graph_tags(client, about_pages):
    html = client.get("/fr/about/").content.decode()
    assert '<meta property="og:title" content="À propos">' in html
    assert '<meta property="og:url" content="http://testserver/fr/about/">' in html
    assert '<meta property="og:locale" content="fr">' in html
    assert '<meta property="og:locale:alternate" content="en">' in html


def test_organization_json_ld_is_valid_data_without_a_nonce(client, home_page):
    """JSON-LD is data, not script: a page the cache keeps carries no per-response nonce."""
    response = client.get("/es/")
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Organization"
    assert data["url"] == "http://testserver/es/"
    assert data["name"] == "Observatorio Internacional de Alcaldes sobre la Convivencia"
    assert "nonce" not in html
    assert "nonce-" not in response["Content-Security-Policy"]


def test_json_ld_cannot_break_out_of_its_script():
    from core.structured_data import json_ld

    text = json_ld({"name": "</script><script>alert(1)</script> & <!--"})
    assert "</script>" not in text
    assert "<" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


def test_sitemap_lists_every_language_with_alternates(client, about_pages):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    urls = {
        url.find("s:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
        }
        for url in root.findall("s:url", SITEMAP_NS)
    }
    for code in ("en", "fr", "de", "es", "ar"):
        assert f"http://testserver/{code}/" in urls
    assert urls["http://testserver/fr/about/"] == {
        "en": "http://testserver/en/about/",
        "fr": "http://testserver/fr/about/",
        "x-default": "http://testserver/en/about/",
    }
    assert len(urls["http://testserver/ar/"]) == 6  # five languages and x-default


def test_sitemap_leaves_out_drafts_and_private_pages(client, about_pages, home_page):
    draft = home_page.add_child(instance=StandardPage(title="Draft", slug="draft", live=False))
    assert draft.pk
    body = client.get("/sitemap.xml").content.decode()
    assert "/en/draft/" not in body


def test_sitemap_queries_do_not_grow_with_pages(client, home_page, django_assert_max_num_queries):
    for index in range(3):
        home_page.add_child(instance=StandardPage(title=f"P{index}", slug=f"p{index}"))
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(30) as few:
        client.get("/sitemap.xml")
    for index in range(3, 30):
        home_page.add_child(instance=StandardPage(title=f"P{index}", slug=f"p{index}"))
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        client.get("/sitemap.xml")


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
