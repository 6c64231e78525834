"""CSV of initiatives and of a declaration's signatories: UTF-8 with a BOM, read by csv."""

import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import InitiativePage
from tests.bulk import bulk_pages

from .conftest import sign


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())  # the BOM Excel needs
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_initiatives_csv(client, world):
    response = client.get("/en/open-data/initiatives.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="observatory-initiatives-en.csv"'
    )
    rows = read_csv(response)
    assert list(rows[0]) == [
        "title", "city", "country", "kind", "themes", "start", "end", "url"
    ]  # fmt: skip
    assert rows == [
        {
            "title": "Neighbours' table",
            "city": "Düsseldorf",
            "country": "Germany",
            "kind": "Public activity",
            "themes": "Education; Culture",
            "start": "2022-05-16",
            "end": "2022-09-01",
            "url": world.initiative.get_full_url(),
        }
    ]
    assert "private.contact" not in response.content.decode()


def test_initiatives_csv_is_per_language(client, world, locales):
    from .conftest import translate

    translate(world.initiative, locales["fr"], title="La table des voisins")
    rows = read_csv(client.get("/fr/open-data/initiatives.csv"))
    assert [row["titre"] if "titre" in row else row["title"] for row in rows] == [
        "La table des voisins"
    ]
    assert rows[0][list(rows[0])[1]] == "Düsseldorf (FR)"
    assert "/fr/" in rows[0][list(rows[0])[-1]]


def test_spreadsheet_formulas_are_neutralised(client, world):
    sign(world.declaration, '=HYPERLINK("http://evil","x")', city_name="-2+3")
    rows = read_csv(client.get("/en/open-data/summits/duesseldorf-2019/signatories.csv"))
    evil = next(row for row in rows if "HYPERLINK" in row["name"])
    assert evil["name"].startswith("'=")
    assert evil["city"] == "'-2+3"


def test_signatories_csv_lists_counted_signatures_without_email(client, world):
    response = client.get("/en/open-data/summits/duesseldorf-2019/signatories.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="duesseldorf-2019-declaration-signatories-en.csv"'
    )
    rows = read_csv(response)
    assert rows == [
        {
            "name": "Ada Mayor",
            "title": "Mayor",
            "city": "Düsseldorf",
            "country": "Germany",
            "statement": "I agree and commit",
            "signed on": "2019-08-31",
        }
    ]
    text = response.content.decode()
    assert "@example.org" not in text
    assert "Unconfirmed" not in text and "Hidden" not in text


def test_signatories_csv_in_arabic_names_the_city_in_arabic(client, world):
    rows = read_csv(client.get("/ar/open-data/summits/duesseldorf-2019/signatories.csv"))
    assert list(rows[0].values())[2] == "دوسلدورف"


def test_unknown_summit_is_404(client, world):
    assert client.get("/en/open-data/summits/nowhere/signatories.csv").status_code == 404
    assert client.get("/en/open-data/summits/nowhere/programme.ics").status_code == 404


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def add_initiatives(world, count):
    """``count`` more live initiatives with their themes, in bulk (tests/bulk.py)."""
    added = world.__dict__.setdefault("added", 0)
    world.added += count
    through = InitiativePage.themes.through
    for parent, numbers in (
        (world.duesseldorf, range(added, added + count, 2)),
        (world.montreal, range(added + 1, added + count, 2)),
    ):
        specs = [
            {
                "title": f"Initiative {n}",
                "slug": f"initiative-{n}",
                "kind": "public_activity",
                "start_date": datetime.date(2019 + n % 5, 5, 16),
                "summary": "A festival of the neighbourhood.",
                "body": [],
                "images": [],
                "documents": [],
            }
            for n in numbers
        ]
        pages = bulk_pages(parent, InitiativePage, specs) if specs else []
        through.objects.bulk_create(
            through(initiativepage_id=page.pk, theme_id=theme.pk)
            for page in pages
            for theme in world.themes
        )


def test_initiatives_csv_queries_do_not_grow(client, world):
    add_initiatives(world, 4)
    with_five = count_queries(client, "/en/open-data/initiatives.csv")
    add_initiatives(world, 45)
    assert len(read_csv(client.get("/en/open-data/initiatives.csv"))) == 50
    assert count_queries(client, "/en/open-data/initiatives.csv") == with_five


def test_signatories_csv_queries_do_not_grow(client, world):
    for n in range(4):
        sign(world.declaration, f"Mayor {n}", city=world.montreal, country="CA")
    with_five = count_queries(client, "/en/open-data/summits/duesseldorf-2019/signatories.csv")
    for n in range(45):
        sign(world.declaration, f"Deputy {n}", city=world.duesseldorf, country="DE")
    url = "/en/open-data/summits/duesseldorf-2019/signatories.csv"
    assert count_queries(client, url) == with_five
