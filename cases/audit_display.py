"""The audit log in words: German action names, field labels, links to the case.

django-auditlog stores the action as a number, the model as a content type,
the changed fields by their code names and the object as its ``str()`` at
the time ("13: Notiz hinzugefügt" for a timeline entry of the case with the
primary key 13). This module turns a page of entries into rows a coordinator
can read, with one query per kind of object for the links.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.events import event_text
from cases.models import Case, CaseEvent, Decision, Evidence, Incident, Person

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("angelegt"),
    LogEntry.Action.UPDATE: _("geändert"),
    LogEntry.Action.DELETE: _("gelöscht"),
    LogEntry.Action.ACCESS: _("gelesen"),
}
ACTION_CHOICES = list(ACTION_LABELS.items())
# A read in a list (``cases.audit.list_read_logged``): which list showed it.
SEEN_IN_LABELS = {
    "case_list": _("in der Fallliste gesehen"),
    "dashboard": _("in der Übersicht gesehen"),
    "inbox": _("im Eingang gesehen"),
}


def _action_label(entry: LogEntry) -> str:
    seen_in = (entry.additional_data or {}).get("seen_in")
    if entry.action == LogEntry.Action.ACCESS and seen_in in SEEN_IN_LABELS:
        return str(SEEN_IN_LABELS[seen_in])
    return str(ACTION_LABELS.get(entry.action, entry.action))


# The models whose rows belong to one case, by the field that names it.
_CASE_PARTS: dict[type[Model], str] = {
    Incident: "case__reference",
    Evidence: "case__reference",
    Decision: "case__reference",
}

# Objects with a page of their own, by "app_label.model" (the letters app sits
# above this one and is named, not imported): the URL name taking the key.
# Entries about letters and reports name their case in ``additional_data``.
_OWN_PAGES: dict[str, str] = {
    "letters.letter": "letters:detail",
    "intake.intakesubmission": "intake:detail",
    "cases.jobcenter": "cases:jobcenter_detail",
}


@dataclass
class AuditRow:
    entry: LogEntry
    action: str
    what: str  # "Fall", "Bescheid", … (the model's verbose name)
    label: str  # the object as a person reads it
    case_reference: str = ""
    url: str = ""
    fields: list[str] = field(default_factory=list)
    is_case: bool = False

    @property
    def case_url(self) -> str:
        """The case's page, if the row names a case other than by its own link."""
        if self.is_case or not self.case_reference:
            return ""
        return reverse("cases:case_detail", args=[self.case_reference])


def _field_label(model: type[Model] | None, name: str) -> str:
    if model is None:
        return name
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    label = getattr(found, "verbose_name", None)
    related = found.related_model
    if label is None and related is not None and not isinstance(related, str):
        label = related._meta.verbose_name_plural  # a reverse relation
    return str(label or name)


def _references(entries: list[LogEntry]) -> dict[tuple[type[Model], str], str]:
    """(model, primary key) → case reference, one query per model."""
    wanted: dict[type[Model], set[str]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        if model in (Case, Person, *_CASE_PARTS):
            wanted[model].add(entry.object_pk)
    found: dict[tuple[type[Model], str], str] = {}
    for model, pks in wanted.items():
        rows: Iterable[tuple[Any, str]]
        if model is Case:
            rows = Case.objects.filter(pk__in=pks).values_list("pk", "reference")
        elif model is Person:
            # A person's first case: where their data is read and changed.
            # Newest first, so that the oldest case is written last and kept.
            rows = (
                Case.objects.filter(person_id__in=pks)
                .order_by("-pk")
                .values_list("person_id", "reference")
            )
        else:
            rows = model._default_manager.filter(pk__in=pks).values_list("pk", _CASE_PARTS[model])
        for pk, reference in rows:
            found[(model, str(pk))] = reference
    return found


def _own_page(entry: LogEntry) -> str:
    """The object's page, if it has one and still exists."""
    name = _OWN_PAGES.get(f"{entry.content_type.app_label}.{entry.content_type.model}")
    if not name or not entry.object_pk.isdigit() or entry.action == LogEntry.Action.DELETE:
        return ""
    return reverse(name, args=[entry.object_pk])


def _named_cases(entries: list[LogEntry]) -> dict[str, str]:
    """Case key → reference for the entries with a page of their own that
    name their case (a letter, a report), in one query."""
    keys = {
        str(entry.additional_data["case"])
        for entry in entries
        if _own_page(entry)
        and isinstance(entry.additional_data, dict)
        and entry.additional_data.get("case")
    }
    if not keys:
        return {}
    rows = Case.objects.filter(pk__in=keys).values_list("pk", "reference")
    return {str(pk): reference for pk, reference in rows}


def _events(entries: list[LogEntry]) -> dict[str, CaseEvent]:
    """The timeline events the entries name, to show them in their sentence."""
    pks = [e.object_pk for e in entries if e.content_type.model_class() is CaseEvent]
    if not pks:
        return {}
    found = CaseEvent.objects.filter(pk__in=pks).select_related("case")
    return {str(event.pk): event for event in found}


def audit_rows(entries) -> list[AuditRow]:
    entries = list(entries)
    references = _references(entries)
    events = _events(entries)
    named_cases = _named_cases(entries)
    rows = []
    for entry in entries:
        model = entry.content_type.model_class()
        if model is CaseEvent:
            what = str(_("Eintrag im Verlauf"))
        else:
            what = str(model._meta.verbose_name) if model else entry.content_type.name
        reference = references.get((model, entry.object_pk), "") if model else ""
        label = entry.object_repr
        if model is CaseEvent:
            event = events.get(entry.object_pk)
            # Stored as "13: note added": the case's database key and code words.
            label = event_text(event) if event else str(_("gelöschter Eintrag"))
            reference = event.case.reference if event else ""
        if model is Case and reference:
            label = reference
        url = reverse("cases:case_detail", args=[reference]) if reference else ""
        if own := _own_page(entry):
            url = own
            data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
            reference = named_cases.get(str(data.get("case")), "")
        rows.append(
            AuditRow(
                entry=entry,
                action=_action_label(entry),
                what=what,
                label=label,
                case_reference=reference,
                url=url,
                fields=[_field_label(model, name) for name in (entry.changes_dict or {})],
                is_case=model is Case,
            )
        )
    return rows
