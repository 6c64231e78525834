"""Embeddable SVG badges: valid XML, accessible, right-to-left in Arabic, only when earned."""

from defusedxml import ElementTree

from .conftest import sign

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def svg(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "max-age=86400" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    return root


def texts(root):
    return [text.text for text in root.iter(f"{SVG}text")]


def test_signatory_badge(client, world):
    root = svg(client, "/en/open-data/badges/duesseldorf/signatory-duesseldorf-2019.svg")
    title = root.find(f"{SVG}title")
    assert title.text == "Signatory of the Düsseldorf Declaration – Düsseldorf"
    assert root.get("aria-labelledby") == title.get("id")
    assert "Signatory of the Düsseldorf Declaration" in texts(root)
    assert root.get(XML_LANG) == "en"
    assert root.get("direction") is None
    assert int(root.get("width")) > 0 and root.get("height") == "48"


def test_capital_badge(client, world):
    year = world.capital.year
    root = svg(client, f"/fr/open-data/badges/duesseldorf/capital-{year}.svg")
    assert root.get(XML_LANG) == "fr"
    assert root.find(f"{SVG}title").text.endswith("Düsseldorf (FR)")
    assert any(str(year) in text for text in texts(root))


def test_arabic_badge_is_right_to_left(client, world):
    root = svg(client, "/ar/open-data/badges/duesseldorf/signatory-duesseldorf-2019.svg")
    assert root.get(XML_LANG) == "ar"
    assert root.get("direction") == "rtl"
    group = root.find(f"{SVG}g")
    assert group.get("direction") == "rtl" and group.get("unicode-bidi") == "embed"
    assert "إعلان دوسلدورف" in texts(root)[1]
    assert "دوسلدورف" in root.find(f"{SVG}title").text
    # The mark moves to the right-hand side, where an Arabic reader starts.
    mark = root.find(f"{SVG}circle")
    assert int(mark.get("cx")) > int(root.get("width")) // 2


def test_names_are_escaped(client, world, locales):
    from .conftest import translate

    translate(world.declaration, locales["fr"], title='<Déclaration> & "Düsseldorf"')
    root = svg(client, "/fr/open-data/badges/duesseldorf/signatory-duesseldorf-2019.svg")
    assert '<Déclaration> & "Düsseldorf"' in texts(root)[1]
    # In the snippet to copy, the quote is escaped for the alt attribute, then for the page.
    html = client.get("/fr/cities/duesseldorf/").content.decode()
    assert "&amp;lt;Déclaration&amp;gt; &amp;amp; &amp;quot;Düsseldorf&amp;quot;" in html


def test_no_badge_that_was_not_earned(client, world):
    # Montréal's signature is not confirmed; it was never a Capital.
    assert (
        client.get("/en/open-data/badges/montreal/signatory-duesseldorf-2019.svg").status_code
        == 404
    )
    year = world.capital.year
    assert client.get(f"/en/open-data/badges/montreal/capital-{year}.svg").status_code == 404
    assert client.get(f"/en/open-data/badges/duesseldorf/capital-{year + 1}.svg").status_code == 404
    assert client.get("/en/open-data/badges/nowhere/capital-2020.svg").status_code == 404
    assert client.get("/en/open-data/badges/duesseldorf/signatory-x.svg").status_code == 404


def test_hidden_signature_earns_no_badge(client, world):
    sign(world.declaration, "Hidden Mayor", city=world.montreal, hidden=True)
    url = "/en/open-data/badges/montreal/signatory-duesseldorf-2019.svg"
    assert client.get(url).status_code == 404
    sign(world.declaration, "Confirmed Mayor", city=world.montreal)
    assert client.get(url).status_code == 200


def test_city_page_offers_the_badges_and_their_code(client, world):
    html = client.get("/en/cities/duesseldorf/").content.decode()
    assert "Badges for your website" in html
    badge = "http://testserver/en/open-data/badges/duesseldorf/signatory-duesseldorf-2019.svg"
    # The preview on the site's own page is a path: it shows whatever host the Site names
    # (a Site record on another host or port made it a cross-origin image the CSP refused).
    preview = "/en/open-data/badges/duesseldorf/signatory-duesseldorf-2019.svg"
    assert f'<img class="badge-list__preview" src="{preview}"' in html
    # The snippet is escaped inside a read-only textarea.
    assert (
        "&lt;a href=&quot;http://testserver/en/cities/duesseldorf/&quot;&gt;"
        f"&lt;img src=&quot;{badge}&quot;"
    ) in html
    assert "<textarea" in html and "readonly" in html
    assert f"capital-{world.capital.year}.svg" in html
    assert "<script>" not in html.split("city-badges")[1]


def test_city_page_in_arabic_links_arabic_badges(client, world):
    html = client.get("/ar/cities/duesseldorf/").content.decode()
    assert "/ar/open-data/badges/duesseldorf/signatory-duesseldorf-2019.svg" in html


def test_city_without_badges_has_no_section(client, world):
    html = client.get("/en/cities/montreal/").content.decode()
    assert "city-badges" not in html
