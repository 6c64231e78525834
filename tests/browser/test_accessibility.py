"""axe-core checks the demo site's main pages against WCAG 2.2 A and AA, in a real browser.

axe-core is vendored from npm (package.json) into tests/browser/vendor/axe-core/.
"""

from pathlib import Path

import pytest

from tests.browser.conftest import screenshot

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [
    "/{lang}/",
    "/{lang}/cities/",
    "/{lang}/cities/montreal/",
    "/{lang}/initiatives/",
    "/{lang}/initiatives/?kind=public_policy",
    "/{lang}/summits/",
    "/{lang}/summits/duesseldorf-2019/",
    "/{lang}/summits/duesseldorf-2019/declaration/",
    "/{lang}/capitals/",
    "/{lang}/capitals/2025/",
    "/{lang}/international-day/",
    "/{lang}/search/?query=city",
]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site(demo_db, live_server):
    return live_server


def violations(page, loaded=False):
    """axe-core's findings on the page (``loaded``: its script is in the page already)."""
    if not loaded:
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{item['id']} ({item['impact']}): {item['help']} — "
        + "; ".join(node["target"][0] for node in item["nodes"][:3])
        for item in result["violations"]
    ]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_main_pages_have_no_wcag_violations(demo_site, page_for, lang):
    """Each page is checked on a desktop, then with the window as narrow as a phone (the
    media queries apply again; the page and axe are loaded once)."""
    found = {}
    # The site's CSP would (rightly) refuse the injected axe script.
    page = page_for(locale=lang, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    for pattern in PAGES:
        url = pattern.format(lang=lang)
        response = page.goto(demo_site.url + url)
        assert response.status == 200, url
        page.add_script_tag(path=str(AXE))
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            problems = violations(page, loaded=True)
            if problems:
                found[f"{url} @{width}px"] = problems
        page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, f"a11y-last-{lang}-desktop")
    page.set_viewport_size({"width": 390, "height": 900})
    screenshot(page, f"a11y-last-{lang}-phone")
    assert not found, "\n".join(f"{url}: {problems}" for url, problems in found.items())


def test_the_check_catches_a_violation(page_for):
    """The harness itself: a page with an image without alternative text fails."""
    page = page_for(bypass_csp=True)
    page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
    assert any(problem.startswith("image-alt") for problem in violations(page))
