"""Creating and changing deadlines in the database.

The three hooks (``deadlines_for_decision``, ``deadlines_for_incident``,
``deadlines_for_letter_sent``) are called by the other apps' services. Every
write here is atomic and leaves a line in the case's timeline.

Four-eyes rule for confirming (``deadline_confirm``): anyone who may see the
case may confirm a computed deadline, except the person who created it. The
creator may confirm only when they are the case's only assignee (nobody else
is responsible for the case). Deadlines created without a person (e.g. by an
import) may be confirmed by anyone who may see the case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advocacy.auth import Staff
from cases import services as case_services
from cases.criteria import offence_is_plausible
from cases.deadlines.compute import (
    REVIEW_FALLBACK,
    RULES,
    SGG_REINSTATABLE,
    Context,
    compute,
    fmt,
)
from cases.deadlines.consequences import (
    ANSWER_RECEIVED,
    DECISION_RECORDED,
    LETTER_SENT,
    SCOPE_ABOUT,
    SCOPE_DECISION,
    Consequence,
)
from cases.deadlines.models import (
    ACTIVE_STATUSES,
    LIVE_CASE_STATUSES,
    Deadline,
    DeadlinePreference,
    new_calendar_token,
)
from cases.events import event_record
from cases.models import Case, CaseEvent, Decision, Incident

# Assumed postal transit for letters we send (the statutory assumption of
# § 37 Abs. 2 Satz 1 SGB X); zero for channels with same-day receipt.
POSTAL_TRANSIT_DAYS = 4
SAME_DAY_CHANNELS = {"fax", "email", "persoenlich", "ebo"}


def transit_days(channel: str) -> int:
    """Days between sending and the assumed receipt: 0 for fax, e-mail,
    personal delivery and the court's electronic channels, else the postal
    assumption of § 37 Abs. 2 Satz 1 SGB X. The deadlines a sent letter
    starts and a draft's timeliness check both read it, so they assume the
    same receipt date."""
    return 0 if channel in SAME_DAY_CHANNELS else POSTAL_TRANSIT_DAYS


def expected_receipt_on(sent_on: date, channel: str) -> date:
    return sent_on + timedelta(days=transit_days(channel))


class DeadlineActionRefused(Exception):
    """The action is not allowed (message in German, for the user)."""


@dataclass
class Spec:
    """What a trigger means: which rule, from which date, at which seat."""

    rule: str
    trigger_on: date
    context: Context
    preamble: list[str] = field(default_factory=list)


def _seat(seat, *, label: str) -> tuple[Context, str]:
    region = seat.holiday_region
    catholic = seat.observes_catholic_holidays
    line = _("Ort der Handlung: %(label)s (Feiertage: %(region)s%(catholic)s)") % {
        "label": label,
        "region": region,
        "catholic": _(", mit katholischen Feiertagen") if catholic else "",
    }
    return {"region": region, "observes_catholic_holidays": catholic}, line


# --- what follows from a trigger ------------------------------------------------


# How a Bescheid reached the person → the rule for its day of notification.
DELIVERY_RULES: dict[str, str] = {
    Decision.Delivery.POST: "notification",
    Decision.Delivery.REGISTERED: "service_registered",
    Decision.Delivery.CERTIFICATE: "service_certificate",
    Decision.Delivery.ELECTRONIC: "notification_electronic",
    Decision.Delivery.RETRIEVAL: "notification_retrieval",
}


def _notification_of(decision: Decision) -> tuple[date, list[str]]:
    """The day a decision counts as notified or served, with its explanation."""
    jobcenter = decision.case.jobcenter
    seat: Context = {
        "region": jobcenter.holiday_region,
        "observes_catholic_holidays": jobcenter.observes_catholic_holidays,
        "carrier": jobcenter.kind,
        "land": jobcenter.state,
        "is_objection_decision": decision.kind == Decision.Kind.OBJECTION_DECISION,
    }
    rule = DELIVERY_RULES.get(decision.delivery, "notification")
    if rule == "service_certificate":
        day = decision.received_on or decision.posted_on
        if day is None:
            result = compute(rule, decision.dated_on, **seat)
            return result.due_on, [
                f"Datum der Zustellungsurkunde nicht erfasst: angenommen das Datum des "
                f"Bescheids {fmt(decision.dated_on)} (bitte prüfen)",
                *result.steps,
            ]
        result = compute(rule, day, **seat)
        return result.due_on, result.steps
    if decision.posted_on:
        received: Context = {**seat, "received_on": decision.received_on}
        result = compute(rule, decision.posted_on, **received)
        return result.due_on, result.steps
    if decision.received_on:
        return decision.received_on, [
            f"Zugang laut Eingangsvermerk (Tag der Aufgabe zur Post bzw. Absendung "
            f"unbekannt; § 37 Abs. 2 SGB X): {fmt(decision.received_on)}"
        ]
    result = compute(rule, decision.dated_on, **seat)
    return result.due_on, [
        f"Tag der Aufgabe zur Post bzw. Absendung unbekannt: angenommen das Datum des "
        f"Bescheids {fmt(decision.dated_on)} (bitte prüfen)",
        *result.steps[1:],
    ]


def _served_on(decision: Decision, what: str) -> tuple[date, list[str]]:
    if decision.received_on:
        return decision.received_on, [f"{what} am {fmt(decision.received_on)}"]
    return decision.dated_on, [
        f"{what}: Datum unbekannt, angenommen das Datum des Schreibens "
        f"{fmt(decision.dated_on)} (bitte prüfen)"
    ]


def _decision_specs(decision: Decision) -> list[Spec]:
    """The deadlines a Bescheid starts: the rules of ``DECISION_RECORDED``."""
    jobcenter = decision.case.jobcenter
    remedy: Context = {
        "abroad": decision.notified_abroad,
        "has_correct_legal_remedy_notice": decision.has_correct_legal_remedy_notice,
    }
    specs = []
    for rule in DECISION_RECORDED[decision.kind].creates:
        if rule == "action":
            notified_on, lines = _notification_of(decision)
            context, seat_line = _seat(
                jobcenter, label=_("Sozialgericht im Land %(state)s") % {"state": jobcenter.state}
            )
            seat_line += _(
                " – zuständig ist das Sozialgericht am Wohnsitz (§ 57 Abs. 1 SGG); dessen Sitz "
                "ist nicht erfasst, daher die Feiertage am Sitz des Jobcenters angenommen"
            )
            specs.append(Spec(rule, notified_on, {**context, **remedy}, [*lines, seat_line]))
        elif rule == "appeal":
            served_on, lines = _served_on(decision, _("Zustellung des Urteils"))
            context, seat_line = _seat(
                jobcenter,
                label=_("Sozial- bzw. Landessozialgericht im Land %(state)s")
                % {"state": jobcenter.state},
            )
            specs.append(Spec(rule, served_on, {**context, **remedy}, [*lines, seat_line]))
        elif rule == "prosecution_complaint":
            served_on, lines = _served_on(decision, _("Bekanntmachung des Einstellungsbescheids"))
            context, seat_line = _seat(
                jobcenter,
                label=_("Staatsanwaltschaft (§ 172 Abs. 1 Satz 2 StPO), Land %(state)s")
                % {"state": jobcenter.state},
            )
            if decision.has_correct_legal_remedy_notice is False:
                rule = "prosecution_complaint_unbounded"  # § 172 Abs. 1 Satz 3 StPO
            # Not checked yet (None): the engine keeps the two weeks and says why.
            notice: Context = {
                "has_correct_legal_remedy_notice": decision.has_correct_legal_remedy_notice
            }
            specs.append(Spec(rule, served_on, {**context, **notice}, [*lines, seat_line]))
        elif rule in ("leave_complaint", "order_complaint"):
            what = (
                _("Zustellung des vollständigen Urteils")
                if rule == "leave_complaint"
                else _("Zustellung des Beschlusses")
            )
            served_on, lines = _served_on(decision, what)
            context, seat_line = _seat(
                jobcenter,
                label=(
                    _("Landessozialgericht im Land %(state)s (§ 145 Abs. 1 Satz 2 SGG)")
                    if rule == "leave_complaint"
                    else _("Sozialgericht im Land %(state)s (§ 173 Satz 1 SGG)")
                )
                % {"state": jobcenter.state},
            )
            specs.append(Spec(rule, served_on, {**context, **remedy}, [*lines, seat_line]))
        elif rule == "compulsory_prosecution":
            served_on, lines = _served_on(decision, _("Bekanntmachung des Beschwerdebescheids"))
            context, seat_line = _seat(
                jobcenter,
                label=_("Oberlandesgericht (§ 172 Abs. 4 Satz 1 StPO), Land %(state)s")
                % {"state": jobcenter.state},
            )
            specs.append(Spec(rule, served_on, context, [*lines, seat_line]))
        elif rule == "objection":
            notified_on, lines = _notification_of(decision)
            context, seat_line = _seat(
                jobcenter,
                label=_(
                    "%(jobcenter)s (§ 84 Abs. 1 SGG: bei der Stelle, die den Bescheid erlassen hat)"
                )
                % {"jobcenter": jobcenter.name},
            )
            specs.append(Spec(rule, notified_on, {**context, **remedy}, [*lines, seat_line]))
        else:  # pragma: no cover - the table names only the rules above
            raise ValueError(f"no trigger for rule {rule!r} of a Bescheid")
    return specs


def _title(rule_name: str) -> str:
    rule = RULES[rule_name]
    return f"{rule.title} ({rule.norm})"


def _create(*, case, spec: Spec, by: Staff | None, **trigger) -> Deadline:
    """Compute and store a deadline. One that arises in a case already closed,
    rejected or archived (a Bescheid, an incident or a report added later)
    was decided by nobody at the closing: it is watched like a kept one."""
    result = compute(spec.rule, spec.trigger_on, **spec.context)
    deadline = Deadline.objects.create(
        is_kept_when_closed=case.status not in LIVE_CASE_STATUSES,
        case=case,
        rule=spec.rule,
        title=_title(spec.rule),
        trigger_on=spec.trigger_on,
        computed_due_on=result.due_on,
        due_on=result.due_on,
        explanation=[*spec.preamble, *result.steps],
        created_by=by,
        **trigger,
    )
    _event(deadline, "computed", by)
    return deadline


# --- recording what the deadlines follow from ------------------------------------
# The cases app records Bescheide and incidents without knowing of deadlines;
# these compose the two, so that every Bescheid and incident recorded through
# a page, the intake or the demo data gets its deadlines.


@transaction.atomic
def decision_record_with_deadlines(*, case, by: Staff, **fields) -> Decision:
    """Record a Bescheid received and create the deadlines that follow from it."""
    decision = case_services.decision_record(case=case, by=by, **fields)
    deadlines_for_decision(decision=decision, by=by)
    return decision


@transaction.atomic
def incident_record_with_deadlines(*, case, by: Staff, **fields):
    """Record an incident and the Strafantrag deadline it may start (§ 77b StGB)."""
    incident = case_services.incident_record(case=case, by=by, **fields)
    deadlines_for_incident(incident=incident, by=by)
    return incident


# A change of these fields of a Bescheid changes its deadlines.
DEADLINE_FIELDS = {
    "dated_on",
    "posted_on",
    "received_on",
    "kind",
    "delivery",
    "notified_abroad",
    "has_correct_legal_remedy_notice",
}


@transaction.atomic
def decision_correct_with_deadlines(*, decision, by: Staff, **fields) -> Decision:
    """Correct a recorded Bescheid. When a date or a circumstance the
    deadlines rest on changes, its deadlines are computed again (a date set
    by hand is kept; the timeline notes the new computation)."""
    decision, changed = case_services.decision_correct(decision=decision, by=by, **fields)
    if DEADLINE_FIELDS & changed:
        deadlines_recompute_for_decision(decision=decision, by=by)
    return decision


@transaction.atomic
def deadlines_for_decision(*, decision, by: Staff | None = None) -> list[Deadline]:
    """A recorded Bescheid: complete what waited for it and create the
    deadlines that follow from it (``consequences.DECISION_RECORDED``)."""
    _complete(
        case=decision.case,
        consequence=DECISION_RECORDED[decision.kind],
        by=by,
        source={
            "source": "decision",
            "decision_kind": decision.kind,
            "on": decision.dated_on.isoformat(),
        },
    )
    return [
        _create(case=decision.case, spec=spec, by=by, decision=decision)
        for spec in _decision_specs(decision)
    ]


def _offence_is_plausible(incident) -> bool:
    return offence_is_plausible(kind=incident.kind, hints=incident.criteria_hints)


def complaint_clock_note(incident) -> str:
    """What the case page says about the Strafantrag period of an incident
    for which no deadline runs (empty if one runs or none matters)."""
    if not _offence_is_plausible(incident):
        return ""
    if not incident.learned_of_offender_on:
        return _(
            "Täter unbekannt: die Frist des § 77b StGB beginnt erst mit Kenntnis vom Täter "
            "(§ 77b Abs. 2 Satz 1 StGB)."
        )
    return ""


def _incident_specs(incident) -> list[Spec]:
    """The Strafantrag period runs only where an offence prosecuted on
    application is plausible and the person knows who did it."""
    if not (_offence_is_plausible(incident) and incident.learned_of_offender_on):
        return []
    context, seat_line = _seat(
        incident.case.jobcenter,
        label=_("Staatsanwaltschaft oder Polizei, Land %(state)s")
        % {"state": incident.case.jobcenter.state},
    )
    act_on = incident.learned_of_act_on or incident.learned_of_offender_on
    trigger_on = max(act_on, incident.learned_of_offender_on)
    return [
        Spec(
            "criminal_complaint",
            trigger_on,
            {
                **context,
                "learned_of_act_on": act_on,
                "learned_of_offender_on": incident.learned_of_offender_on,
            },
            [
                "Unbefugte Verarbeitung von Sozialdaten wird nur auf Antrag verfolgt "
                "(§ 85 Abs. 2 Satz 1 SGB X mit § 42 BDSG): die Strafantragsfrist läuft",
                seat_line,
            ],
        )
    ]


@transaction.atomic
def incident_offender_learn_with_deadlines(
    *, incident, by: Staff, learned_of_offender_on: date, staff_member: str = ""
) -> list[Deadline]:
    """The person has learned who did it ("Täter unbekannt" until now):
    record the day and start the Strafantrag period (§ 77b Abs. 2 Satz 1
    StGB), which runs from the end of the later of the two days of knowledge."""
    incident = (
        Incident.objects.select_for_update().select_related("case__jobcenter").get(pk=incident.pk)
    )
    if incident.learned_of_offender_on:
        raise DeadlineActionRefused(
            _("Die Kenntnis vom Täter ist für diesen Vorfall schon erfasst.")
        )
    if learned_of_offender_on > timezone.localdate():
        raise DeadlineActionRefused(_("Das Datum liegt in der Zukunft."))
    case_services.incident_offender_learn(
        incident=incident,
        by=by,
        learned_of_offender_on=learned_of_offender_on,
        staff_member=staff_member.strip(),
    )
    return deadlines_for_incident(incident=incident, by=by)


@transaction.atomic
def deadlines_for_incident(*, incident, by: Staff | None = None) -> list[Deadline]:
    """Create the deadlines that follow from an incident (Strafantrag clock)."""
    return [
        _create(case=incident.case, spec=spec, by=by, incident=incident)
        for spec in _incident_specs(incident)
    ]


# Rules counted from the receipt of what was sent (postal transit first).
TRANSIT_RULES = frozenset(
    {
        "gdpr_access_answer",
        "erasure_answer",
        "inaction_action",
        "inaction_application",
        "dpa_inaction",
    }
)


def _letter_specs(letter) -> list[Spec]:
    if not letter.sent_on:
        return []
    transit = transit_days(letter.channel)
    recipient = letter.recipient_jobcenter or letter.recipient_authority or letter.case.jobcenter
    context, seat_line = _seat(recipient, label=str(recipient))
    channel = letter.get_channel_display() if letter.channel else _("unbekannt")
    preamble = [_("Versandweg: %(channel)s") % {"channel": channel}, seat_line]
    specs = []
    consequence = LETTER_SENT[letter.kind]
    for rule in consequence.creates:
        rule_context: Context = {**context, **consequence.context}
        if rule in TRANSIT_RULES:
            rule_context["transit_days"] = transit
        specs.append(Spec(rule, letter.sent_on, rule_context, preamble))
    return specs


@transaction.atomic
def deadlines_for_letter_sent(*, letter, by: Staff | None = None) -> list[Deadline]:
    """A letter marked as sent: complete the deadlines it meets and create
    the ones it starts (``consequences.LETTER_SENT``)."""
    consequence = LETTER_SENT.get(letter.kind, Consequence())
    _complete(
        case=letter.case,
        consequence=consequence,
        by=by,
        source={"source": "letter", "letter": letter.pk, "on": letter.sent_on.isoformat()},
        decision_id=letter.decision_id,
        letter_id=_about_letter_id(letter) if consequence.scope == SCOPE_ABOUT else None,
    )
    return [
        _create(case=letter.case, spec=spec, by=by, letter=letter) for spec in _letter_specs(letter)
    ]


def _about_letter_id(letter) -> int:
    """The earlier letter a letter is about (a Sachstandsanfrage's); 0 for none,
    which completes nothing."""
    try:
        return int((letter.options or {}).get("about_letter") or 0)
    except (TypeError, ValueError):
        return 0


def _complete(
    *,
    case,
    consequence: Consequence,
    by: Staff | None,
    source: dict,
    decision_id=None,
    letter_id=None,
) -> None:
    """Mark done the open deadlines ``consequence`` completes (see
    ``consequences`` for the scope; ``letter_id`` narrows to one letter's)."""
    if not consequence.completes:
        return
    candidates = Deadline.objects.select_for_update(of=("self",)).filter(
        case=case, status__in=ACTIVE_STATUSES, rule__in=consequence.completes
    )
    if letter_id is not None:
        candidates = candidates.filter(letter_id=letter_id)
    open_ones = list(candidates.select_related("case", "letter").order_by("due_on", "pk"))
    if consequence.scope == SCOPE_DECISION:
        if decision_id is not None:
            # Created from the Bescheid, or from a letter about it.
            open_ones = [
                d
                for d in open_ones
                if decision_id in (d.decision_id, d.letter.decision_id if d.letter else None)
            ]
        elif len(open_ones) > 1:
            event_record(
                case=case,
                kind=CaseEvent.Kind.DEADLINE,
                action="ambiguous",
                by=by,
                data={**source, "deadlines": [d.pk for d in open_ones]},
            )
            return
    now = timezone.now()
    for deadline in open_ones:
        deadline.status = Deadline.Status.DONE
        deadline.done_at = now
        deadline.save(update_fields=["status", "done_at", "updated_at"])
        _event(deadline, "completed", by, **source)


@transaction.atomic
def answer_record(*, deadline: Deadline, received_on: date, by: Staff) -> Deadline:
    """The answer a letter waited for has come (``consequences.ANSWER_RECEIVED``)."""
    deadline = _locked(deadline)
    letter = deadline.letter
    consequence = ANSWER_RECEIVED.get(letter.kind) if letter else None
    if consequence is None or deadline.rule not in consequence.completes:
        raise DeadlineActionRefused(_("Für diese Frist lässt sich keine Antwort erfassen."))
    if not deadline.is_active:
        raise DeadlineActionRefused(_("Diese Frist ist schon abgeschlossen."))
    if received_on > timezone.localdate():
        raise DeadlineActionRefused(_("Das Datum der Antwort liegt in der Zukunft."))
    _complete(
        case=deadline.case,
        consequence=consequence,
        by=by,
        source={"source": "answer", "on": received_on.isoformat()},
        letter_id=deadline.letter_id,
    )
    deadline.refresh_from_db()
    return deadline


# --- what people do with a deadline ----------------------------------------------


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().select_related("case").get(pk=deadline.pk)


def _event(deadline: Deadline, action: str, by: Staff | None, note: str = "", **data) -> None:
    """A line in the timeline; its sentence is in ``cases.deadlines.events``."""
    event_record(
        case=deadline.case,
        kind=CaseEvent.Kind.DEADLINE,
        action=action,
        by=by,
        note=note,
        data={
            "deadline": deadline.pk,
            "rule": deadline.rule,
            "due_on": deadline.due_on.isoformat(),
            **data,
        },
    )


def may_confirm(deadline: Deadline, user: Staff) -> bool:
    """The four-eyes rule (see the module docstring)."""
    if deadline.is_confirmed or not deadline.is_active:
        return False
    if deadline.created_by_id is None or deadline.created_by_id != user.pk:
        return True
    assignee_ids = [a.pk for a in deadline.case.assignees.all()]
    return assignee_ids == [user.pk]


@transaction.atomic
def deadline_confirm(*, deadline: Deadline, by: Staff) -> Deadline:
    deadline = _locked(deadline)
    if deadline.is_confirmed:
        raise DeadlineActionRefused(_("Diese Frist ist bereits bestätigt."))
    if not may_confirm(deadline, by):
        raise DeadlineActionRefused(
            _(
                "Vier-Augen-Prinzip: Wer die Frist angelegt hat, kann sie nicht selbst "
                "bestätigen (außer als einzige zuständige Person des Falls)."
            )
        )
    deadline.confirmed_by = by
    deadline.confirmed_at = timezone.now()
    deadline.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
    _event(deadline, "confirmed", by)
    return deadline


@transaction.atomic
def deadline_override(*, deadline: Deadline, due_on: date, reason: str, by: Staff) -> Deadline:
    """Set the due date by hand; the reason goes into the timeline and the
    deadline needs a new confirmation."""
    reason = (reason or "").strip()
    if not reason:
        raise DeadlineActionRefused(_("Bitte einen Grund für die Änderung angeben."))
    deadline = _locked(deadline)
    old = deadline.due_on
    deadline.due_on = due_on
    deadline.override_reason = reason
    deadline.confirmed_by = None
    deadline.confirmed_at = None
    if deadline.status == Deadline.Status.MISSED and due_on >= timezone.localdate():
        deadline.status = Deadline.Status.OPEN
    deadline.save()
    _event(deadline, "overridden", by, note=reason, old=old.isoformat(), new=due_on.isoformat())
    return deadline


@transaction.atomic
def deadline_mark_done(*, deadline: Deadline, by: Staff) -> Deadline:
    deadline = _locked(deadline)
    if not deadline.is_active:
        raise DeadlineActionRefused(_("Nur offene oder versäumte Fristen können erledigt werden."))
    deadline.status = Deadline.Status.DONE
    deadline.done_at = timezone.now()
    deadline.save(update_fields=["status", "done_at", "updated_at"])
    _event(deadline, "done", by)
    return deadline


@transaction.atomic
def deadline_cancel(*, deadline: Deadline, by: Staff, reason: str = "") -> Deadline:
    deadline = _locked(deadline)
    if not deadline.is_active:
        raise DeadlineActionRefused(
            _("Nur offene oder versäumte Fristen können gegenstandslos werden.")
        )
    deadline.status = Deadline.Status.CANCELLED
    deadline.save(update_fields=["status", "updated_at"])
    _event(deadline, "cancelled", by, note=reason)
    return deadline


def deadline_mark_missed(*, deadline_id: int, today: date) -> bool:
    """Set an open, past deadline to "versäumt" – once: a conditional update,
    so two scans at once write one event."""
    with transaction.atomic():
        changed = (
            Deadline.objects.overdue(today)
            .filter(pk=deadline_id, status=Deadline.Status.OPEN)
            .update(status=Deadline.Status.MISSED, updated_at=timezone.now())
        )
        if changed:
            deadline = Deadline.objects.select_related("case").get(pk=deadline_id)
            _event(deadline, "missed", None)
    return bool(changed)


@transaction.atomic
def deadlines_recompute_for_decision(*, decision, by: Staff) -> list[Deadline]:
    """The decision's dates were corrected: compute its deadlines again. A
    date set by hand is kept (the new computation is noted in the timeline)."""
    decision = Decision.objects.select_related("case__jobcenter").get(pk=decision.pk)
    existing = {
        d.rule: d
        for d in Deadline.objects.select_for_update().filter(
            decision=decision, status__in=ACTIVE_STATUSES
        )
    }
    result: list[Deadline] = []
    today = timezone.localdate()
    for spec in _decision_specs(decision):
        deadline = existing.get(spec.rule)
        if deadline is None:
            result.append(_create(case=decision.case, spec=spec, by=by, decision=decision))
            continue
        computed = compute(spec.rule, spec.trigger_on, **spec.context)
        old_computed = deadline.computed_due_on
        was_overridden = deadline.is_overridden
        deadline.trigger_on = spec.trigger_on
        deadline.explanation = [*spec.preamble, *computed.steps]
        deadline.computed_due_on = computed.due_on
        if not was_overridden:
            if deadline.due_on != computed.due_on:
                deadline.confirmed_by = None
                deadline.confirmed_at = None
            deadline.due_on = computed.due_on
        if deadline.status == Deadline.Status.MISSED and deadline.due_on >= today:
            deadline.status = Deadline.Status.OPEN
        deadline.save()
        _event(
            deadline,
            "recomputed",
            by,
            old=old_computed.isoformat(),
            new=computed.due_on.isoformat(),
            kept_by_hand=was_overridden,
        )
        result.append(deadline)
    return result


# --- the December reminder and Wiedereinsetzung ---------------------------------


def review_reminders_create(*, today: date) -> int:
    """In December, every case in progress gets one reminder that the benefit
    months of the previous year drop out of an Überprüfungsantrag at year end
    (§ 44 Abs. 4 SGB X with § 40 Abs. 1 Satz 2 Nr. 2 SGB II). Once per case
    and year: the unique constraint keeps a second scan from adding another."""
    if today.month != 12:
        return 0
    first = date(today.year, 12, 1)
    cases = Case.objects.filter(status__in=LIVE_CASE_STATUSES).exclude(
        deadlines__rule="review_year_end", deadlines__trigger_on=first
    )
    created = 0
    for case in cases.select_related("jobcenter"):
        try:
            with transaction.atomic():
                _create(case=case, spec=Spec("review_year_end", first, {}), by=None)
        except IntegrityError:
            continue
        created += 1
    return created


@transaction.atomic
def reinstatement_start(
    *, deadline: Deadline, obstacle_ended_on: date, by: Staff
) -> list[Deadline]:
    """A missed SGG period: compute the Wiedereinsetzung period (§ 67 Abs. 2
    SGG, one month after the obstacle ended) and its one-year limit (§ 67
    Abs. 3 SGG, from the end of the missed period)."""
    deadline = _locked(deadline)
    if deadline.rule not in SGG_REINSTATABLE:
        raise DeadlineActionRefused(
            _("Für diese Frist sieht das Gesetz keine Wiedereinsetzung nach § 67 SGG vor.")
        )
    if deadline.status != Deadline.Status.MISSED:
        raise DeadlineActionRefused(_("Wiedereinsetzung kommt nur für versäumte Fristen in Frage."))
    if obstacle_ended_on < deadline.due_on or obstacle_ended_on > timezone.localdate():
        raise DeadlineActionRefused(
            _("Das Hindernis kann nicht vor dem Fristende und nicht in der Zukunft entfallen sein.")
        )
    context, seat_line = _seat(deadline.case.jobcenter, label=str(deadline.case.jobcenter))
    preamble = [
        _("Versäumt: %(title)s – %(due)s") % {"title": deadline.title, "due": fmt(deadline.due_on)},
        seat_line,
    ]
    return [
        _create(
            case=deadline.case,
            spec=Spec("reinstatement", obstacle_ended_on, context, preamble),
            by=by,
            decision=deadline.decision,
        ),
        _create(
            case=deadline.case,
            spec=Spec("reinstatement_limit", deadline.due_on, context, preamble),
            by=by,
            decision=deadline.decision,
        ),
    ]


@transaction.atomic
def review_limit_start(*, deadline: Deadline, month: date, by: Staff) -> Deadline:
    """A missed Widerspruchsfrist: the Überprüfungsantrag remains (§ 44 SGB X).
    Compute the last day on which it still reaches back to the benefit month
    ``month`` (§ 44 Abs. 4 SGB X with § 40 Abs. 1 Satz 2 Nr. 2 SGB II)."""
    deadline = _locked(deadline)
    if deadline.rule not in REVIEW_FALLBACK or deadline.status != Deadline.Status.MISSED:
        raise DeadlineActionRefused(
            _(
                "Die Grenze des Überprüfungsantrags wird für eine versäumte Widerspruchsfrist berechnet."
            )
        )
    month = month.replace(day=1)
    today = timezone.localdate()
    if month > today:
        raise DeadlineActionRefused(_("Der Leistungsmonat liegt in der Zukunft."))
    result = compute("review_limit", month)
    if result.due_on < today:
        raise DeadlineActionRefused(
            _(
                "Dieser Leistungsmonat ist mit einem Überprüfungsantrag nicht mehr erreichbar "
                "(letzter Tag war der %(due)s; § 44 Abs. 4 SGB X mit § 40 Abs. 1 Satz 2 Nr. 2 SGB II)."
            )
            % {"due": fmt(result.due_on)}
        )
    preamble = [
        _("Versäumt: %(title)s – %(due)s") % {"title": deadline.title, "due": fmt(deadline.due_on)}
    ]
    return _create(
        case=deadline.case,
        spec=Spec("review_limit", month, {}, preamble),
        by=by,
        decision=deadline.decision,
    )


# --- closing a case decides its deadlines ----------------------------------------

KEEP, CANCEL = "keep", "cancel"
DEADLINE_CHOICES = [
    (KEEP, gettext_lazy("weiter überwachen")),
    (CANCEL, gettext_lazy("gegenstandslos")),
]


def deadlines_to_decide(case) -> list[Deadline]:
    """The open or missed deadlines a case's closing must decide (from the
    case page's prefetched deadlines when there are any)."""
    prefetched = getattr(case, "_prefetched_objects_cache", {}).get("deadlines")
    if prefetched is not None:
        rows = [d for d in prefetched if d.status in ACTIVE_STATUSES]
        return sorted(rows, key=lambda d: (d.due_on, d.pk))
    return list(
        Deadline.objects.filter(case=case, status__in=ACTIVE_STATUSES).order_by("due_on", "pk")
    )


@transaction.atomic
def case_end(
    *, case, to_status: str, by: Staff, note: str = "", decisions: dict[int, tuple[str, str]]
) -> Case:
    """Close or reject a case, deciding each open deadline: ``keep`` (it
    stays watched: reminders, lists, digest) or ``cancel`` with a reason.
    An undecided deadline refuses the whole change."""
    case = case_services.case_transition(case=case, to_status=to_status, by=by, note=note)
    locked = Deadline.objects.select_for_update().filter(case=case, status__in=ACTIVE_STATUSES)
    for deadline in locked.order_by("due_on", "pk"):
        choice, reason = decisions.get(deadline.pk, ("", ""))
        if choice == CANCEL and reason:
            deadline_cancel(deadline=deadline, by=by, reason=reason)
        elif choice == KEEP:
            deadline.is_kept_when_closed = True
            deadline.save(update_fields=["is_kept_when_closed", "updated_at"])
            _event(deadline, "kept", by)
        else:
            raise DeadlineActionRefused(
                _("Bitte für jede offene Frist entscheiden: weiter überwachen oder gegenstandslos.")
            )
    return case


# --- preferences -------------------------------------------------------------------


def preference_for(user: Staff) -> DeadlinePreference:
    preference, _created = DeadlinePreference.objects.get_or_create(user=user)
    return preference


def preference_update(
    *, user, reminder_days: list[int], wants_weekly_digest: bool
) -> DeadlinePreference:
    preference = preference_for(user)
    preference.reminder_days = sorted(set(reminder_days), reverse=True)
    preference.wants_weekly_digest = wants_weekly_digest
    preference.save(update_fields=["reminder_days", "wants_weekly_digest"])
    return preference


def calendar_token_regenerate(*, user: Staff) -> DeadlinePreference:
    """A new secret calendar address; the old one stops working at once."""
    preference = preference_for(user)
    preference.calendar_token = new_calendar_token()
    preference.save(update_fields=["calendar_token"])
    return preference


def calendar_token_revoke(*, user: Staff) -> DeadlinePreference:
    preference = preference_for(user)
    preference.calendar_token = None
    preference.save(update_fields=["calendar_token"])
    return preference


def reminder_days_of(preference: DeadlinePreference | None, default: tuple[int, ...]) -> list[int]:
    days = (
        list(preference.reminder_days) if preference and preference.reminder_days else list(default)
    )
    return sorted({int(day) for day in days if 0 < int(day) <= 60}, reverse=True)
