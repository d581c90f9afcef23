"""Faults to inject into real services, and what to read back afterwards."""

from __future__ import annotations

import contextlib
import email
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps
from django.db import connection, models


@contextlib.contextmanager
def failing_inserts_into(model: type[models.Model]) -> Iterator[None]:
    """Every INSERT into ``model``'s table fails inside PostgreSQL, as a full
    disk or a lost connection would make it fail: after the earlier writes
    of the same transaction have happened."""
    table = model._meta.db_table
    function = f"harness_fail_{table}"[:60]
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION 'injected failure writing {table}'; END; "
            "$$ LANGUAGE plpgsql"
        )
        cursor.execute(
            f"CREATE TRIGGER {function} BEFORE INSERT ON {connection.ops.quote_name(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DROP TRIGGER IF EXISTS {function} ON {connection.ops.quote_name(table)}"
            )
            cursor.execute(f"DROP FUNCTION IF EXISTS {function}()")


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


def model_named(app_label: str, *words: str) -> type[models.Model] | None:
    """The model of ``app_label`` whose name contains all ``words``."""
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return None
    for model in config.get_models():
        if all(word in model.__name__.lower() for word in words):
            return model
    return None


def sent_mails(mail_dir: Path) -> list[email.message.Message]:
    """Messages written by Django's file e-mail backend (one file per
    connection, messages separated by a line of 79 dashes)."""
    messages = []
    for path in files_under(mail_dir):
        for chunk in path.read_text(errors="replace").split("-" * 79 + "\n"):
            if chunk.strip():
                messages.append(email.message_from_string(chunk.lstrip("\n")))
    return messages


def duplicates(messages: list[email.message.Message]) -> dict[tuple[str, str], int]:
    counts = Counter((str(m["To"]), str(m["Subject"])) for m in messages)
    return {key: n for key, n in counts.items() if n > 1}


class _FormValues(HTMLParser):
    """Names and preset values of the first POST form's fields."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}
        self.kinds: dict[str, str] = {}
        self._in_form = False
        self._select: str | None = None
        self._done = False

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and not self._done and a.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            self.kinds.setdefault(name, kind)
            if kind in ("radio", "checkbox"):
                self.choices.setdefault(name, []).append(a.get("value", "on"))
            else:
                self.values.setdefault(name, a.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            self.kinds[name] = "select"
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if value:
                self.choices.setdefault(self._select, []).append(value)
        elif tag == "textarea" and name:
            self.kinds[name] = "textarea"
            self.values.setdefault(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form = False
            self._done = True


def form_values(html: str) -> _FormValues:
    parser = _FormValues()
    parser.feed(html)
    return parser


HONEYPOT_WORDS = ("website", "homepage", "honeypot", "hp_", "url")


def plausible_submission(html: str) -> tuple[dict[str, str], list[str]]:
    """A plausible valid submission of the page's first POST form: hidden
    fields (time trap, proof of work) kept, honeypot-looking fields left
    empty, the first choice of each choice; and the names of file fields."""
    form = form_values(html)
    data: dict[str, str] = {}
    file_fields: list[str] = []
    for name, kind in form.kinds.items():
        lowered = name.lower()
        if any(word in lowered for word in HONEYPOT_WORDS):
            data[name] = ""
        elif kind == "hidden":
            data[name] = form.values.get(name, "")
        elif kind == "file":
            file_fields.append(name)
        elif kind in ("radio", "select"):
            data[name] = form.choices.get(name, [""])[0]
        elif kind == "checkbox":
            data[name] = form.choices.get(name, ["on"])[0]
        elif kind == "email" or "email" in lowered:
            data[name] = "betroffen@example.org"
        elif kind == "date" or lowered.endswith("_on") or "date" in lowered:
            data[name] = "2025-03-10"
        elif kind == "textarea":
            data[name] = "Die Sachbearbeiterin hat mein Facebook-Profil ausgedruckt."
        else:
            data[name] = "Beispiel"
    return data, file_fields
