"""The apps form layers: each module imports only its own app and the layers below it.

Every import counts, those inside functions too: a deferred import is still a
dependency. Pages that show content of apps above them take it through
``core.sections`` (Wagtail hooks that those apps register), not by importing them.
The README draws the same picture.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. Apps on one line are siblings: neither imports the other.
LAYERS = (
    ("observatory",),
    ("core",),
    ("home",),
    ("cities",),
    ("initiatives", "summits"),
    ("capitals", "exhibitions"),
    ("international_day",),
    ("newsletters",),
    ("search",),
)
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}


def project_modules():
    for app in LEVEL:
        yield from sorted((ROOT / app).rglob("*.py"))


def imported_apps(path):
    """(line, app) for every project app ``path`` imports, wherever the import is."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue  # relative imports stay inside the module's own app
        for name in names:
            app = name.split(".")[0]
            if app in LEVEL:
                yield node.lineno, app


def test_every_app_has_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(LEVEL), f"apps without a layer: {sorted(apps - set(LEVEL))}"


def test_modules_import_only_lower_layers():
    violations = []
    for path in project_modules():
        own = path.relative_to(ROOT).parts[0]
        for line, app in imported_apps(path):
            if app != own and LEVEL[app] >= LEVEL[own]:
                violations.append(f"{path.relative_to(ROOT)}:{line} imports {app}")
    assert not violations, "imports of a layer not below:\n" + "\n".join(violations)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from newsletters.models import Subscriber\n", ["newsletters"]),
        ("def f():\n    import capitals.models\n", ["capitals"]),
        ("from .models import CityPage\nimport json\n", []),
    ],
)
def test_the_check_sees_every_import(tmp_path, source, expected):
    module = tmp_path / "module.py"
    module.write_text(source)
    assert [app for _line, app in imported_apps(module)] == expected
