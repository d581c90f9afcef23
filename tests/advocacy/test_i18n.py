"""English is a complete second language: switchable pages and a full catalogue."""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.urls import reverse

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False


def parse_po(path: Path) -> list[Entry]:
    """Just enough of the PO format for a catalogue written by makemessages."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None
    started = False

    def finish() -> None:
        nonlocal entry, started
        if started:
            entries.append(entry)
        entry, started = Entry(), False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#,"):
            if started:
                finish()
            entry.fuzzy = "fuzzy" in line
            continue
        if line.startswith("#"):  # references, comments and obsolete "#~" entries
            continue
        keyword, _sep, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = "", line
        text = ast.literal_eval(rest)
        if keyword == "msgctxt":
            if started and entry.msgstr:
                finish()
            entry.msgctxt, target, started = text, ("msgctxt", 0), True
        elif keyword == "msgid":
            if started and entry.msgstr:
                finish()
            entry.msgid, target, started = text, ("msgid", 0), True
        elif keyword == "msgid_plural":
            entry.msgid_plural, target = text, ("msgid_plural", 0)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            entry.msgstr[index], target = text, ("msgstr", index)
        elif keyword == "" and target is not None:
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += text
            else:
                setattr(entry, name, getattr(entry, name) + text)
        else:
            raise AssertionError(f"cannot parse PO line: {raw!r}")
    finish()
    return [e for e in entries if e.msgid]  # drop the header


@pytest.fixture
def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


@pytest.mark.django_db
def test_login_page_in_english(english):
    page = english.get(reverse("account_login")).content.decode()
    assert '<html lang="en">' in page
    assert "Staff login" in page
    assert "Anmeldung für Mitarbeitende" not in page


@pytest.mark.django_db
def test_public_report_form_in_english(english):
    response = english.get(reverse("intake:form"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Report surveillance by the Jobcenter" in page
    assert "Überwachung durch das Jobcenter melden" not in page


def test_catalogue_has_no_untranslated_or_fuzzy_entries():
    entries = parse_po(LOCALE / "django.po")
    assert len(entries) > 100
    untranslated = [
        e.msgid for e in entries if e.fuzzy or not e.msgstr or not all(e.msgstr.values())
    ]
    assert untranslated == []


def test_translations_keep_their_placeholders():
    wrong = []
    for e in parse_po(LOCALE / "django.po"):
        sources = [e.msgid] + ([e.msgid_plural] if e.msgid_plural else [])
        for source in sources:
            for translation in e.msgstr.values():
                if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                    wrong.append((e.msgid, translation))
    assert wrong == []


def test_compiled_catalogue_matches_the_po_file():
    with (LOCALE / "django.mo").open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    stale = []
    for e in parse_po(LOCALE / "django.po"):
        key = f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt else e.msgid
        if e.msgid_plural:
            found = {i: catalog.get((key, i)) for i in e.msgstr}
        else:
            found = {0: catalog.get(key)}
        if found != e.msgstr:
            stale.append(e.msgid)
    assert stale == [], "run compilemessages -l en"


# --- Every string marked for translation is in the catalogue -----------------------------------

ROOT = Path(__file__).resolve().parents[2]
# The names makemessages (xgettext with Django's keywords) extracts; a string
# marked through another alias ("_lazy") is never extracted, so stays German.
EXTRACTED = {
    "_": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "gettext_noop": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
    "npgettext": 1,
    "npgettext_lazy": 1,
}
TRANSLATE_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')"""
)
BLOCK_TAG = re.compile(
    r"\{%\s*blocktrans(?:late)?\b([^%]*)%\}(.*?)\{%\s*endblocktrans(?:late)?\s*%\}", re.S
)
TEMPLATE_VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _python_msgids() -> set[tuple[str, str]]:
    found = set()
    for package in ("advocacy", "cases", "letters", "transparency"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                position = EXTRACTED.get(name or "")
                if position is None or len(node.args) <= position:
                    continue
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.add((argument.value, str(path.relative_to(ROOT))))
    return found


def _template_msgids() -> set[tuple[str, str]]:
    found = set()
    for path in (ROOT / "templates").rglob("*"):
        if path.suffix not in (".html", ".txt"):
            continue
        text, where = path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))
        for match in TRANSLATE_TAG.finditer(text):
            found.add((match.group(1) if match.group(1) is not None else match.group(2), where))
        for match in BLOCK_TAG.finditer(text):
            options, body = match.groups()
            if "context" in options:
                continue
            singular = re.split(r"\{%\s*plural\s*%\}", body)[0].replace("%", "%%")
            singular = TEMPLATE_VARIABLE.sub(lambda v: f"%({v.group(1)})s", singular)
            if "trimmed" in options:
                singular = " ".join(line.strip() for line in singular.splitlines() if line.strip())
            found.add((singular, where))
    return found


def test_every_string_marked_for_translation_has_an_english_entry():
    catalogue = {e.msgid for e in parse_po(LOCALE / "django.po")}
    marked = _python_msgids() | _template_msgids()
    assert len(marked) > 1000
    missing = sorted((where, msgid) for msgid, where in marked if msgid not in catalogue)
    assert missing == [], "run makemessages -l en and translate"


def test_strings_are_marked_only_through_names_makemessages_extracts():
    aliases = []
    for package in ("advocacy", "cases", "letters", "transparency"):
        for path in (ROOT / package).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                found = re.match(r"from django\.utils\.translation import .*\bas (\w+)", line)
                if found and found.group(1) not in EXTRACTED:
                    aliases.append((str(path.relative_to(ROOT)), found.group(1)))
    assert aliases == []
