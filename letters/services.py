"""Writes to letters: each atomic, each recorded on the case's timeline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from advocacy.files import delete_files_on_error, remember_written
from cases.events import event_record
from cases.models import Authority, Case, CaseEvent, Decision
from cases.uploads import CheckedUpload
from letters.context import case_facts, letter_document, recipient_facts
from letters.kinds import (
    KINDS,
    SURVEILLANCE_BUNDLE,
    DecisionMissing,
    Recipient,
    RecipientMissing,
    latest_objectionable_decision,
)
from letters.models import Letter
from letters.rendering import letter_pdf


class LetterIsFinal(Exception):
    """A final letter cannot be changed; make a new version instead."""


class LetterNotFinal(Exception):
    """Only a final letter can be sent or get a new version."""


def letter_document_for(letter: Letter, *, dated_on: date | None = None) -> dict:
    """The rendering context of a letter from the case as it is now."""
    kind = KINDS[letter.kind]
    facts = case_facts(case=letter.case, decision=letter.decision)
    return letter_document(
        facts=facts,
        kind=letter.kind,
        kind_label=kind.label,
        version=letter.version,
        template_version=letter.template_version,
        subject=letter.subject,
        body=letter.body,
        recipient=recipient_facts(
            authority=letter.recipient_authority, jobcenter=letter.recipient_jobcenter
        ),
        dated_on=dated_on or timezone.localdate(),
    )


@transaction.atomic
def letter_draft_create(
    *,
    case: Case,
    kind: str,
    by,
    decision: Decision | None = None,
    recipient: Authority | None = None,
) -> Letter:
    """A new draft with the generated text, its recipient and sender.

    Raises ``RecipientMissing`` or ``DecisionMissing`` with a message for
    the user when the directory or the case lacks what the letter needs."""
    spec = KINDS[kind]
    if decision is None and spec.uses_decision:
        decision = latest_objectionable_decision(case)
    if decision is None and spec.needs_decision:
        raise DecisionMissing(
            "Für einen Widerspruch muss zuerst ein Bescheid im Fall erfasst sein."
        )
    if decision is not None and decision.case_id != case.pk:
        raise ValueError("decision belongs to another case")
    to = Recipient(authority=recipient) if recipient is not None else spec.recipient(case)
    today = timezone.localdate()
    doc = letter_document(
        facts=case_facts(case=case, decision=decision),
        kind=kind,
        kind_label=spec.label,
        version=1,
        template_version=spec.template_version,
        subject="",
        body="",
        recipient=recipient_facts(authority=to.authority, jobcenter=to.jobcenter),
        dated_on=today,
    )
    letter = Letter.objects.create(
        case=case,
        kind=kind,
        version=1,
        decision=decision,
        recipient_authority=to.authority,
        recipient_jobcenter=to.jobcenter,
        subject=spec.subject(doc)[:300],
        body=spec.body(doc, today),
        template_version=spec.template_version,
        created_by=by,
    )
    _event(letter, by, action="draft")
    return letter


@transaction.atomic
def letter_update(
    *, letter: Letter, by, subject: str, body: str, recipient: Authority | None = None
) -> Letter:
    """Change a draft's subject, text or recipient authority."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if not letter.is_draft:
        raise LetterIsFinal("Ein endgültiger Brief kann nicht geändert werden.")
    letter.subject = subject[:300]
    letter.body = body
    fields = ["subject", "body", "updated_at"]
    if recipient is not None and letter.recipient_authority_id is not None:
        letter.recipient_authority = recipient
        fields.append("recipient_authority")
    letter.save(update_fields=fields)
    _event(letter, by, action="edit")
    return letter


def letter_finalize(*, letter: Letter, by) -> Letter:
    """Render the PDF once and freeze it with its hash and context."""
    with delete_files_on_error(), transaction.atomic():
        letter = (
            Letter.objects.select_for_update(of=("self",))
            .select_related("case__person", "case__jobcenter", "decision")
            .select_related("recipient_authority", "recipient_jobcenter")
            .get(pk=letter.pk)
        )
        if not letter.is_draft:
            raise LetterIsFinal("Dieser Brief ist bereits endgültig.")
        doc = letter_document_for(letter)
        pdf = letter_pdf(doc)
        digest = hashlib.sha256(pdf).hexdigest()
        letter.pdf.save(
            f"{letter.case.reference}_{letter.kind}_v{letter.version}_{digest[:12]}.pdf",
            ContentFile(pdf),
            save=False,
        )
        remember_written(letter.pdf)
        letter.pdf_sha256 = digest
        letter.context_snapshot = doc
        letter.status = Letter.Status.FINAL
        letter.finalized_at = timezone.now()
        letter.finalized_by = by
        letter.save()
        _event(letter, by, action="finalize", sha256=digest)
    return letter


@transaction.atomic
def letter_new_version(*, letter: Letter, by) -> Letter:
    """A draft copy of a final letter as version n+1; the old one stays."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.is_draft:
        raise LetterNotFinal("Ein Entwurf kann direkt bearbeitet werden.")
    existing = Letter.objects.filter(previous=letter).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            new = Letter.objects.create(
                case=letter.case,
                kind=letter.kind,
                version=letter.version + 1,
                previous=letter,
                decision=letter.decision,
                recipient_authority=letter.recipient_authority,
                recipient_jobcenter=letter.recipient_jobcenter,
                subject=letter.subject,
                body=letter.body,
                template_version=KINDS[letter.kind].template_version,
                created_by=by,
            )
    except IntegrityError:
        return Letter.objects.get(previous=letter)
    _event(new, by, action="new_version", previous=letter.pk)
    return new


def letter_mark_sent(
    *,
    letter: Letter,
    by,
    channel: str,
    sent_on: date,
    tracking_number: str = "",
    proof: CheckedUpload | None = None,
) -> Letter:
    """Record how and when a final letter went out; starts its follow-up deadlines."""
    from cases.deadlines import services as deadline_services

    if channel not in Letter.Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    with delete_files_on_error(), transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.status != Letter.Status.FINAL:
            raise LetterNotFinal(
                "Nur ein endgültiger, noch nicht versandter Brief kann als versandt markiert werden."
            )
        letter.status = Letter.Status.SENT
        letter.channel = channel
        letter.sent_on = sent_on
        letter.tracking_number = tracking_number.strip()[:100]
        if proof is not None:
            letter.proof.save(
                f"{letter.case.reference}_{letter.pk}_{proof.sha256[:12]}.{proof.extension}",
                ContentFile(proof.data),
                save=False,
            )
            remember_written(letter.proof)
        letter.save()
        _event(
            letter,
            by,
            action="sent",
            channel=channel,
            sent_on=sent_on.isoformat(),
            tracking_number=letter.tracking_number,
        )
        deadline_services.deadlines_for_letter_sent(letter=letter, by=by)
    return letter


@dataclass
class BundleResult:
    created: list[Letter] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def letter_bundle_create(*, case: Case, by) -> BundleResult:
    """The drafts typical for a surveillance incident, each to its recipient.

    A letter that cannot be addressed (or has no decision) is skipped with a
    message; the others are still created."""
    result = BundleResult()
    for kind in SURVEILLANCE_BUNDLE:
        spec = KINDS[kind]
        if spec.needs_decision and latest_objectionable_decision(case) is None:
            result.problems.append(
                f"{spec.label}: kein Bescheid erfasst, daher kein Widerspruch angelegt."
            )
            continue
        try:
            result.created.append(letter_draft_create(case=case, kind=kind, by=by))
        except (RecipientMissing, DecisionMissing) as exc:
            result.problems.append(f"{spec.label}: {exc}")
    return result


def _event(letter: Letter, by, *, action: str, **data) -> None:
    """A line in the timeline; its sentence is in ``letters.events``."""
    event_record(
        case=letter.case,
        kind=CaseEvent.Kind.LETTER,
        action=action,
        by=by,
        data={"letter": letter.pk, "letter_kind": letter.kind, "version": letter.version, **data},
    )
