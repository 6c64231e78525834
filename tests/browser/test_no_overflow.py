"""No page is wider than the screen: every page type, every language, phone and desktop.

A page wider than the viewport scrolls sideways; in Arabic (right to left) a stray
offset once made /ar/international-day/ 11,280 px wide, and phones opened it blank.
"""

from wagtail.models import Page, get_page_models

import pytest

from tests.browser.conftest import DEMO_PAGES, LANGUAGES, screenshot

WIDTHS = [390, 1280]
# Beyond one page a type: a word longer than a phone is wide, echoed by the search page.
LONG_WORDS = {"search for a long word": "/{lang}/search/?query=" + "Zusammenleben" * 5}

# The document's width, and the outermost elements that stick out of the viewport
# without an ancestor that clips them (a map's tiles do not count): what to fix.
MEASURE = """() => {
    const width = window.innerWidth;
    const outside = element => {
        const box = element.getBoundingClientRect();
        return (box.width || box.height) && (box.right > width + 0.5 || box.left < -0.5);
    };
    const clipped = element => {
        let parent = element.parentElement;
        for (; parent && parent !== document.body; parent = parent.parentElement) {
            if (getComputedStyle(parent).overflowX !== "visible") return true;
        }
        return false;
    };
    const culprits = [];
    for (const element of document.body.querySelectorAll("*")) {
        if (!outside(element) || clipped(element) || outside(element.parentElement)) continue;
        const box = element.getBoundingClientRect();
        const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
            + [...element.classList].map(name => "." + name).join("");
        culprits.push(`${name} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    }
    const scrollWidth = document.documentElement.scrollWidth;
    return {scrollWidth, innerWidth: width, culprits: culprits.slice(0, 5)};
}"""


def assert_demo_pages_cover_every_page_type():
    """A new page type needs its page here, else this fails."""
    served = {
        page.url: type(page).__name__
        for page in Page.objects.live().filter(locale__language_code="en").specific()
    }
    page_types = {model.__name__ for model in get_page_models()} - {"Page"}
    assert page_types <= DEMO_PAGES.keys(), f"no demo page for {page_types - DEMO_PAGES.keys()}"
    for name in page_types:
        assert served.get(DEMO_PAGES[name].format(lang="en")) == name, name


def only_the_live_server(context, base_url):
    """Map tiles and anything else outside the test server are refused: no network, no waiting."""
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(base_url) else route.abort()
        ),
    )


# Building the demo takes a minute or more on a busy machine.
@pytest.mark.timeout(600)
def test_no_page_is_wider_than_the_screen(demo_content, live_server, page_for):
    """Each page opens on a phone, then the window widens to a desktop's: the stylesheet's
    media queries apply again without loading the page a second time."""
    assert_demo_pages_cover_every_page_type()
    failures = []
    for lang in LANGUAGES:
        page = page_for(locale=lang, viewport={"width": WIDTHS[0], "height": 900})
        only_the_live_server(page.context, live_server.url)
        for name, pattern in {**DEMO_PAGES, **LONG_WORDS}.items():
            url = pattern.format(lang=lang)
            response = page.goto(live_server.url + url)
            assert response.status == (404 if name == "404" else 200), url
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                found = page.evaluate(MEASURE)
                assert found["innerWidth"] == width
                if found["scrollWidth"] > found["innerWidth"]:
                    failures.append(
                        f"{url} @{width}px ({name}): {found['scrollWidth']} px wide; "
                        + ", ".join(found["culprits"])
                    )
                    screenshot(page, f"overflow-{lang}-{width}-{name.replace(' ', '-')}")
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        page.close()
    assert not failures, f"{len(failures)} pages wider than the screen:\n" + "\n".join(failures)


def test_the_check_catches_a_page_wider_than_the_screen(page_for):
    """The harness itself: an offset that widens an RTL page is measured and named."""
    page = page_for(viewport={"width": 390, "height": 900})
    # The old honeypot: an LTR block (an untranslated page) inside an Arabic page.
    page.set_content(
        '<!DOCTYPE html><html lang="ar" dir="rtl"><body><div lang="en" dir="ltr">'
        '<div class="trap" style="position: absolute; inset-inline-start: -10000px">x</div>'
        "</div></body></html>"
    )
    found = page.evaluate(MEASURE)
    assert found["scrollWidth"] > found["innerWidth"]
    assert found["culprits"][0].startswith("div.trap [-10000, ")
