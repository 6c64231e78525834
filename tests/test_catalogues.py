"""The catalogues keep up with the code: every string extracted is translated, none is left over.

The extraction is the real one (`make extract`, the command the README gives), run on a
copy of the working tree so that locale/ is never touched; its POT is compared with the
committed locale/<language>/LC_MESSAGES/django.po of every language.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import missing_service

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["fr", "de", "es", "ar"]
# Not read by the extraction (tests/ and the virtualenv are --ignore'd), so not copied.
NOT_COPIED = {".git", ".venv", "var", "node_modules", "tests", ".pytest_cache", ".ruff_cache"}
TRANSLATE_TAG = re.compile(r"\{%-?\s*(translate|trans|blocktranslate|blocktrans)\b")
# %(name)s, %s, %d … (not %%), and str.format's {name}.
PYTHON_FORMAT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?([diouxXeEfFgGcrsa%])")
BRACE_FORMAT = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")
# Text written into the page by a script instead of coming, translated, from a template.
SCRIPT_TEXT = re.compile(
    r"""(?:\.(?:textContent|innerText|innerHTML|title|placeholder|alt)\s*=\s*|"""
    r"""setAttribute\(\s*["'](?:aria-label|title|placeholder|alt)["']\s*,\s*|"""
    r"""\b(?:alert|confirm|prompt)\(\s*)(["'`])[^"'`]*[A-Za-z]{2}"""
)


def copy_tree(destination):
    def ignore(directory, names):
        top = Path(directory) == ROOT
        return {n for n in names if n == "__pycache__" or (top and n in NOT_COPIED)}

    shutil.copytree(ROOT, destination, ignore=ignore, symlinks=True)


@pytest.fixture(scope="module")
def extraction(tmp_path_factory):
    """The POT of the working tree, and what xgettext said while making it."""
    for tool in ("make", "xgettext", "msgmerge", "msgfmt"):
        if not shutil.which(tool):
            missing_service(f"the catalogue test needs {tool} (apt-get install make gettext)")
    tree = tmp_path_factory.mktemp("extraction") / "tree"
    copy_tree(tree)
    result = subprocess.run(
        # With this interpreter: the one that runs the tests has Django.
        ["make", "-s", "extract", f"MANAGE={sys.executable} manage.py", "EXTRACT_ARGS=--keep-pot"],
        cwd=tree,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"make extract failed:\n{result.stdout}\n{result.stderr}"
    return polib.pofile(str(tree / "locale" / "django.pot")), result.stderr


def key(entry):
    return (entry.msgctxt, entry.msgid)


def describe(entry):
    where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"{context}{entry.msgid!r}" + (f" ({where})" if where else "")


def placeholders(text, python=True):
    """Named placeholders (with their conversion), positional ones in order, braces."""
    named, positional = set(), []
    for name, conversion in PYTHON_FORMAT.findall(text) if python else ():
        if conversion == "%":
            continue
        if name:
            named.add(f"%({name}){conversion}")
        else:
            positional.append(f"%{conversion}")
    return named, positional, {f"{{{name}}}" for name in BRACE_FORMAT.findall(text)}


def placeholder_problem(entry):
    """Why the translation's placeholders differ from the source's, or None."""
    python = "python-format" in entry.flags
    if not entry.msgid_plural:
        source, translated = placeholders(entry.msgid, python), placeholders(entry.msgstr, python)
        if source != translated:
            return f"has {format_set(translated)} where the source has {format_set(source)}"
        return None
    # A plural form may leave out the number (Arabic says "one day", not "1 days"):
    # one placeholder, the same in every form, and none may be left out of all forms.
    singular, plural = placeholders(entry.msgid, python), placeholders(entry.msgid_plural, python)
    named, positional, braces = singular[0] | plural[0], plural[1], singular[2] | plural[2]
    dropped, used = set(), set()
    for index, text in sorted(entry.msgstr_plural.items()):
        form_named, form_positional, form_braces = placeholders(text, python)
        if form_positional != positional or not form_named <= named or not form_braces <= braces:
            found = format_set((form_named, form_positional, form_braces))
            return f"msgstr[{index}] has {found} where the source has " + format_set(
                (named, positional, braces)
            )
        dropped |= (named - form_named) | (braces - form_braces)
        used |= form_named | form_braces
    if len(dropped) > 1 or (named | braces) - used:
        return f"plural forms leave out {', '.join(sorted(dropped))}"
    return None


def format_set(found):
    named, positional, braces = found
    return "{" + ", ".join(sorted(named) + positional + sorted(braces)) + "}"


def catalogue_offenders(pot, language):
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    if not path.exists():
        return [f"{path.relative_to(ROOT)} does not exist"]
    po = polib.pofile(str(path))
    plurals = int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", "")).group(1))
    extracted = {key(entry): entry for entry in pot}
    committed = {key(entry): entry for entry in po if not entry.obsolete}
    offenders = []
    for entry_key, source in extracted.items():
        entry = committed.get(entry_key)
        if entry is None:
            offenders.append(f"missing: {describe(source)}")
            continue
        if entry.msgid_plural != source.msgid_plural:
            offenders.append(
                f"plural differs from the source ({entry.msgid_plural!r}, "
                f"extracted {source.msgid_plural!r}): {describe(source)}"
            )
            continue
        if entry.fuzzy:
            offenders.append(f"fuzzy: {describe(source)}")
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            if len(forms) != plurals or not all(forms.values()):
                filled = sum(1 for text in forms.values() if text)
                offenders.append(
                    f"untranslated ({filled} of {plurals} plural forms): {describe(source)}"
                )
                continue
        elif not entry.msgstr:
            offenders.append(f"untranslated: {describe(source)}")
            continue
        problem = placeholder_problem(entry)
        if problem:
            offenders.append(f"placeholders: {describe(source)} {problem}")
    for entry_key, entry in committed.items():
        if entry_key not in extracted:
            offenders.append(f"obsolete (no longer extracted): {describe(entry)}")
    offenders += [f"obsolete (#~): {describe(entry)}" for entry in po.obsolete_entries()]
    check = subprocess.run(
        ["msgfmt", "--check-format", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    offenders += [f"msgfmt: {line}" for line in check.stderr.splitlines() if line.strip()]
    return offenders


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_holds_every_extracted_string_translated(extraction, language):
    pot, _ = extraction
    offenders = catalogue_offenders(pot, language)
    assert not offenders, (
        f"locale/{language}/LC_MESSAGES/django.po is not in step with the code "
        f"({len(offenders)}; run `make extract`, then translate):\n  " + "\n  ".join(offenders)
    )


def test_extraction_has_no_warnings(extraction):
    """A msgid used with and without a plural (or any other xgettext warning) loses a form."""
    _, stderr = extraction
    warnings = [line for line in stderr.splitlines() if "warning" in line.lower()]
    assert not warnings, "xgettext warned:\n" + stderr


def test_every_template_with_strings_is_extracted(extraction):
    """Catches a template in an extension `make extract` does not read."""
    pot, _ = extraction
    extracted = {path for entry in pot for path, _ in entry.occurrences}
    unread = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*")
        if path.is_file()
        and TRANSLATE_TAG.search(path.read_text(errors="ignore"))
        and str(path.relative_to(ROOT)) not in extracted
    )
    assert not unread, "templates whose strings are not extracted: " + ", ".join(unread)


def test_scripts_write_no_text_of_their_own():
    """Scripts take their words from data attributes the templates fill, translated."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "static" / "js").glob("*.js"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if SCRIPT_TEXT.search(line)
    ]
    assert not offenders, "untranslatable text in scripts:\n  " + "\n  ".join(offenders)


@pytest.mark.parametrize(
    ("msgid", "msgstr", "problem"),
    [
        ("%(days)s days", "%(days)s jours", False),
        ("%(days)s days", "%(jours)s jours", True),
        ("%(days)s days", "%(days)d jours", True),
        ("{days} days to go", "J-{days}", False),
        ("{days} days to go", "J-{jours}", True),
        ("%s of %d", "%s sur %d", False),
        ("%s of %d", "%d sur %s", True),
        ("100%% sure of %(x)s", "sûr à 100 %% de %(x)s", False),
    ],
)
def test_placeholder_comparison(msgid, msgstr, problem):
    entry = polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["python-format"])
    assert bool(placeholder_problem(entry)) is problem


def test_plural_forms_may_leave_out_one_placeholder_only():
    source = {"msgid": "%(count)s in %(name)s", "msgid_plural": "%(count)s in %(name)s"}
    forms = {
        ("one in %(name)s", "%(count)s in %(name)s"): False,
        ("one in %(name)s", "%(count)s"): True,
        ("%(count)s in %(name)s", "%(cuont)s in %(name)s"): True,
    }
    for (first, other), problem in forms.items():
        entry = polib.POEntry(**source, msgstr_plural={0: first, 1: other}, flags=["python-format"])
        assert bool(placeholder_problem(entry)) is problem, (first, other)
