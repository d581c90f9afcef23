"""Writes to intake submissions: each atomic, each recorded in the audit trail."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import RedisError

from advocacy.auth import Staff
from advocacy.files import delete_files_on_error, remember_written
from cases.deadlines.services import decision_record_with_deadlines, incident_record_with_deadlines
from cases.events import event_record
from cases.intake import codes
from cases.intake.forms import SUBMISSION_FIELDS, CleanUpload, NewJobcenter
from cases.intake.models import (
    IntakeEvent,
    IntakeFile,
    IntakeMessage,
    IntakeSubmission,
    IntakeTombstone,
    Outbox,
)
from cases.intake.tasks import relay_outbox
from cases.models import Case, CaseEvent, Decision, Jobcenter, Person, Team
from cases.services import case_create, evidence_add
from cases.uploads import CheckedUpload

logger = logging.getLogger(__name__)

CONSENT_TEXT_VERSION = "2026-1"


class IntakeActionNotAllowed(Exception):
    """The submission is not in a state that allows this action."""


@dataclass(frozen=True)
class Receipt:
    submission: IntakeSubmission
    code: str


def relay_enqueue() -> None:
    """Ask the worker to relay the outbox now. A broker outage only delays
    the notification: the beat runs the relay every minute anyway."""
    try:
        relay_outbox.delay()
    except (KombuOperationalError, RedisError, ConnectionError, OSError):
        logger.warning("intake: broker unreachable, outbox relay left to the beat", exc_info=True)


def _outbox_add(*, kind: str, key: str, payload: dict) -> Outbox:
    row = Outbox.objects.create(kind=kind, key=key, payload=payload)
    transaction.on_commit(relay_enqueue)
    return row


def _files_store(*, submission: IntakeSubmission, uploads: Sequence[CleanUpload]) -> None:
    for upload in uploads:
        checked = upload.checked
        item = IntakeFile(
            submission=submission,
            original_name=checked.name,
            sha256=checked.sha256,
            content_type=checked.content_type,
            size=checked.size,
            removed=list(upload.sanitized.removed),
        )
        item.original.save(
            f"{checked.sha256}.{checked.extension}", ContentFile(checked.data), save=False
        )
        remember_written(item.original)
        item.sanitized.save(
            f"{checked.sha256}-clean.{checked.extension}",
            ContentFile(upload.sanitized.data),
            save=False,
        )
        remember_written(item.sanitized)
        item.save()


def submission_create(*, fields: dict, uploads: Sequence[CleanUpload]) -> Receipt:
    """Store a report with its files and an outbox row, all or nothing, and
    hand back the receipt code (the only time it exists in clear)."""
    code = codes.code_new()
    # Hashed before the transaction opens: the hash takes tens of milliseconds
    # of CPU, during which no row needs to be locked.
    code_hash = codes.code_hash(code)
    with delete_files_on_error(), transaction.atomic():
        submission = IntakeSubmission.objects.create(
            **{name: fields[name] for name in SUBMISSION_FIELDS if name in fields},
            lookup_key=codes.code_lookup_key(code),
            code_hash=code_hash,
            consent_given_at=timezone.now(),
            consent_text_version=CONSENT_TEXT_VERSION,
        )
        _files_store(submission=submission, uploads=uploads)
        IntakeEvent.objects.create(
            submission=submission,
            kind=IntakeEvent.Kind.RECEIVED,
            data={"files": len(uploads)},
        )
        _outbox_add(
            kind=Outbox.Kind.SUBMISSION_RECEIVED,
            key=f"received:{submission.pk}",
            payload={"submission": submission.pk},
        )
    return Receipt(submission=submission, code=code)


def submission_find(*, code: str) -> IntakeSubmission | IntakeTombstone | None:
    """The submission (or what is left of it) a receipt code belongs to."""
    key = codes.code_lookup_key(code)
    candidates: list[IntakeSubmission | IntakeTombstone] = [
        *IntakeSubmission.objects.filter(lookup_key=key),
        *IntakeTombstone.objects.filter(lookup_key=key),
    ]
    for candidate in candidates:
        if codes.code_matches(code, candidate.code_hash):
            return candidate
    if not candidates:
        codes.code_miss(code)
    return None


def submission_add(
    *, submission: IntakeSubmission, text: str, uploads: Sequence[CleanUpload]
) -> IntakeSubmission:
    """The person answers a question or adds information and files."""
    with delete_files_on_error(), transaction.atomic():
        submission = IntakeSubmission.objects.select_for_update().get(pk=submission.pk)
        if not submission.is_open_for_additions:
            raise IntakeActionNotAllowed(_("Diese Meldung ist abgeschlossen."))
        message = None
        if text.strip():
            message = IntakeMessage.objects.create(
                submission=submission, direction=IntakeMessage.Direction.FROM_PERSON, text=text
            )
        _files_store(submission=submission, uploads=uploads)
        event = IntakeEvent.objects.create(
            submission=submission, kind=IntakeEvent.Kind.ADDED, data={"files": len(uploads)}
        )
        if submission.case is not None:
            event_record(
                case=submission.case,
                kind=CaseEvent.Kind.INTAKE,
                action="added",
                note=message.text if message else "",
                data={"submission": submission.pk, "files": len(uploads)},
            )
        submission.has_unread_answer = True
        submission.save(update_fields=["has_unread_answer", "updated_at"])
        _outbox_add(
            kind=Outbox.Kind.SUBMISSION_ADDED,
            key=f"added:{event.pk}",
            payload={"submission": submission.pk, "event": event.pk},
        )
    return submission


def _carry_over(*, submission: IntakeSubmission, case: Case, by: Staff) -> None:
    """Incident and evidence from the submission into the case."""
    incident = incident_record_with_deadlines(
        case=case,
        by=by,
        kind=submission.kind,
        description=submission.description,
        platform=submission.platform,
        occurred_on=submission.occurred_on,
        learned_of_act_on=submission.learned_of_act_on,
        learned_of_offender_on=submission.learned_of_offender_on,
        staff_member=submission.staff_member,
    )
    for item in submission.files.all():
        with item.original.open("rb") as handle:
            data = handle.read()
        upload = CheckedUpload(
            data=data,
            content_type=item.content_type,
            extension=item.original.name.rsplit(".", 1)[-1],
            sha256=item.sha256,
            name=item.original_name,
        )
        evidence_add(case=case, upload=upload, by=by, incident=incident)


def _lock_open(submission: IntakeSubmission) -> IntakeSubmission:
    locked = IntakeSubmission.objects.select_for_update().get(pk=submission.pk)
    if locked.case_id or locked.status in (
        IntakeSubmission.Status.REJECTED,
        IntakeSubmission.Status.CLOSED,
    ):
        raise IntakeActionNotAllowed(_("Diese Meldung ist schon erledigt."))
    return locked


def _jobcenter_add(new: NewJobcenter) -> Jobcenter:
    jobcenter, _created = Jobcenter.objects.get_or_create(
        name=new.name.strip(),
        city=new.city.strip(),
        defaults={"kind": new.kind, "state": new.state, "district_key": new.district_key},
    )
    return jobcenter


def submission_convert(
    *,
    submission: IntakeSubmission,
    by: Staff,
    team: Team,
    jobcenter: Jobcenter | NewJobcenter,
    title: str = "",
    decision_kind: str = "",
    assignee=None,
) -> Case:
    """Create a case from a submission: person, incident, evidence, decision.

    The case (and so each of its deadlines) is assigned to ``assignee``, by
    default the person converting it: a deadline always has someone
    responsible. ``jobcenter`` may be one missing from the directory: it is
    added in the same transaction. Without a kind of Bescheid the decision is
    recorded as "sonstiger Bescheid" (its Widerspruchsfrist is the same,
    § 84 SGG)."""
    with delete_files_on_error(), transaction.atomic():
        submission = _lock_open(submission)
        if isinstance(jobcenter, NewJobcenter):
            jobcenter = _jobcenter_add(jobcenter)
        person = Person.objects.create(
            name=submission.contact_name,
            email=submission.contact_email,
            phone=submission.contact_phone,
            is_anonymous=submission.is_anonymous,
            consent_given_at=submission.consent_given_at,
            consent_text_version=submission.consent_text_version,
        )
        case = case_create(
            person=person,
            jobcenter=jobcenter,
            team=team,
            by=by,
            title=title or submission.get_kind_display(),
            assignees=[assignee or by],
        )
        event_record(
            case=case,
            kind=CaseEvent.Kind.INTAKE,
            action="converted",
            by=by,
            data={"submission": submission.pk},
        )
        _carry_over(submission=submission, case=case, by=by)
        if submission.decision_dated_on:
            decision_record_with_deadlines(
                case=case,
                by=by,
                kind=decision_kind or Decision.Kind.OTHER,
                dated_on=submission.decision_dated_on,
            )
        submission.case = case
        submission.status = IntakeSubmission.Status.CONVERTED
        submission.save(update_fields=["case", "status", "updated_at"])
        IntakeEvent.objects.create(
            submission=submission,
            kind=IntakeEvent.Kind.CONVERTED,
            by=by,
            data={"case": case.reference},
        )
    return case


def submission_attach(*, submission: IntakeSubmission, case: Case, by: Staff) -> Case:
    """Add a submission to an existing case (the caller checked the case is visible)."""
    with delete_files_on_error(), transaction.atomic():
        submission = _lock_open(submission)
        event_record(
            case=case,
            kind=CaseEvent.Kind.INTAKE,
            action="attached",
            by=by,
            data={"submission": submission.pk},
        )
        _carry_over(submission=submission, case=case, by=by)
        submission.case = case
        submission.status = IntakeSubmission.Status.CONVERTED
        submission.save(update_fields=["case", "status", "updated_at"])
        IntakeEvent.objects.create(
            submission=submission,
            kind=IntakeEvent.Kind.ATTACHED,
            by=by,
            data={"case": case.reference},
        )
    return case


@transaction.atomic
def submission_ask(*, submission: IntakeSubmission, by: Staff, text: str) -> IntakeMessage:
    """A question back to the person, shown on their status page."""
    submission = IntakeSubmission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_open_for_additions:
        raise IntakeActionNotAllowed(_("Diese Meldung ist abgeschlossen."))
    message = IntakeMessage.objects.create(
        submission=submission, direction=IntakeMessage.Direction.TO_PERSON, text=text, by=by
    )
    if submission.status == IntakeSubmission.Status.RECEIVED:
        submission.status = IntakeSubmission.Status.IN_PROGRESS
    submission.save(update_fields=["status", "updated_at"])
    IntakeEvent.objects.create(
        submission=submission, kind=IntakeEvent.Kind.ASKED, by=by, data={"message": message.pk}
    )
    if submission.contact_email:
        # The mail says only that there is a question, with a link: the
        # question itself stays behind the receipt code.
        _outbox_add(
            kind=Outbox.Kind.PERSON_ASKED,
            key=f"asked:{message.pk}",
            payload={"submission": submission.pk, "message": message.pk},
        )
    if submission.case is not None:
        event_record(
            case=submission.case,
            kind=CaseEvent.Kind.INTAKE,
            action="asked",
            by=by,
            note=text,
            data={"submission": submission.pk},
        )
    return message


@transaction.atomic
def submission_reject(*, submission: IntakeSubmission, by: Staff, reason: str) -> IntakeSubmission:
    """Spam or out of scope: the status page then says "abgeschlossen"."""
    submission = _lock_open(submission)
    submission.status = IntakeSubmission.Status.REJECTED
    submission.rejection_reason = reason
    submission.save(update_fields=["status", "rejection_reason", "updated_at"])
    IntakeEvent.objects.create(
        submission=submission, kind=IntakeEvent.Kind.REJECTED, by=by, note=reason
    )
    return submission


def submission_answer_seen(*, submission: IntakeSubmission) -> None:
    """Someone on staff opened the submission: its new answers are no longer new."""
    if submission.has_unread_answer:
        IntakeSubmission.objects.filter(pk=submission.pk).update(has_unread_answer=False)
        submission.has_unread_answer = False


def file_viewed(*, item: IntakeFile, by: Staff, original: bool) -> None:
    IntakeEvent.objects.create(
        submission_id=item.submission_id,
        kind=IntakeEvent.Kind.VIEWED_FILE,
        by=by,
        data={"file": item.pk, "original": original},
    )
