"""Hostile input for forms, and the properties every form must keep.

``hostile_form_data(fields)`` draws form data: very long strings, control
characters (NUL included), RTL overrides, HTML/JS, SQL-looking text, emoji,
numbers and lists where text is expected, and missing fields.
``post_and_check(client, url, data)`` posts it and asserts that the answer is
never a 5xx and that a refused submission (validation error) saved nothing.
"""

from __future__ import annotations

from html.parser import HTMLParser

from django.apps import apps
from django.db import connection
from hypothesis import strategies as st

# The tables of the project's own apps: nothing may be half-saved there.
PROJECT_APPS = ("advocacy", "cases", "deadlines", "intake", "letters", "auth", "mfa")

NASTY = [
    "\x00",
    "a\x00b",
    "\u202eexe.fdp",
    "\u202d\u202c\u2066\u2069",
    "\ufeff",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
    "' OR '1'='1' --",
    "'; DROP TABLE cases_case; --",
    "1 UNION SELECT password FROM auth_user",
    "%00%27%22",
    "../../../../etc/passwd",
    "file:///etc/passwd",
    "😀👩‍👩‍👧‍👦🏳️‍🌈",
    "Ärger über Überwachung ß",
    "\r\nSet-Cookie: x=y",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "31.12.9999",
    "true",
    "",
    " ",
]

control_chars = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), min_size=1, max_size=20
)
long_text = st.sampled_from([10_000, 100_000, 1_000_000]).flatmap(
    lambda n: st.sampled_from(["A", "ä", "😀", "<", "'"]).map(lambda c: c * n)
)
hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=200),
    control_chars,
    long_text,
    st.builds(lambda a, b: a + b, st.sampled_from(NASTY), st.text(max_size=30)),
)
wrong_types = st.one_of(
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    st.lists(hostile_text, min_size=2, max_size=3),  # several values for one field
)
MISSING = object()
field_value = st.one_of(hostile_text, wrong_types, st.just(MISSING))


@st.composite
def hostile_form_data(
    draw, fields: tuple[str, ...], base: dict[str, str] | None = None
) -> dict[str, object]:
    """Hostile values for ``fields``; with ``base`` (a plausible valid
    submission) some fields keep their valid value, so that examples get past
    the first error and reach the writes."""
    data: dict[str, object] = {}
    keep_valid = bool(base) and draw(st.booleans())
    for name in fields:
        if keep_valid and base and name in base and draw(st.integers(0, 3)):
            value = base[name]
        else:
            value = draw(field_value)
        if value is not MISSING:
            data[name] = value
    # Sometimes an extra field the form does not know.
    if draw(st.booleans()):
        data[draw(st.sampled_from(["is_staff", "pk", "team", "status", "__proto__"]))] = draw(
            hostile_text
        )
    return data


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.app_label in PROJECT_APPS and model._meta.managed:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                counts[model._meta.db_table] = cursor.fetchone()[0]
    return counts


def is_refusal(response) -> bool:
    """Did the form refuse the input (validation error, 4xx)?"""
    if 400 <= response.status_code < 500:
        return True
    if response.status_code != 200 or response.context is None:
        return False
    for context in response.context:
        for value in context.flatten().values():
            errors = getattr(value, "errors", None)
            if errors and hasattr(value, "is_bound") and value.is_bound:
                return True
    return False


def post_and_check(client, url: str, data: dict[str, object], **extra) -> object:
    before = table_counts()
    response = client.post(url, data, **extra)
    assert response.status_code < 500, f"POST {url} answered {response.status_code}"
    if is_refusal(response):
        after = table_counts()
        changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
        assert not changed, f"refused POST {url} still wrote rows: {changed}"
    return response


class _FormFields(HTMLParser):
    """Names of the fields of the POST forms of a page, per action."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[str]]] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "get").lower() == "post":
            self._current = []
            self.forms.append((attributes.get("action") or "", self._current))
        elif tag in {"input", "select", "textarea"} and self._current is not None:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken" and name not in self._current:
                self._current.append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def post_forms(html: str) -> list[tuple[str, list[str]]]:
    """(action, field names) of every POST form in ``html``."""
    parser = _FormFields()
    parser.feed(html)
    return parser.forms
