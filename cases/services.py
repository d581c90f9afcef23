"""Writes to cases: every one atomic, every one recorded as a CaseEvent."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advocacy.auth import Staff, staff_name
from advocacy.files import delete_files_on_error, remember_written
from cases.events import event_record
from cases.models import (
    Case,
    CaseEvent,
    Decision,
    Evidence,
    Incident,
    Jobcenter,
    Outcome,
    Person,
    ReferenceCounter,
    Team,
    forget_seen,
)
from cases.search import case_search_refresh
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


@transaction.atomic
def case_create(
    *,
    person: Person,
    jobcenter: Jobcenter,
    team: Team,
    by: Staff | None = None,
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
        forget_seen(by)  # ``by`` may be one of them
    event_record(case=case, kind=CaseEvent.Kind.CREATED, by=by)
    case_search_refresh(case_ids=[case.pk])
    return case


@transaction.atomic
def case_transition(*, case: Case, to_status: str, by: Staff, note: str = "") -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not case.can_transition_to(to_status):
        raise TransitionNotAllowed(
            _("Statuswechsel von „%(from)s“ nach „%(to)s“ ist nicht erlaubt.")
            % {"from": case.get_status_display(), "to": Case.Status(to_status).label}
        )
    old = case.status
    case.status = to_status
    if to_status == Case.Status.CLOSED:
        case.closed_at = timezone.now()
    elif to_status == Case.Status.OPEN:
        case.closed_at = None
    case.save(update_fields=["status", "closed_at", "updated_at"])
    event_record(
        case=case,
        kind=CaseEvent.Kind.STATUS,
        by=by,
        note=note,
        data={"from": old, "to": to_status},
    )
    return case


def evidence_add(
    *, case: Case, upload: CheckedUpload, title: str = "", by: Staff | None = None, incident=None
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
            removed=list(clean.removed),
        )
        evidence.original.save(
            f"{upload.sha256}.{upload.extension}", ContentFile(upload.data), save=False
        )
        remember_written(evidence.original)
        evidence.sanitized.save(
            f"{upload.sha256}-clean.{upload.extension}", ContentFile(clean.data), save=False
        )
        remember_written(evidence.sanitized)
        evidence.save()
        event_record(
            case=case,
            kind=CaseEvent.Kind.EVIDENCE,
            by=by,
            data={"evidence": evidence.pk, "sha256": evidence.sha256, "title": evidence.title},
        )
    return evidence


@transaction.atomic
def incident_record(
    *,
    case: Case,
    by: Staff,
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
    is_data_public: bool | None = None,
) -> Incident:
    """Record what the Jobcenter did. Creates no deadline: callers that
    record an incident for real use
    ``cases.deadlines.services.incident_record_with_deadlines`` (§ 77b StGB)."""
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
        is_data_public=is_data_public,
    )
    event_record(
        case=case,
        kind=CaseEvent.Kind.INCIDENT,
        by=by,
        data={"incident": incident.pk, "incident_kind": incident.kind},
    )
    case_search_refresh(case_ids=[case.pk])
    return incident


@transaction.atomic
def incident_offender_learn(
    *, incident: Incident, by: Staff, learned_of_offender_on: date, staff_member: str = ""
) -> Incident:
    """The person learned who did it after the incident was recorded (the
    day starts the Strafantrag period, § 77b Abs. 2 StGB). Creates no
    deadline: callers use
    ``cases.deadlines.services.incident_offender_learn_with_deadlines``."""
    incident.learned_of_offender_on = learned_of_offender_on
    fields = ["learned_of_offender_on", "updated_at"]
    if staff_member:
        incident.staff_member = staff_member
        fields.append("staff_member")
    incident.save(update_fields=fields)
    event_record(
        case=incident.case,
        kind=CaseEvent.Kind.INCIDENT,
        action="offender_learned",
        by=by,
        data={
            "incident": incident.pk,
            "incident_kind": incident.kind,
            "on": learned_of_offender_on.isoformat(),
        },
    )
    case_search_refresh(case_ids=[incident.case_id])
    return incident


@transaction.atomic
def decision_record(
    *,
    case: Case,
    by: Staff,
    kind: str,
    dated_on: date,
    posted_on: date | None = None,
    received_on: date | None = None,
    reference: str = "",
    notified_abroad: bool = False,
    has_correct_legal_remedy_notice: bool | None = None,
    summary: str = "",
    delivery: str = Decision.Delivery.POST,
    incidents=(),
) -> Decision:
    """Record a Bescheid received. Creates no deadline: callers use
    ``cases.deadlines.services.decision_record_with_deadlines``.

    ``incidents``: the incidents of the case the Bescheid rests on, as the
    caseworker sees it (a Widerspruch says so only then)."""
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
        delivery=delivery,
    )
    decision.incidents.set([i for i in incidents if i.case_id == case.pk])
    event_record(
        case=case,
        kind=CaseEvent.Kind.DECISION,
        action="recorded",
        by=by,
        data=_decision_facts(decision),
    )
    return decision


@transaction.atomic
def case_note_add(*, case: Case, by: Staff, note: str) -> CaseEvent:
    """A free-text note is a line of the timeline like every other event."""
    event = event_record(case=case, kind=CaseEvent.Kind.NOTE, by=by, note=note.strip())
    case_search_refresh(case_ids=[case.pk])
    return event


@transaction.atomic
def case_update(
    *, case: Case, by: Staff, title: str, jobcenter: Jobcenter, person_fields: dict | None = None
) -> Case:
    """Change a case's description or Jobcenter (and its person's details)."""
    changes = []
    if case.title != title:
        changes.append("title")
        case.title = title
    if case.jobcenter_id != jobcenter.pk:
        changes.append("jobcenter")
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
        changes.append("person")
    if changes:
        event_record(
            case=case,
            kind=CaseEvent.Kind.EDIT,
            action="changed",
            by=by,
            data={"fields": changes, "jobcenter_name": jobcenter.name},
        )
        # The person's name is found in each of their cases.
        ids = person.cases.values_list("pk", flat=True) if person_changed else [case.pk]
        case_search_refresh(case_ids=ids)
    return case


@transaction.atomic
def case_assign(*, case: Case, by: Staff, assignees, team: Team | None = None) -> Case:
    """Set who works on a case; a coordinator may also move it to another team."""
    facts: dict[str, object] = {}
    if team is not None and team.pk != case.team_id:
        case.team = team
        case.save(update_fields=["team", "updated_at"])
        facts["team_name"] = team.name
        case_search_refresh(case_ids=[case.pk])  # the search row carries the team
    new = {user.pk: user for user in assignees}
    old = set(case.assignees.values_list("pk", flat=True))
    if set(new) != old:
        case.assignees.set(new.values())
        forget_seen(by)  # ``by`` may have taken or given up this case
        facts["assignee_names"] = sorted(staff_name(user) for user in new.values())
    if facts:
        event_record(
            case=case,
            kind=CaseEvent.Kind.ASSIGNED,
            by=by,
            data={"team": case.team_id, "assignees": sorted(new), **facts},
        )
    return case


def _decision_facts(decision: Decision) -> dict[str, object]:
    return {
        "decision": decision.pk,
        "decision_kind": decision.kind,
        "dated_on": decision.dated_on.isoformat(),
    }


@transaction.atomic
def decision_correct(*, decision: Decision, by: Staff, **fields) -> tuple[Decision, set[str]]:
    """Correct a recorded Bescheid; returns it with the names of the fields
    that changed. Its deadlines are recomputed by
    ``cases.deadlines.services.decision_correct_with_deadlines``."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    incidents = fields.pop("incidents", None)
    links_changed = False
    if incidents is not None:
        wanted = {i.pk for i in incidents if i.case_id == decision.case_id}
        if wanted != set(decision.incidents.values_list("pk", flat=True)):
            decision.incidents.set(wanted)
            links_changed = True
    changed = {
        name: (getattr(decision, name), value)
        for name, value in fields.items()
        if getattr(decision, name) != value
    }
    if links_changed:
        event_record(
            case=decision.case,
            kind=CaseEvent.Kind.DECISION,
            action="linked",
            by=by,
            data={**_decision_facts(decision), "incidents": sorted(wanted)},
        )
    if not changed:
        return decision, set()
    for name, (_old, value) in changed.items():
        setattr(decision, name, value)
    decision.save()
    event_record(
        case=decision.case,
        kind=CaseEvent.Kind.DECISION,
        action="corrected",
        by=by,
        data={
            **_decision_facts(decision),
            "changed": {name: [str(old), str(new)] for name, (old, new) in changed.items()},
        },
    )
    return decision, set(changed)


@transaction.atomic
def outcome_record(*, case: Case, kind: str, decided_on: date, by: Staff) -> Outcome:
    """Record what followed (a finding, a decision on a Widerspruch, proceedings)."""
    outcome = Outcome.objects.create(case=case, kind=kind, decided_on=decided_on, recorded_by=by)
    event_record(
        case=case,
        kind=CaseEvent.Kind.OUTCOME,
        by=by,
        data={"outcome": outcome.pk, "outcome_kind": kind, "decided_on": decided_on.isoformat()},
    )
    return outcome
