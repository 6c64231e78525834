"""RSS and Atom feeds of newsletters, per language, read back by feedparser."""

import feedparser
import pytest

from home.demo import translate
from newsletters.factories import NewsletterIndexPageFactory, NewsletterPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(home_page, locales, django_capture_on_commit_callbacks):
    index = NewsletterIndexPageFactory(parent=home_page)
    first = NewsletterPageFactory(parent=index, title="March letter", preheader="Spring news")
    second = NewsletterPageFactory(parent=index, title="May letter", preheader="Sixteen days")
    with django_capture_on_commit_callbacks(execute=True):
        translate(index, locales["fr"], fields={"title": "Lettres"})
        translate(second, locales["fr"], fields={"title": "Lettre de mai"})
    return first, second


@pytest.mark.parametrize(
    ("suffix", "content_type", "version"),
    [("rss", "application/rss+xml", "rss20"), ("atom", "application/atom+xml", "atom10")],
)
def test_newsletter_feeds_per_language(client, letters, suffix, content_type, version):
    response = client.get(f"/en/open-data/newsletters.{suffix}")
    assert response["Content-Type"].startswith(content_type)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert {entry.title for entry in feed.entries} == {"March letter", "May letter"}
    assert all(entry.link.startswith("http://testserver/en/") for entry in feed.entries)
    french = feedparser.parse(client.get(f"/fr/open-data/newsletters.{suffix}").content)
    assert [entry.title for entry in french.entries] == ["Lettre de mai"]


def test_open_data_page_lists_the_newsletter_feeds(client, letters):
    html = client.get("/en/open-data/").content.decode()
    assert "/en/open-data/newsletters.rss" in html and "/en/open-data/newsletters.atom" in html
    archive = client.get("/en/newsletters/").content.decode()
    assert 'type="application/rss+xml" href="/en/open-data/newsletters.rss"' in archive
