"""Writes to cases: every one atomic, every one recorded as a CaseEvent."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advocacy.files import delete_files_on_error, remember_written
from cases.models import (
    Case,
    CaseEvent,
    Decision,
    Evidence,
    Incident,
    Jobcenter,
    Person,
    ReferenceCounter,
    Team,
)
from cases.uploads import CheckedUpload, sanitize


class TransitionNotAllowed(Exception):
    """The case's workflow does not allow this status change."""


def reference_next(*, year: int) -> str:
    """Hand out the next ``YYYY-NNNN`` number; the counter row is locked, so
    concurrent transactions wait for each other instead of colliding."""
    with transaction.atomic():
        ReferenceCounter.objects.get_or_create(year=year)
        counter = ReferenceCounter.objects.select_for_update().get(year=year)
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
    return f"{year}-{counter.last_number:04d}"


def case_event_add(
    *, case: Case, kind: str, summary: str, by=None, note: str = "", data: dict | None = None
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=kind, summary=summary[:300], by=by, note=note, data=data or {}
    )


@transaction.atomic
def case_create(
    *,
    person: Person,
    jobcenter: Jobcenter,
    team: Team,
    by=None,
    title: str = "",
    status: str = Case.Status.NEW,
    assignees=(),
) -> Case:
    case = Case.objects.create(
        reference=reference_next(year=timezone.localdate().year),
        person=person,
        jobcenter=jobcenter,
        team=team,
        title=title,
        status=status,
    )
    if assignees:
        case.assignees.set(assignees)
    case_event_add(case=case, kind=CaseEvent.Kind.CREATED, summary=_("Fall angelegt"), by=by)
    return case


@transaction.atomic
def case_transition(*, case: Case, to_status: str, by, note: str = "") -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.can_transition_to(to_status):
        raise TransitionNotAllowed(
            _("Statuswechsel von „%(from)s“ nach „%(to)s“ ist nicht erlaubt.")
            % {"from": case.get_status_display(), "to": Case.Status(to_status).label}
        )
    old = case.get_status_display()
    case.status = to_status
    if to_status == Case.Status.CLOSED:
        case.closed_at = timezone.now()
    elif to_status == Case.Status.OPEN:
        case.closed_at = None
    case.save(update_fields=["status", "closed_at", "updated_at"])
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.STATUS,
        summary=_("Status: %(old)s → %(new)s") % {"old": old, "new": case.get_status_display()},
        by=by,
        note=note,
        data={"to": to_status},
    )
    return case


def evidence_add(
    *, case: Case, upload: CheckedUpload, title: str = "", by=None, incident=None
) -> Evidence:
    """Store a checked upload: the original byte for byte, plus the sanitized
    copy that staff open. If anything fails, the files written are removed."""
    clean = sanitize(upload.data, upload.content_type)
    with delete_files_on_error(), transaction.atomic():
        evidence = Evidence(
            case=case,
            incident=incident,
            title=(title or upload.name)[:200],
            original_name=upload.name,
            sha256=upload.sha256,
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=by,
        )
        evidence.original.save(
            f"{upload.sha256}.{upload.extension}", ContentFile(upload.data), save=False
        )
        remember_written(evidence.original)
        evidence.sanitized.save(
            f"{upload.sha256}-clean.{upload.extension}", ContentFile(clean), save=False
        )
        remember_written(evidence.sanitized)
        evidence.save()
        case_event_add(
            case=case,
            kind=CaseEvent.Kind.EVIDENCE,
            summary=_("Beweismittel hinzugefügt: %(title)s") % {"title": evidence.title},
            by=by,
            data={"evidence": evidence.pk, "sha256": evidence.sha256},
        )
    return evidence


@transaction.atomic
def incident_record(
    *,
    case: Case,
    by,
    kind: str,
    description: str,
    platform: str = "",
    occurred_on: date | None = None,
    learned_of_act_on: date | None = None,
    learned_of_offender_on: date | None = None,
    staff_member: str = "",
    was_asked_first: bool | None = None,
    was_informed_afterwards: bool | None = None,
    was_fraud_suspicion_stated: bool | None = None,
) -> Incident:
    """Record what the Jobcenter did; starts the Strafantrag clock (§ 77b StGB)."""
    from cases.deadlines.services import deadlines_for_incident

    incident = Incident.objects.create(
        case=case,
        kind=kind,
        description=description,
        platform=platform,
        occurred_on=occurred_on,
        learned_of_act_on=learned_of_act_on,
        learned_of_offender_on=learned_of_offender_on,
        staff_member=staff_member,
        was_asked_first=was_asked_first,
        was_informed_afterwards=was_informed_afterwards,
        was_fraud_suspicion_stated=was_fraud_suspicion_stated,
    )
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.INCIDENT,
        summary=_("Vorfall erfasst: %(kind)s") % {"kind": incident.get_kind_display()},
        by=by,
        data={"incident": incident.pk},
    )
    deadlines_for_incident(incident=incident, by=by)
    return incident


@transaction.atomic
def decision_record(
    *,
    case: Case,
    by,
    kind: str,
    dated_on: date,
    posted_on: date | None = None,
    received_on: date | None = None,
    reference: str = "",
    notified_abroad: bool = False,
    has_correct_legal_remedy_notice: bool | None = None,
    summary: str = "",
) -> Decision:
    """Record a Bescheid received and create the deadlines that follow from it."""
    from cases.deadlines.services import deadlines_for_decision

    decision = Decision.objects.create(
        case=case,
        kind=kind,
        dated_on=dated_on,
        posted_on=posted_on,
        received_on=received_on,
        reference=reference,
        notified_abroad=notified_abroad,
        has_correct_legal_remedy_notice=has_correct_legal_remedy_notice,
        summary=summary,
    )
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.DECISION,
        summary=_("Bescheid erfasst: %(decision)s") % {"decision": decision},
        by=by,
        data={"decision": decision.pk},
    )
    deadlines_for_decision(decision=decision, by=by)
    return decision


def case_note_add(*, case: Case, by, note: str) -> CaseEvent:
    """A free-text note is a line of the timeline like every other event."""
    return case_event_add(
        case=case, kind=CaseEvent.Kind.NOTE, summary=_("Notiz"), by=by, note=note.strip()
    )


@transaction.atomic
def case_update(
    *, case: Case, by, title: str, jobcenter: Jobcenter, person_fields: dict | None = None
) -> Case:
    """Change a case's description or Jobcenter (and its person's details)."""
    changes = []
    if case.title != title:
        changes.append(_("Kurzbeschreibung"))
        case.title = title
    if case.jobcenter_id != jobcenter.pk:
        changes.append(_("Jobcenter: %(name)s") % {"name": jobcenter.name})
        case.jobcenter = jobcenter
    case.save(update_fields=["title", "jobcenter", "updated_at"])
    person = case.person
    person_changed = [
        name for name, value in (person_fields or {}).items() if getattr(person, name) != value
    ]
    if person_changed:
        for name in person_changed:
            setattr(person, name, person_fields[name])  # type: ignore[index]
        person.save(update_fields=[*person_changed, "updated_at"])
        changes.append(_("Angaben zur Person"))
    if changes:
        case_event_add(
            case=case,
            kind=CaseEvent.Kind.EDIT,
            summary=_("Geändert: %(what)s") % {"what": ", ".join(str(c) for c in changes)},
            by=by,
        )
    return case


@transaction.atomic
def case_assign(*, case: Case, by, assignees, team: Team | None = None) -> Case:
    """Set who works on a case; a coordinator may also move it to another team."""
    parts = []
    if team is not None and team.pk != case.team_id:
        case.team = team
        case.save(update_fields=["team", "updated_at"])
        parts.append(_("Team: %(team)s") % {"team": team.name})
    new = {user.pk: user for user in assignees}
    old = set(case.assignees.values_list("pk", flat=True))
    if set(new) != old:
        case.assignees.set(new.values())
        names = sorted(user.get_full_name() or user.get_username() for user in new.values())
        parts.append(_("zuständig: %(names)s") % {"names": ", ".join(names) or _("niemand")})
    if parts:
        case_event_add(
            case=case,
            kind=CaseEvent.Kind.ASSIGNED,
            summary="; ".join(str(p) for p in parts),
            by=by,
            data={"team": case.team_id, "assignees": sorted(new)},
        )
    return case


DECISION_DATE_FIELDS = ("dated_on", "posted_on", "received_on")


@transaction.atomic
def decision_correct(*, decision: Decision, by, **fields) -> Decision:
    """Correct a recorded Bescheid. When a date or a circumstance the
    deadlines rest on changes, its deadlines are computed again (a date set
    by hand is kept; the timeline notes the new computation)."""
    from cases.deadlines.services import deadlines_recompute_for_decision

    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    changed = {
        name: (getattr(decision, name), value)
        for name, value in fields.items()
        if getattr(decision, name) != value
    }
    if not changed:
        return decision
    for name, (_old, value) in changed.items():
        setattr(decision, name, value)
    decision.save()
    labels = ", ".join(
        str(getattr(Decision._meta.get_field(name), "verbose_name", name)) for name in changed
    )
    case_event_add(
        case=decision.case,
        kind=CaseEvent.Kind.DECISION,
        summary=_("Bescheid korrigiert: %(decision)s (%(fields)s)")
        % {"decision": decision, "fields": labels},
        by=by,
        data={
            "decision": decision.pk,
            "changed": {name: [str(old), str(new)] for name, (old, new) in changed.items()},
        },
    )
    relevant = {*DECISION_DATE_FIELDS, "kind", "notified_abroad", "has_correct_legal_remedy_notice"}
    if relevant & changed.keys():
        deadlines_recompute_for_decision(decision=decision, by=by)
    return decision
