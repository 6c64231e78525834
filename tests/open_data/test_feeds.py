"""RSS and Atom feeds of initiatives, read back by feedparser."""

import datetime

from django.utils import timezone

import feedparser
import pytest

from initiatives import feeds
from initiatives.factories import InitiativePageFactory


def parse(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def publish_initiative(world, title, published):
    page = InitiativePageFactory(parent=world.duesseldorf, title=title, themes=world.themes)
    page.save_revision().publish()
    page.first_published_at = published
    page.save(update_fields=["first_published_at"])
    return page


@pytest.mark.parametrize(
    ("url", "content_type", "version"),
    [
        ("/en/open-data/initiatives.rss", "application/rss+xml", "rss20"),
        ("/en/open-data/initiatives.atom", "application/atom+xml", "atom10"),
    ],
)
def test_feed_lists_initiatives_newest_first(client, world, url, content_type, version):
    now = timezone.now()
    publish_initiative(world, "Older", now - datetime.timedelta(days=30))
    publish_initiative(world, "Newer", now + datetime.timedelta(days=1))
    feed = parse(client, url, content_type)
    assert feed.version == version
    assert feed.feed.link == "http://testserver/en/initiatives/"
    assert feed.feed.language if version == "rss20" else True
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Newer" and titles[-1] == "Older"
    assert "Neighbours' table" in titles
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/en/cities/duesseldorf/")
        assert entry.id.startswith("tag:")
    table = next(entry for entry in feed.entries if entry.title == "Neighbours' table")
    assert "Neighbours share a meal" in table.summary
    assert {tag.term for tag in table.tags} >= {"Public activity", "Education", "Culture"}
    assert table.author == "Düsseldorf"


def test_feed_is_per_language(client, world, locales):
    from .conftest import translate

    translate(world.initiative, locales["fr"], title="La table des voisins")
    feed = parse(client, "/fr/open-data/initiatives.atom", "application/atom+xml")
    assert [entry.title for entry in feed.entries] == ["La table des voisins"]
    assert feed.entries[0].link.startswith("http://testserver/fr/")


def test_feed_length_is_limited(client, world, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_LENGTH", 2)
    for n in range(3):
        publish_initiative(world, f"Extra {n}", timezone.now())
    feed = parse(client, "/en/open-data/initiatives.rss", "application/rss+xml")
    assert len(feed.entries) == 2


def test_initiative_index_announces_its_feeds(client, world):
    html = client.get(world.initiatives.url).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Newest initiatives (RSS)" '
        'href="http://testserver/en/open-data/initiatives.rss">' in html
    )
    assert 'type="application/atom+xml"' in html
