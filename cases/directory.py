"""The Jobcenter and authority directory: importing it from CSV.

Each row is validated on its own; the valid rows are written (created or
updated by their natural key, so importing twice changes nothing) and the
invalid ones are reported with their line number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.db import transaction

from advocacy.models import Bundesland
from cases.models import Authority, Jobcenter

DATA_DIR = Path(__file__).resolve().parent / "data"
JOBCENTER_COLUMNS = ("name", "kind", "Bundesland", "street", "postcode", "city", "email", "fax")
STATE_BY_NAME = {label.casefold(): value for value, label in Bundesland.choices}
YES = {"ja", "yes", "true", "1", "x"}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _state_code(value: str) -> str:
    value = (value or "").strip()
    return STATE_BY_NAME.get(value.casefold(), value.upper())


class JobcenterRowForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Jobcenter.Kind.choices)
    state = forms.ChoiceField(choices=Bundesland.choices)
    street = forms.CharField(max_length=200, required=False)
    postcode = forms.RegexField(regex=r"^\d{5}$", required=False)
    city = forms.CharField(max_length=100)
    email = forms.EmailField(required=False)
    fax = forms.CharField(max_length=40, required=False)


class AuthorityRowForm(forms.Form):
    kind = forms.ChoiceField(choices=Authority.Kind.choices)
    name = forms.CharField(max_length=200)
    short_name = forms.CharField(max_length=60, required=False)
    street = forms.CharField(max_length=200, required=False)
    postcode = forms.RegexField(regex=r"^\d{5}$", required=False)
    city = forms.CharField(max_length=100)
    state = forms.ChoiceField(choices=Bundesland.choices)
    jurisdiction_state = forms.ChoiceField(choices=[("", "—"), *Bundesland.choices], required=False)
    is_federal = forms.BooleanField(required=False)
    email = forms.EmailField(required=False)
    fax = forms.CharField(max_length=40, required=False)


def _messages(form: forms.Form) -> str:
    return "; ".join(
        f"{name}: {' '.join(str(e) for e in errors)}" for name, errors in form.errors.items()
    )


def _upsert(model, lookup: dict, values: dict, result: ImportResult) -> None:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        result.created += 1
        return
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=[*changed, "updated_at"])
        result.updated += 1
    else:
        result.unchanged += 1


@transaction.atomic
def jobcenters_import(rows: Iterable[dict]) -> ImportResult:
    """Import Jobcenter rows (CSV columns name, kind, Bundesland, street,
    postcode, city, email, fax); line numbers count the header as line 1."""
    result = ImportResult()
    seen: set[tuple[str, str]] = set()
    for line, row in enumerate(rows, start=2):
        data = {k: (v or "").strip() for k, v in row.items() if k}
        data["state"] = _state_code(data.pop("Bundesland", data.get("state", "")))
        form = JobcenterRowForm(data)
        if not form.is_valid():
            result.errors.append((line, _messages(form)))
            continue
        clean = form.cleaned_data
        key = (clean["name"], clean["city"])
        if key in seen:
            result.errors.append((line, f"doppelt in der Datei: {clean['name']} ({clean['city']})"))
            continue
        seen.add(key)
        lookup = {"name": clean.pop("name"), "city": clean.pop("city")}
        _upsert(Jobcenter, lookup, clean, result)
    return result


@transaction.atomic
def authorities_import(rows: Iterable[dict]) -> ImportResult:
    """Import authority rows; ``is_federal`` is ja/nein."""
    result = ImportResult()
    for line, row in enumerate(rows, start=2):
        data = {k: (v or "").strip() for k, v in row.items() if k}
        data["state"] = _state_code(data.get("state", ""))
        data["jurisdiction_state"] = _state_code(data.get("jurisdiction_state", ""))
        if data.get("is_federal", "").casefold() not in YES:
            data.pop("is_federal", None)
        form = AuthorityRowForm(data)
        if not form.is_valid():
            result.errors.append((line, _messages(form)))
            continue
        clean = form.cleaned_data
        lookup = {"kind": clean.pop("kind"), "name": clean.pop("name")}
        _upsert(Authority, lookup, clean, result)
    return result


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        return list(csv.DictReader(handle, dialect=dialect))


def directory_load() -> tuple[ImportResult, ImportResult]:
    """Load the shipped starter data (idempotent)."""
    authorities = authorities_import(read_csv(DATA_DIR / "authorities.csv"))
    jobcenters = jobcenters_import(read_csv(DATA_DIR / "jobcenters.csv"))
    return authorities, jobcenters
