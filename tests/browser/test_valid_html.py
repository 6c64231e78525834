"""The pages are valid HTML: the Nu Html Checker finds no error, in English and Arabic.

vnu.jar comes from npm (package.json: `npm ci`) and runs on Java 17 or later
(`apt-get install default-jre-headless`); .ci/run installs both. One JVM checks
every page at once. It runs with the browser tests, after the unit tests.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import DEMO_PAGES
from tests.conftest import missing_service

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(paths):
    """Every error vnu reports in these files, as its JSON messages."""
    java = shutil.which("java")
    if not java:
        missing_service("the HTML check needs Java 17+ (apt-get install default-jre-headless)")
    if not VNU.exists():
        missing_service(f"the HTML check needs {VNU.relative_to(ROOT)} (npm ci)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    try:
        return json.loads(result.stdout)["messages"]
    except ValueError:
        pytest.fail(f"vnu did not answer in JSON (exit {result.returncode}): {result.stderr}")


def describe(message, names):
    where = names.get(message.get("url", "").removeprefix("file:"), message.get("url"))
    line = message.get("lastLine", "?")
    return f"{where}:{line}: {message['message']}  «{message.get('extract', '').strip()}»"


# Building the demo takes a minute or more on a busy machine.
@pytest.mark.timeout(600)
def test_main_pages_are_valid_html(demo_content, client, tmp_path):
    names = {}
    for lang in ("en", "ar"):
        for name, pattern in DEMO_PAGES.items():
            url = pattern.format(lang=lang)
            response = client.get(url)
            assert response.status_code == (404 if name == "404" else 200), url
            path = tmp_path / f"{lang}-{name.replace(' ', '-')}.html"
            path.write_bytes(response.content)
            names[str(path)] = url
    errors = vnu_errors(names)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(
        describe(message, names) for message in errors
    )


def test_the_check_catches_invalid_html(tmp_path):
    """The harness itself: the header search as it was (a combobox on type=search) fails."""
    path = tmp_path / "invalid.html"
    path.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><label for="q">Search</label><input id="q" type="search" role="combobox" '
        'aria-expanded="false"></body></html>'
    )
    errors = vnu_errors([path])
    assert any("combobox" in message["message"] for message in errors), errors
