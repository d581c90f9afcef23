"""The case timeline: events store what happened, never a sentence.

An event is a kind (``CaseEvent.Kind``), an ``action`` within that kind where
one kind has several (a deadline is computed, confirmed, overridden, …) and
the facts of it (codes, dates, primary keys, names typed by staff). The
sentence is rendered when the event is shown, in the viewer's language, by
the renderer registered for ``(kind, action)``. Each app registers the
sentences of its own events (``cases/event_sentences.py``,
``cases/deadlines/events.py``, ``letters/events.py``, …), so the core never
imports the apps above it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from advocacy.auth import Staff
from cases.models import Case, CaseEvent, Decision, Incident, Outcome

Facts = Mapping[str, Any]
Renderer = Callable[[Facts], str]

_RENDERERS: dict[tuple[str, str], Renderer] = {}


def sentence(kind: str, action: str = "") -> Callable[[Renderer], Renderer]:
    """Register the function that renders the sentence of ``(kind, action)``."""

    def register(renderer: Renderer) -> Renderer:
        _RENDERERS[(str(kind), action)] = renderer
        return renderer

    return register


def event_record(
    *,
    case: Case,
    kind: str,
    action: str = "",
    by: Staff | None = None,
    note: str = "",
    data: Facts | None = None,
) -> CaseEvent:
    """Add a line to the case's timeline: the kind, the action and its facts."""
    facts = dict(data or {})
    if action:
        facts["action"] = action
    return CaseEvent.objects.create(case=case, kind=kind, by=by, note=note, data=facts)


def event_text(event: CaseEvent) -> str:
    """The event's sentence in the active language.

    Events whose facts were removed (anonymised cases) or that predate a
    renderer fall back to the name of their kind, never to an empty line."""
    data = event.data or {}
    if data.get("legacy_text"):  # written before 0005 and not to be taken apart
        return str(data["legacy_text"])
    renderer = _RENDERERS.get((event.kind, str(data.get("action", ""))))
    if renderer is not None:
        return renderer(data)
    return str(CaseEvent.Kind(event.kind).label) if event.kind in CaseEvent.Kind else event.kind


def day(value: str | None) -> str:
    """An ISO date from an event's facts as the viewer reads it (``07.04.2025``)."""
    if not value:
        return "?"
    try:
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    except ValueError:
        return str(value)


def label(choices: Any, value: str | None) -> str:
    """The label of a stored choice code, translated now; the code itself if unknown."""
    if value is None:
        return "?"
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


# --- the sentences of the cases app's own events ---------------------------------


@sentence(CaseEvent.Kind.CREATED)
def _created(facts: Facts) -> str:
    return _("Fall angelegt")


@sentence(CaseEvent.Kind.STATUS)
def _status(facts: Facts) -> str:
    return _("Status: %(old)s → %(new)s") % {
        "old": label(Case.Status, facts.get("from")),
        "new": label(Case.Status, facts.get("to")),
    }


@sentence(CaseEvent.Kind.EVIDENCE)
def _evidence(facts: Facts) -> str:
    title = facts.get("title")
    if not title:
        return _("Beweismittel hinzugefügt")
    return _("Beweismittel hinzugefügt: %(title)s") % {"title": title}


@sentence(CaseEvent.Kind.INCIDENT)
def _incident(facts: Facts) -> str:
    if not facts.get("incident_kind"):
        return _("Vorfall erfasst")
    return _("Vorfall erfasst: %(kind)s") % {"kind": label(Incident.Kind, facts["incident_kind"])}


@sentence(CaseEvent.Kind.INCIDENT, "offender_learned")
def _incident_offender_learned(facts: Facts) -> str:
    return _("Kenntnis vom Täter erfasst: %(kind)s – %(on)s") % {
        "kind": label(Incident.Kind, facts.get("incident_kind")),
        "on": day(facts.get("on")),
    }


def _decision_name(facts: Facts) -> str:
    return _("%(kind)s vom %(date)s") % {
        "kind": label(Decision.Kind, facts.get("decision_kind")),
        "date": day(facts.get("dated_on")),
    }


@sentence(CaseEvent.Kind.DECISION, "recorded")
def _decision_recorded(facts: Facts) -> str:
    if not facts.get("decision_kind"):
        return _("Bescheid erfasst")
    return _("Bescheid erfasst: %(decision)s") % {"decision": _decision_name(facts)}


@sentence(CaseEvent.Kind.DECISION, "linked")
def _decision_linked(facts: Facts) -> str:
    return _("Bescheid mit Vorfällen verknüpft: %(decision)s") % {"decision": _decision_name(facts)}


@sentence(CaseEvent.Kind.DECISION, "corrected")
def _decision_corrected(facts: Facts) -> str:
    fields = []
    for name in facts.get("changed", {}):
        try:
            field = Decision._meta.get_field(name)
        except FieldDoesNotExist:
            fields.append(name)
            continue
        fields.append(str(getattr(field, "verbose_name", name)))
    return _("Bescheid korrigiert: %(decision)s (%(fields)s)") % {
        "decision": _decision_name(facts),
        "fields": ", ".join(fields),
    }


@sentence(CaseEvent.Kind.NOTE)
def _note(facts: Facts) -> str:
    return _("Notiz")


@sentence(CaseEvent.Kind.EDIT, "changed")
def _changed(facts: Facts) -> str:
    parts = []
    for name in facts.get("fields", []):
        if name == "title":
            parts.append(_("Kurzbeschreibung"))
        elif name == "jobcenter":
            parts.append(_("Jobcenter: %(name)s") % {"name": facts.get("jobcenter_name", "?")})
        elif name == "person":
            parts.append(_("Angaben zur Person"))
    return _("Geändert: %(what)s") % {"what": ", ".join(parts)}


@sentence(CaseEvent.Kind.EDIT, "anonymised")
def _anonymised(facts: Facts) -> str:
    return _("Fall anonymisiert")


@sentence(CaseEvent.Kind.ASSIGNED)
def _assigned(facts: Facts) -> str:
    parts = []
    if facts.get("team_name"):
        parts.append(_("Team: %(team)s") % {"team": facts["team_name"]})
    if "assignee_names" in facts:
        names = ", ".join(facts["assignee_names"]) or _("niemand")
        parts.append(_("zuständig: %(names)s") % {"names": names})
    return "; ".join(parts) or str(CaseEvent.Kind.ASSIGNED.label)


@sentence(CaseEvent.Kind.OUTCOME)
def _outcome(facts: Facts) -> str:
    return _("Ergebnis erfasst: %(kind)s (%(date)s)") % {
        "kind": label(Outcome.Kind, facts.get("outcome_kind")),
        "date": day(facts.get("decided_on")),
    }
