"""What a letter rests on that the case records elsewhere: the earlier letter
a Sachstandsanfrage asks about, the Widerspruch or Antrag an Untätigkeitsklage
waits on, the missed period of a Wiedereinsetzung, the Klagefrist.

``letter_basis(...)`` is called when a draft is generated (and generated
again); it returns the options the text and the checks read (JSON), with the
dates the deadline engine computed and staff confirmed or set, or raises
``BasisMissing`` with a message naming what the case lacks. Nothing here is
guessed: without the fact the letter is refused or its sentence left out.
"""

from __future__ import annotations

from datetime import date

from cases.deadlines.compute import (
    KIND_DEADLINE,
    KIND_EARLIEST,
    RULES,
    SGG_REINSTATABLE,
    compute,
)
from cases.deadlines.models import ACTIVE_STATUSES, Deadline
from cases.models import Case, Decision
from cases.remedies import objection_effect
from letters.kinds import KINDS, DecisionMissing
from letters.models import Letter

__all__ = ["BasisMissing", "letter_basis", "recipient_of_inquiry"]


class BasisMissing(DecisionMissing):
    """The case lacks what this letter answers or continues (message for the
    user; the pages show it like a missing Bescheid)."""


def _display(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _period(deadline: Deadline) -> dict:
    rule = RULES.get(deadline.rule)
    return {
        "deadline": deadline.pk,
        "title": rule.title if rule else deadline.title,
        "norm": rule.norm if rule else "",
        "is_deadline": bool(rule and rule.kind == KIND_DEADLINE),
        "due_on": deadline.due_on.isoformat(),
        "due_display": _display(deadline.due_on),
    }


# --- Sachstandsanfrage ----------------------------------------------------------


def _about_letter(case: Case, options: dict) -> Letter:
    try:
        pk = int(options.get("about_letter") or 0)
    except (TypeError, ValueError):
        pk = 0
    letter = (
        Letter.objects.filter(case=case, pk=pk, status=Letter.Status.SENT)
        .select_related("recipient_authority", "recipient_jobcenter", "case__jobcenter")
        .first()
    )
    if letter is None:
        raise BasisMissing(
            "Eine Sachstandsanfrage fragt nach einem versandten Brief dieses Falls: bitte den "
            "Brief wählen (nur als versandt vermerkte Briefe)."
        )
    return letter


def recipient_of_inquiry(case: Case, options: dict):
    """The recipient of a Sachstandsanfrage: that of the letter it asks about."""
    from letters.routing import Recipient

    letter = _about_letter(case, options)
    return Recipient(
        authority=letter.recipient_authority,
        jobcenter=letter.recipient_jobcenter,
        rule=KINDS[letter.kind].route,
    )


def _inquiry(case: Case, options: dict) -> dict:
    letter = _about_letter(case, options)
    assert letter.sent_on is not None  # a sent letter has its day
    deadlines = list(letter.deadlines.order_by("due_on", "pk"))
    if deadlines and not any(d.status in ACTIVE_STATUSES for d in deadlines):
        raise BasisMissing(
            f"Zu „{letter}“ ist die Antwort bereits erfasst (keine offene Frist mehr): "
            "eine Sachstandsanfrage ist nicht nötig."
        )
    open_ones = [d for d in deadlines if d.status in ACTIVE_STATUSES]
    # The day an answer is due or a Wiedervorlage falls; an earliest day (the
    # § 88 SGG or Art. 78 Abs. 2 DSGVO wait) is a day to sue, not to ask.
    due = [d for d in open_ones if d.rule in RULES and RULES[d.rule].kind != KIND_EARLIEST]
    follow_up_deadline = None
    if due:
        follow_up_deadline = due[0]
        follow_up_on = due[0].due_on
        source = RULES[due[0].rule].title
    else:
        # No period of its own: the engine's Wiedervorlage from the day it went out.
        seat = letter.recipient_jobcenter or letter.recipient_authority or case.jobcenter
        follow_up_on = compute(
            "letter_follow_up",
            letter.sent_on,
            region=seat.holiday_region,
            observes_catholic_holidays=seat.observes_catholic_holidays,
        ).due_on
        source = RULES["letter_follow_up"].title
    periods = [_period(d) for d in open_ones if RULES.get(d.rule) and d.rule in ANSWER_PERIODS]
    return {
        "about": {
            "letter": letter.pk,
            "kind": letter.kind,
            "kind_label": str(letter.get_kind_display()),
            "rule": KINDS[letter.kind].route,
            "subject": letter.subject,
            "sent_on": letter.sent_on.isoformat(),
            "sent_display": _display(letter.sent_on),
            "follow_up_on": follow_up_on.isoformat(),
            "follow_up_display": _display(follow_up_on),
            "follow_up_source": source,
            "follow_up_deadline": follow_up_deadline.pk if follow_up_deadline else None,
            "periods": periods,
        }
    }


# Periods the recipient must keep in answering (a Sachstandsanfrage names them).
ANSWER_PERIODS = frozenset({"gdpr_access_answer", "erasure_answer"})


# --- Klage, Untätigkeitsklage ---------------------------------------------------------


def _action(case: Case, decision: Decision | None, options: dict) -> dict:
    if decision is None or decision.kind != Decision.Kind.OBJECTION_DECISION:
        raise BasisMissing(
            "Eine Klage (§ 87 SGG) richtet sich gegen einen Bescheid in der Gestalt des "
            "Widerspruchsbescheids: bitte zuerst den Widerspruchsbescheid im Fall erfassen "
            "und ihn wählen."
        )
    deadline = (
        Deadline.objects.filter(
            case=case, decision=decision, rule="action", status__in=ACTIVE_STATUSES
        )
        .order_by("due_on", "pk")
        .first()
    )
    original = None
    if options.get("original_decision"):
        from letters.kinds import OBJECTIONABLE

        found = case.decisions.filter(
            pk=int(options["original_decision"]), kind__in=OBJECTIONABLE
        ).first()
        if found is None:
            raise BasisMissing(
                "Der gewählte Ausgangsbescheid gehört nicht zu diesem Fall oder ist selbst "
                "kein Bescheid, gegen den Widerspruch möglich war."
            )
        original = {
            "id": found.pk,
            "dated_on_display": _display(found.dated_on),
            "reference": found.reference,
        }
    return {"action_period": _period(deadline) if deadline else None, "original": original}


def _inaction(case: Case, decision: Decision | None) -> tuple[dict, Decision | None]:
    """The § 88 SGG wait the engine started when the Widerspruch (3 months) or
    the Antrag (6 months) was sent; still open, so no answer is recorded."""
    waits = list(
        Deadline.objects.filter(
            case=case,
            rule__in=("inaction_action", "inaction_application"),
            status__in=ACTIVE_STATUSES,
        )
        .select_related("letter__decision", "decision")
        .order_by("due_on", "pk")
    )
    if decision is not None:
        waits = [
            d
            for d in waits
            if decision.pk in (d.decision_id, d.letter.decision_id if d.letter else None)
        ]
    if not waits:
        raise BasisMissing(
            "Eine Untätigkeitsklage setzt einen als versandt vermerkten Widerspruch oder "
            "Antrag voraus, über den noch nicht entschieden ist (§ 88 SGG): im Fall läuft "
            "keine solche Frist."
        )
    if len(waits) > 1:
        raise BasisMissing(
            "Im Fall laufen mehrere Fristen nach § 88 SGG: bitte den Bescheid wählen, um "
            "dessen Widerspruch oder Überprüfung es geht."
        )
    wait = waits[0]
    letter = wait.letter
    after_application = wait.rule == "inaction_application"
    lodged_on = letter.sent_on if letter and letter.sent_on else wait.trigger_on
    about = decision or (letter.decision if letter else None) or wait.decision
    return {
        "inaction": {
            "deadline": wait.pk,
            "after": "application" if after_application else "objection",
            "norm": "§ 88 Abs. 1 Satz 1 SGG" if after_application else "§ 88 Abs. 2 SGG",
            "months": 6 if after_application else 3,
            "lodged_on": lodged_on.isoformat(),
            "lodged_display": _display(lodged_on),
            "possible_on": wait.due_on.isoformat(),
            "possible_display": _display(wait.due_on),
            "source": f"Brief: {letter} versandt am" if letter else "Frist nach § 88 SGG",
        }
    }, about


# --- Aussetzung der Vollziehung ------------------------------------------------------


def _suspension(decision: Decision | None) -> dict:
    if decision is None:
        raise BasisMissing(
            "Für einen Antrag auf Aussetzung der Vollziehung muss der Bescheid im Fall erfasst "
            "sein."
        )
    effect = objection_effect(decision.kind)
    if not effect.offers_suspension_request:
        raise BasisMissing(
            f"{effect.reason} Ein Antrag auf Aussetzung der Vollziehung (§ 86a Abs. 3 SGG) "
            "kommt nur in Betracht, wo der Widerspruch nicht aufschiebt."
        )
    return {}


# --- Wiedereinsetzung ------------------------------------------------------------------

# Periods of the administrative procedure for which § 67 SGG applies through
# § 84 Abs. 2 Satz 3 SGG (the Widerspruch); § 27 SGB X does not apply to them.
OBJECTION_PERIODS = frozenset({"objection", "remedy_without_notice"})


def _reinstatement(case: Case, options: dict) -> tuple[dict, Decision | None]:
    raw = options.get("missed_deadline")
    if not raw:
        # Another statutory period of the administrative procedure: § 27 SGB X.
        return {"missed": {"basis": "sgb_x"}}, None
    deadline = Deadline.objects.filter(case=case, pk=int(raw)).select_related("decision").first()
    if deadline is None:
        raise BasisMissing("Die gewählte Frist gehört nicht zu diesem Fall.")
    rule = RULES.get(deadline.rule)
    if deadline.rule not in OBJECTION_PERIODS:
        if deadline.rule in SGG_REINSTATABLE:
            raise BasisMissing(
                f"Über die Wiedereinsetzung in die Frist „{deadline.title}“ entscheidet das "
                "Gericht, das über die versäumte Handlung zu befinden hat (§ 67 Abs. 4 SGG): "
                "den Antrag mit der nachgeholten Handlung an das Gericht richten."
            )
        raise BasisMissing(
            (rule.late_remedy if rule and rule.late_remedy else "")
            or f"Für die Frist „{deadline.title}“ gibt es keine Wiedereinsetzung beim Jobcenter."
        )
    decision = deadline.decision
    objection = None
    if decision is not None:
        objection = (
            Letter.objects.filter(case=case, decision=decision, kind=Letter.Kind.OBJECTION)
            .order_by("-sent_on", "-pk")
            .first()
        )
    reinstatement = (
        Deadline.objects.filter(
            case=case,
            rule="reinstatement",
            status__in=ACTIVE_STATUSES,
            decision=decision,
        )
        .order_by("-pk")
        .first()
    )
    missed: dict = {
        "basis": "sgg",
        "deadline": deadline.pk,
        "title": rule.title if rule else deadline.title,
        "due_display": _display(deadline.due_on),
        "objection_letter": None,
        "apply_by": None,
    }
    if objection is not None:
        missed["objection_letter"] = {
            "letter": objection.pk,
            "sent_display": _display(objection.sent_on) if objection.sent_on else "",
        }
    if reinstatement is not None:
        missed["apply_by"] = reinstatement.due_on.isoformat()
        missed["apply_by_display"] = _display(reinstatement.due_on)
        missed["obstacle_ended_display"] = _display(reinstatement.trigger_on)
    return {"missed": missed}, decision


# --- Beschwerde gegen die Einstellung -------------------------------------------------------

PROSECUTION_PERIODS = ("prosecution_complaint", "prosecution_complaint_unbounded")


def _prosecution(case: Case, decision: Decision | None) -> dict:
    if decision is None or decision.kind != Decision.Kind.PROSECUTION_DROPPED:
        raise BasisMissing(
            "Eine Beschwerde gegen die Einstellung (§ 172 Abs. 1 StPO) richtet sich gegen den "
            "Einstellungsbescheid der Staatsanwaltschaft: bitte ihn zuerst im Fall erfassen."
        )
    deadline = (
        Deadline.objects.filter(
            case=case, decision=decision, rule__in=PROSECUTION_PERIODS, status__in=ACTIVE_STATUSES
        )
        .order_by("due_on", "pk")
        .first()
    )
    complaint = (
        Letter.objects.filter(case=case, kind="strafantrag", status=Letter.Status.SENT)
        .select_related("recipient_authority")
        .order_by("-sent_on", "-pk")
        .first()
    )
    found: dict = {
        "period": _period(deadline)
        if deadline and deadline.rule == "prosecution_complaint"
        else None,
        "unbounded": bool(
            (deadline and deadline.rule == "prosecution_complaint_unbounded")
            or decision.has_correct_legal_remedy_notice is False
        ),
        "complaint": {},
    }
    if complaint is not None and complaint.sent_on:
        found["complaint"] = {
            "letter": complaint.pk,
            "sent_display": _display(complaint.sent_on),
            "prosecutor": complaint.recipient_authority.name
            if complaint.recipient_authority
            else "",
        }
    return {"prosecution": found}


# --- the one entry point ------------------------------------------------------------------


def letter_basis(
    *, case: Case, kind: str, decision: Decision | None, options: dict
) -> tuple[dict, Decision | None]:
    """The options a letter of ``kind`` adds from the case's other records,
    and the Bescheid it concerns (``decision`` unless the basis decides)."""
    if kind == Letter.Kind.STATUS_INQUIRY:
        return _inquiry(case, options), decision
    if kind == Letter.Kind.ACTION:
        return _action(case, decision, options), decision
    if kind == Letter.Kind.INACTION_ACTION:
        return _inaction(case, decision)
    if kind == Letter.Kind.SUSPENSION:
        return _suspension(decision), decision
    if kind == Letter.Kind.PROSECUTION_COMPLAINT:
        return _prosecution(case, decision), decision
    if kind == Letter.Kind.REINSTATEMENT:
        found, about = _reinstatement(case, options)
        return found, about or decision
    return {}, decision
