"""Writes to cases: every one atomic, every one recorded as a CaseEvent."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advocacy.files import delete_files_on_error, remember_written
from cases.models import Case, CaseEvent, Evidence, Jobcenter, Person, ReferenceCounter, Team
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
