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
from django.db import models, transaction

from advocacy.models import Bundesland
from cases.authorities import assignment_problem
from cases.models import Authority, Jobcenter
from cases.routing import district_key_problem, parse_district_keys

DATA_DIR = Path(__file__).resolve().parent / "data"
JOBCENTER_COLUMNS = (
    "name",
    "kind",
    "Bundesland",
    "district_key",
    "street",
    "postcode",
    "city",
    "email",
    "fax",
    "social_court",
    "prosecutor",
    "dpo_name",
    "dpo_email",
    "dpo_address",
    "supervisor_name",
    "supervisor_address",
    "source",
    "checked_on",
)
REQUIRED_JOBCENTER_COLUMNS = {"name", "kind", "Bundesland", "city"}
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


class _VerifiedRow(forms.Form):
    source = forms.CharField(required=False)
    checked_on = forms.DateField(required=False, input_formats=["%Y-%m-%d", "%d.%m.%Y"])


class JobcenterRowForm(_VerifiedRow):
    """One row of a complete Jobcenter list. The court and the prosecutor are
    named as in the authority directory; each must serve the Jobcenter's district."""

    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Jobcenter.Kind.choices)
    state = forms.ChoiceField(choices=Bundesland.choices)
    district_key = forms.CharField(max_length=5, required=False)
    street = forms.CharField(max_length=200, required=False)
    postcode = forms.RegexField(regex=r"^\d{5}$", required=False)
    city = forms.CharField(max_length=100)
    email = forms.EmailField(required=False)
    fax = forms.CharField(max_length=40, required=False)
    social_court = forms.CharField(max_length=200, required=False)
    prosecutor = forms.CharField(max_length=200, required=False)
    dpo_name = forms.CharField(max_length=200, required=False)
    dpo_email = forms.EmailField(required=False)
    dpo_address = forms.CharField(required=False)
    supervisor_name = forms.CharField(max_length=200, required=False)
    supervisor_address = forms.CharField(required=False)

    def _authority(self, field: str, kind: str) -> Authority | None:
        name = self.cleaned_data.get(field, "")
        if not name:
            return None
        found = Authority.objects.filter(kind=kind).filter(
            models.Q(name=name) | models.Q(short_name=name)
        )
        if len(found) != 1:
            label = Authority.Kind(kind).label
            self.add_error(field, f"„{name}“ ist keine {label} des Verzeichnisses.")
            return None
        return found[0]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        key = data.get("district_key", "")
        if key and data.get("state"):
            problem = district_key_problem(key, state=data["state"])
            if problem:
                self.add_error("district_key", problem)
        for name, kind in (
            ("social_court", Authority.Kind.SOCIAL_COURT),
            ("prosecutor", Authority.Kind.PROSECUTOR),
        ):
            authority = self._authority(name, kind)
            problem = assignment_problem(authority, key) if authority is not None else ""
            if problem:
                self.add_error(name, problem)
            data[name] = authority
        for lines in ("dpo_address", "supervisor_address"):
            # In a CSV cell, "|" separates the address lines.
            data[lines] = "\n".join(
                line.strip() for line in data.get(lines, "").replace("|", "\n").splitlines()
            ).strip()
        return data


class AuthorityRowForm(_VerifiedRow):
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
    district_keys = forms.CharField(required=False)
    superior = forms.CharField(max_length=200, required=False)

    def clean_district_keys(self) -> str:
        try:
            return " ".join(parse_district_keys(self.cleaned_data.get("district_keys", "")))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_superior(self) -> Authority | None:
        name = self.cleaned_data.get("superior", "")
        if not name:
            return None
        found = Authority.objects.filter(models.Q(name=name) | models.Q(short_name=name))
        if len(found) != 1:
            raise forms.ValidationError(
                f"„{name}“ steht nicht (oder nicht eindeutig) im Verzeichnis; übergeordnete "
                "Behörden stehen in der Datei vor den ihnen nachgeordneten."
            )
        return found[0]


def _messages(form: forms.Form) -> str:
    return "; ".join(
        f"{name}: {' '.join(str(e) for e in errors)}" for name, errors in form.errors.items()
    )


def _given(clean: dict, row: dict) -> dict:
    """Only the columns the file has: a shorter list never blanks a field
    that a coordinator filled in (is_federal is always given)."""
    return {name: value for name, value in clean.items() if name in row or name == "is_federal"}


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
    """Import Jobcenter rows (CSV columns: ``JOBCENTER_COLUMNS``, of which
    name, kind, Bundesland and city are required); line numbers count the
    header as line 1."""
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
        _upsert(Jobcenter, lookup, _given(clean, data), result)
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
        _upsert(Authority, lookup, _given(clean, data), result)
    return result


def read_csv(path: Path) -> list[dict]:
    """An uploaded list: comma, semicolon or tab separated."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        return list(csv.DictReader(handle, dialect=dialect))


def read_shipped(name: str) -> list[dict]:
    """A file of ``cases/data``: always comma separated (its long source
    texts contain semicolons, which would mislead a guess)."""
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def known_districts() -> dict[str, str]:
    """The Kreise and kreisfreie Städte by key, from the shipped list
    ``cases/data/kreise.csv`` (each row names its source)."""
    return {row["key"]: row["name"] for row in read_shipped("kreise.csv")}


def directory_load() -> tuple[ImportResult, ImportResult]:
    """Load the shipped starter data (idempotent)."""
    authorities = authorities_import(read_shipped("authorities.csv"))
    jobcenters = jobcenters_import(read_shipped("jobcenters.csv"))
    return authorities, jobcenters
