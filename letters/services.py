"""Writes to letters: each atomic, each recorded on the case's timeline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from advocacy.auth import Staff, staff_name
from advocacy.files import delete_files_on_error, remember_written
from cases.deadlines.services import expected_receipt_on
from cases.events import event_record
from cases.models import (
    Authority,
    Case,
    CaseEvent,
    Decision,
    OrganisationProfile,
    PowerOfAttorney,
)
from cases.uploads import CheckedUpload
from letters import routing
from letters.basis import letter_basis, recipient_of_inquiry
from letters.context import (
    case_facts,
    jobcenter_facts,
    letter_document,
    organisation_facts,
    power_of_attorney_facts,
    recipient_facts,
)
from letters.document import LetterDocument
from letters.kinds import (
    ABOUT_LETTER,
    COURT_KINDS,
    COURT_REPRESENTATION_REFUSED,
    KINDS,
    OBJECTIONABLE,
    SURVEILLANCE_BUNDLE,
    DecisionMissing,
    LetterKind,
    criminal_periods,
    objectionable_decisions,
    respondent_missing_message,
)
from letters.language import jobcenter_phrase, tidy
from letters.models import Letter
from letters.rendering import direction_problems, html_to_pdf, letter_html
from letters.routing import Recipient, RecipientMissing


class LetterIsFinal(Exception):
    """A final letter cannot be changed; make a new version instead."""


class LetterNotFinal(Exception):
    """Only a final letter can be sent or get a new version."""


class RepresentationRefused(RecipientMissing):
    """The group cannot write this letter as representative (message for the user)."""


class LetterNotReady(Exception):
    """What the case or the text still lacks before the letter can be final."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def representation_facts(
    *, case: Case, sender: str, signed_by, today: date, kind: str = "", released: bool = False
) -> dict:
    """Who writes: the organisation profile, the person's Vollmacht valid
    today (only when the group writes), the signer and whether they may sign."""
    profile = OrganisationProfile.objects.filter(pk=1).first()
    power = None
    if sender == Letter.Sender.ORGANISATION:
        power = (
            PowerOfAttorney.objects.valid_on(today)
            .filter(person=case.person)
            .order_by("-signed_on", "-pk")
            .first()
        )
    may_sign = bool(
        profile is not None
        and signed_by is not None
        and profile.signatories.filter(pk=signed_by.pk).exists()
    )
    return {
        "sender_mode": sender,
        "organisation": organisation_facts(profile),
        "power_of_attorney": power_of_attorney_facts(power),
        "signer": staff_name(signed_by) if signed_by else "",
        "may_sign": may_sign,
        "release_required": bool(profile and kind in profile.release_required_kinds),
        "released": released,
    }


def recipient_rule(letter: Letter) -> str:
    """The routing rule that says whom at the recipient the letter is for; a
    Sachstandsanfrage goes where the letter it asks about went."""
    route = KINDS[letter.kind].route
    if route == ABOUT_LETTER:
        return str((letter.options.get("about") or {}).get("rule") or routing.JOBCENTER)
    return route


def letter_document_for(letter: Letter, *, dated_on: date | None = None) -> LetterDocument:
    """The rendering context of a letter from the case as it is now."""
    kind = KINDS[letter.kind]
    facts = case_facts(case=letter.case, decision=letter.decision, options=letter.options)
    today = dated_on or timezone.localdate()
    return letter_document(
        **representation_facts(
            case=letter.case,
            sender=letter.sender,
            signed_by=letter.signed_by,
            today=today,
            kind=letter.kind,
            released=letter.released_by_id is not None,
        ),
        facts=facts,
        kind=letter.kind,
        kind_label=kind.label,
        version=letter.version,
        template_version=letter.template_version,
        subject=letter.subject,
        body=letter.body,
        recipient=recipient_facts(
            authority=letter.recipient_authority,
            jobcenter=letter.recipient_jobcenter,
            rule=recipient_rule(letter),
        ),
        dated_on=today,
        options=letter.options,
        planned_channel=letter.planned_channel,
        is_enclosure=kind.is_enclosure,
    )


def letter_problems(letter: Letter, *, today: date | None = None) -> list[str]:
    """What stops a draft from being made final (empty: it may be)."""
    today = today or timezone.localdate()
    doc = letter_document_for(letter, dated_on=today)
    return _problems(letter, doc, letter_html(doc), today)


def _problems(letter: Letter, doc: LetterDocument, html: str, today: date) -> list[str]:
    """What stops ``letter`` (its document and the HTML it prints) from being final."""
    return (
        basis_problems(letter) + KINDS[letter.kind].problems(doc, today) + direction_problems(html)
    )


def letter_advice(letter: Letter, *, today: date | None = None) -> list[str]:
    """What the caseworker should know about a draft of this case (not in the letter)."""
    today = today or timezone.localdate()
    return KINDS[letter.kind].advice(letter_document_for(letter, dated_on=today), today)


BASIS_CHANGED = (
    "Seit der Text erzeugt wurde, haben sich Fristen oder Briefe des Falls geändert, auf die "
    "er sich stützt: bitte den Text neu erzeugen."
)


def basis_problems(letter: Letter) -> list[str]:
    """A draft rests on what the case recorded when its text was generated
    (``letters.basis``): if that has changed since, the text may state an
    outdated date or fact."""
    try:
        found, _decision = letter_basis(
            case=letter.case, kind=letter.kind, decision=letter.decision, options=letter.options
        )
    except DecisionMissing as exc:
        return [str(exc)]
    if any(letter.options.get(key) != value for key, value in found.items()):
        return [BASIS_CHANGED]
    return []


def choose_decision(case: Case, spec: LetterKind, decision: Decision | None) -> Decision | None:
    """The Bescheid a letter is about: the one chosen, or the only one there is.
    With several and none chosen the user must choose; none is picked silently."""
    if decision is not None:
        if decision.case_id != case.pk:
            raise ValueError("decision belongs to another case")
        return decision
    if not spec.uses_decision:
        return None
    candidates = objectionable_decisions(case, spec.decision_kinds)
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1 and spec.needs_decision:
        raise DecisionMissing(
            f"Der Fall hat mehrere Bescheide: bitte wählen, gegen welchen sich der Brief "
            f"„{spec.label}“ richtet."
        )
    if len(candidates) > 1:
        raise DecisionMissing(
            f"Der Fall hat mehrere Bescheide: bitte wählen, um welchen es im Brief "
            f"„{spec.label}“ geht."
        )
    if spec.needs_decision:
        which = ""
        if set(spec.decision_kinds) != set(OBJECTIONABLE):
            which = (
                " (" + " oder ".join(str(Decision.Kind(k).label) for k in spec.decision_kinds) + ")"
            )
        raise DecisionMissing(
            f"Für den Brief „{spec.label}“ muss zuerst ein passender Bescheid{which} im Fall "
            "erfasst sein."
        )
    return None


def _objection_lodged(case: Case, decision: Decision | None, options: dict) -> dict:
    """Whether a Widerspruch against ``decision`` was lodged, checked, not
    assumed: a sent Widerspruch letter, or a date the user entered."""
    if decision is None or options.get("objection_lodged_on"):
        if options.get("objection_lodged_on"):
            options.setdefault("objection_source", "Angabe beim Anlegen: Widerspruch eingelegt am")
        return options
    sent = (
        Letter.objects.filter(
            case=case,
            decision=decision,
            kind=Letter.Kind.OBJECTION,
            status=Letter.Status.SENT,
            sent_on__isnull=False,
        )
        .order_by("sent_on")
        .first()
    )
    if sent is not None and sent.sent_on is not None:
        options["objection_lodged_on"] = sent.sent_on.isoformat()
        options["objection_source"] = f"Brief: {sent} versandt am"
    return options


def _generate(
    *,
    case: Case,
    spec: LetterKind,
    decision: Decision | None,
    to: Recipient,
    options: dict,
    planned_channel: str,
    today: date,
    sender: str = Letter.Sender.PERSON,
    signed_by=None,
) -> tuple[str, str, list[dict]]:
    doc = letter_document(
        **representation_facts(case=case, sender=sender, signed_by=signed_by, today=today),
        facts=case_facts(case=case, decision=decision, options=options),
        kind=spec.kind,
        kind_label=spec.label,
        version=1,
        template_version=spec.template_version,
        subject="",
        body="",
        recipient=recipient_facts(authority=to.authority, jobcenter=to.jobcenter, rule=to.rule),
        dated_on=today,
        options=options,
        planned_channel=planned_channel,
        is_enclosure=spec.is_enclosure,
    )
    body, claims = spec.body(doc, today)
    return spec.subject(doc)[:300], body, claims


@transaction.atomic
def letter_draft_create(
    *,
    case: Case,
    kind: str,
    by: Staff,
    decision: Decision | None = None,
    recipient: Authority | None = None,
    options: dict | None = None,
    planned_channel: str = Letter.Channel.POST,
    sender: str = Letter.Sender.PERSON,
) -> Letter:
    """A new draft with the generated text, its recipient and sender.

    ``sender``: the person in their own name, or the group as Bevollmächtigte
    (signed for the group by ``by``).

    Raises ``RecipientMissing`` or ``DecisionMissing`` with a message for
    the user when the directory or the case lacks what the letter needs."""
    spec = KINDS[kind]
    options = dict(options or {})
    profile = OrganisationProfile.objects.filter(pk=1).first()
    if kind == Letter.Kind.POWER_OF_ATTORNEY:
        sender = Letter.Sender.PERSON  # the person signs it
        if profile is None:
            raise RepresentationRefused(
                "Für die Vollmacht muss zuerst das Organisationsprofil der Gruppe angelegt sein."
            )
    if sender == Letter.Sender.ORGANISATION:
        if profile is None:
            raise RepresentationRefused(
                "Das Organisationsprofil der Gruppe ist noch nicht angelegt."
            )
        if kind in COURT_KINDS and not profile.may_represent_in_court:
            raise RepresentationRefused(COURT_REPRESENTATION_REFUSED)
    decision = choose_decision(case, spec, decision)
    if kind in (Letter.Kind.INTERIM_ORDER, Letter.Kind.SUSPENSION):
        options = _objection_lodged(case, decision, options)
    found, decision = letter_basis(case=case, kind=kind, decision=decision, options=options)
    options.update(found)
    if spec.route == routing.SOCIAL_COURT and not jobcenter_facts(case.jobcenter)["court_party"]:
        raise RecipientMissing(
            respondent_missing_message(jobcenter_phrase(case.jobcenter.name, "acc"))
        )
    if spec.route == ABOUT_LETTER:
        to = recipient_of_inquiry(case, options)
    elif recipient is not None:
        to = Recipient(authority=recipient, rule=spec.route)
    else:
        to = routing.recipient_for(spec.route, case)
    today = timezone.localdate()
    subject, body, claims = _generate(
        case=case,
        spec=spec,
        decision=decision,
        to=to,
        options=options,
        planned_channel=planned_channel,
        today=today,
        sender=sender,
        signed_by=by if sender == Letter.Sender.ORGANISATION else None,
    )
    letter = Letter.objects.create(
        case=case,
        kind=kind,
        version=1,
        decision=decision,
        recipient_authority=to.authority,
        recipient_jobcenter=to.jobcenter,
        subject=subject,
        body=body,
        claims=claims,
        options=options,
        planned_channel=planned_channel,
        sender=sender,
        signed_by=by if sender == Letter.Sender.ORGANISATION else None,
        template_version=spec.template_version,
        created_by=by,
    )
    _event(letter, by, action="draft")
    if kind == Letter.Kind.INTERIM_ORDER and options.get("with_affidavit"):
        letter_draft_create(
            case=case,
            kind=Letter.Kind.AFFIDAVIT,
            by=by,
            decision=decision,
            recipient=to.authority,
            sender=Letter.Sender.PERSON,
        )
    return letter


@transaction.atomic
def letter_regenerate(*, letter: Letter, by: Staff) -> Letter:
    """Generate a draft's subject and text again from the case as it is now
    (e.g. after a date moved or a field was filled in)."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if not letter.is_draft:
        raise LetterIsFinal("Ein endgültiger Brief kann nicht geändert werden.")
    spec = KINDS[letter.kind]
    if spec.needs_decision and letter.decision is None:
        raise DecisionMissing(
            f"Der {spec.label} hat keinen Bescheid (mehr): bitte einen neuen Entwurf anlegen."
        )
    found, _decision = letter_basis(
        case=letter.case, kind=letter.kind, decision=letter.decision, options=letter.options
    )
    letter.options = {**letter.options, **found}
    subject, body, claims = _generate(
        case=letter.case,
        spec=spec,
        decision=letter.decision,
        to=Recipient(
            authority=letter.recipient_authority,
            jobcenter=letter.recipient_jobcenter,
            rule=recipient_rule(letter),
        ),
        options=letter.options,
        planned_channel=letter.planned_channel,
        today=timezone.localdate(),
        sender=letter.sender,
        signed_by=letter.signed_by,
    )
    letter.subject, letter.body, letter.claims = subject, body, claims
    letter.template_version = spec.template_version
    letter.save(
        update_fields=[
            "subject",
            "body",
            "claims",
            "options",
            "template_version",
            "updated_at",
            *_withdraw_release(letter),
        ]
    )
    _event(letter, by, action="regenerate")
    return letter


@transaction.atomic
def letter_update(
    *,
    letter: Letter,
    by: Staff,
    subject: str,
    body: str,
    recipient: Authority | None = None,
    planned_channel: str | None = None,
) -> Letter:
    """Change a draft's subject, text, recipient authority or planned channel."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if not letter.is_draft:
        raise LetterIsFinal("Ein endgültiger Brief kann nicht geändert werden.")
    letter.subject = subject[:300]
    letter.body = tidy(body)
    fields = ["subject", "body", "updated_at"]
    if planned_channel:
        letter.planned_channel = planned_channel
        fields.append("planned_channel")
    fields += _withdraw_release(letter)
    if recipient is not None and letter.recipient_authority_id is not None:
        letter.recipient_authority = recipient
        fields.append("recipient_authority")
    letter.save(update_fields=fields)
    _event(letter, by, action="edit")
    return letter


def letter_finalize(*, letter: Letter, by: Staff) -> Letter:
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
        today = timezone.localdate()
        doc = letter_document_for(letter, dated_on=today)
        html = letter_html(doc)
        problems = _problems(letter, doc, html, today)
        if problems:
            raise LetterNotReady(problems)
        pdf = html_to_pdf(html)
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


class ReleaseRefused(Exception):
    """Only a qualified person may release a letter (message for the user)."""


def _withdraw_release(letter: Letter) -> list[str]:
    """A change to a released draft needs a new release."""
    if letter.released_by_id is None and letter.released_at is None:
        return []
    letter.released_by = None
    letter.released_at = None
    return ["released_by", "released_at"]


@transaction.atomic
def letter_release(*, letter: Letter, by: Staff) -> Letter:
    """Legal release of a draft by a qualified person (supervision under
    § 6 Abs. 2 RDG); a later change to the draft withdraws it."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if not letter.is_draft:
        raise LetterIsFinal("Ein endgültiger Brief kann nicht mehr freigegeben werden.")
    profile = OrganisationProfile.objects.filter(pk=1).first()
    if profile is None or not profile.qualified_persons.filter(pk=by.pk).exists():
        raise ReleaseRefused(
            "Nur eine im Organisationsprofil als befähigt eingetragene Person "
            "(§ 6 Abs. 2 RDG) kann Briefe rechtlich freigeben."
        )
    letter.released_by = by
    letter.released_at = timezone.now()
    letter.save(update_fields=["released_by", "released_at", "updated_at"])
    _event(letter, by, action="release")
    return letter


@transaction.atomic
def letter_new_version(*, letter: Letter, by: Staff) -> Letter:
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
                options=letter.options,
                claims=letter.claims,
                planned_channel=letter.planned_channel,
                sender=letter.sender,
                signed_by=letter.signed_by,
                created_by=by,
            )
    except IntegrityError:
        return Letter.objects.get(previous=letter)
    _event(new, by, action="new_version", previous=letter.pk)
    return new


def letter_mark_sent(
    *,
    letter: Letter,
    by: Staff,
    channel: str,
    sent_on: date,
    tracking_number: str = "",
    proof: CheckedUpload | None = None,
) -> Letter:
    """Record how and when a final letter went out; starts its follow-up deadlines."""
    from cases.deadlines import services as deadline_services

    if channel not in Letter.Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    refusal = channel_refusal(letter.kind, channel)
    if refusal:
        raise ChannelNotAllowed(refusal)
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


class ChannelNotAllowed(Exception):
    """The channel does not meet the form the law requires for this kind."""


# Recipients reachable on the courts' electronic channels (beA/eBO, § 65a SGG, § 32a StPO).
ELECTRONIC_ROUTES = frozenset(
    {routing.SOCIAL_COURT, routing.PROSECUTOR, routing.GENERAL_PROSECUTOR}
)


def channel_refusal(kind: str, channel: str) -> str:
    """Why ``channel`` cannot carry a letter of ``kind`` (empty: it can)."""
    if channel == Letter.Channel.E_FILING and KINDS[kind].route not in ELECTRONIC_ROUTES:
        return (
            "Der elektronische Weg über beA/eBO führt zu Gerichten und Staatsanwaltschaften, "
            f"nicht zum Empfänger dieses Briefs ({KINDS[kind].label}). Bitte den tatsächlichen "
            "Versandweg wählen: von ihm hängt ab, mit welchem Eingang gerechnet wird."
        )
    if channel in KINDS[kind].forbidden_channels:
        return (
            f"Per einfacher E-Mail wahrt dieser Brief ({KINDS[kind].label}) die Schriftform "
            "nicht. "
            "Bitte per Post, Fax, persönlich oder über einen elektronischen Weg mit "
            "qualifizierter Signatur bzw. sicherem Übermittlungsweg einreichen."
        )
    return ""


def dispatch_warnings(*, letter: Letter, channel: str, sent_on: date) -> list[str]:
    """What to tell the user when a letter goes out this way on this day:
    a risky channel, or a Strafantrag that arrives after its period ends
    (checked again at dispatch with the actual channel)."""
    spec = KINDS[letter.kind]
    warnings = [spec.channel_warnings[channel]] if channel in spec.channel_warnings else []
    if letter.kind == Letter.Kind.CRIMINAL_COMPLAINT:
        arrival = expected_receipt_on(sent_on, channel)
        doc = letter.context_snapshot or letter_document_for(letter)
        for period in criminal_periods(doc):
            if arrival > date.fromisoformat(period["ends_on"]):
                warnings.append(
                    f"Achtung: Die Strafantragsfrist endete mit Ablauf des {period['ends_display']}; "
                    f"auf diesem Weg ist mit Eingang erst am {arrival:%d.%m.%Y} zu rechnen."
                )
    return warnings


@dataclass
class BundleResult:
    created: list[Letter] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def letter_bundle_create(*, case: Case, by: Staff) -> BundleResult:
    """The drafts typical for a surveillance incident, each to its recipient.

    A letter that cannot be addressed (or has no decision) is skipped with a
    message; the others are still created."""
    result = BundleResult()
    for kind in SURVEILLANCE_BUNDLE:
        spec = KINDS[kind]
        if spec.needs_decision and not objectionable_decisions(case):
            result.problems.append(
                f"{spec.label}: kein Bescheid erfasst, daher kein Widerspruch angelegt."
            )
            continue
        try:
            result.created.append(letter_draft_create(case=case, kind=kind, by=by))
        except (RecipientMissing, DecisionMissing) as exc:
            result.problems.append(f"{spec.label}: {exc}")
    return result


def _event(letter: Letter, by: Staff, *, action: str, **data) -> None:
    """A line in the timeline; its sentence is in ``letters.events``."""
    event_record(
        case=letter.case,
        kind=CaseEvent.Kind.LETTER,
        action=action,
        by=by,
        data={"letter": letter.pk, "letter_kind": letter.kind, "version": letter.version, **data},
    )
