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
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.deadlines.compute import RULES, compute, fmt
from cases.deadlines.models import ACTIVE_STATUSES, Deadline, DeadlinePreference, new_calendar_token
from cases.events import event_record
from cases.models import CaseEvent, Decision

# Assumed postal transit for letters we send (the statutory assumption of
# § 37 Abs. 2 Satz 1 SGB X); zero for channels with same-day receipt.
POSTAL_TRANSIT_DAYS = 4
SAME_DAY_CHANNELS = {"fax", "email", "persoenlich", "ebo"}


class DeadlineActionRefused(Exception):
    """The action is not allowed (message in German, for the user)."""


@dataclass
class Spec:
    """What a trigger means: which rule, from which date, at which seat."""

    rule: str
    trigger_on: date
    context: dict
    preamble: list[str] = field(default_factory=list)


def _seat(seat, *, label: str) -> tuple[dict, str]:
    region = seat.holiday_region
    catholic = seat.observes_catholic_holidays
    line = _("Ort der Handlung: %(label)s (Feiertage: %(region)s%(catholic)s)") % {
        "label": label,
        "region": region,
        "catholic": _(", mit katholischen Feiertagen") if catholic else "",
    }
    return {"region": region, "observes_catholic_holidays": catholic}, line


# --- what follows from a trigger ------------------------------------------------


def _notification_of(decision: Decision) -> tuple[date, list[str]]:
    """The day a decision counts as notified, with its explanation."""
    jobcenter = decision.case.jobcenter
    if decision.posted_on:
        result = compute(
            "notification",
            decision.posted_on,
            received_on=decision.received_on,
            region=jobcenter.holiday_region,
            observes_catholic_holidays=jobcenter.observes_catholic_holidays,
        )
        return result.due_on, result.steps
    if decision.received_on:
        return decision.received_on, [
            f"Zugang laut Eingangsvermerk (Tag der Aufgabe zur Post unbekannt; "
            f"§ 37 Abs. 2 SGB X): {fmt(decision.received_on)}"
        ]
    result = compute(
        "notification",
        decision.dated_on,
        region=jobcenter.holiday_region,
        observes_catholic_holidays=jobcenter.observes_catholic_holidays,
    )
    return result.due_on, [
        f"Tag der Aufgabe zur Post unbekannt: angenommen das Datum des Bescheids "
        f"{fmt(decision.dated_on)} (bitte prüfen)",
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
    jobcenter = decision.case.jobcenter
    kind = decision.kind
    remedy = {
        "abroad": decision.notified_abroad,
        "has_correct_legal_remedy_notice": decision.has_correct_legal_remedy_notice,
    }
    if kind == Decision.Kind.OBJECTION_DECISION:
        notified_on, lines = _notification_of(decision)
        context, seat_line = _seat(
            jobcenter, label=_("Sozialgericht im Land %(state)s") % {"state": jobcenter.state}
        )
        seat_line += _(
            " – zuständig ist das Sozialgericht am Wohnsitz (§ 57 Abs. 1 SGG); dessen Sitz "
            "ist nicht erfasst, daher die Feiertage am Sitz des Jobcenters angenommen"
        )
        return [Spec("action", notified_on, {**context, **remedy}, [*lines, seat_line])]
    if kind == Decision.Kind.JUDGMENT:
        served_on, lines = _served_on(decision, _("Zustellung des Urteils"))
        context, seat_line = _seat(
            jobcenter,
            label=_("Sozial- bzw. Landessozialgericht im Land %(state)s")
            % {"state": jobcenter.state},
        )
        return [Spec("appeal", served_on, {**context, **remedy}, [*lines, seat_line])]
    if kind == Decision.Kind.PROSECUTION_DROPPED:
        served_on, lines = _served_on(decision, _("Bekanntmachung des Einstellungsbescheids"))
        context, seat_line = _seat(
            jobcenter,
            label=_("Staatsanwaltschaft (§ 172 Abs. 1 Satz 2 StPO), Land %(state)s")
            % {"state": jobcenter.state},
        )
        return [Spec("prosecution_complaint", served_on, context, [*lines, seat_line])]
    notified_on, lines = _notification_of(decision)
    context, seat_line = _seat(
        jobcenter,
        label=_("%(jobcenter)s (§ 84 Abs. 1 SGG: bei der Stelle, die den Bescheid erlassen hat)")
        % {"jobcenter": jobcenter.name},
    )
    return [Spec("objection", notified_on, {**context, **remedy}, [*lines, seat_line])]


def _title(rule_name: str) -> str:
    rule = RULES[rule_name]
    return f"{rule.title} ({rule.norm})"


def _create(*, case, spec: Spec, by, **trigger) -> Deadline:
    result = compute(spec.rule, spec.trigger_on, **spec.context)
    deadline = Deadline.objects.create(
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
def decision_record_with_deadlines(*, case, by, **fields) -> Decision:
    """Record a Bescheid received and create the deadlines that follow from it."""
    decision = case_services.decision_record(case=case, by=by, **fields)
    deadlines_for_decision(decision=decision, by=by)
    return decision


@transaction.atomic
def incident_record_with_deadlines(*, case, by, **fields):
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
    "notified_abroad",
    "has_correct_legal_remedy_notice",
}


@transaction.atomic
def decision_correct_with_deadlines(*, decision, by, **fields) -> Decision:
    """Correct a recorded Bescheid. When a date or a circumstance the
    deadlines rest on changes, its deadlines are computed again (a date set
    by hand is kept; the timeline notes the new computation)."""
    decision, changed = case_services.decision_correct(decision=decision, by=by, **fields)
    if DEADLINE_FIELDS & changed:
        deadlines_recompute_for_decision(decision=decision, by=by)
    return decision


@transaction.atomic
def deadlines_for_decision(*, decision, by=None) -> list[Deadline]:
    """Create the deadlines that follow from a recorded decision."""
    return [
        _create(case=decision.case, spec=spec, by=by, decision=decision)
        for spec in _decision_specs(decision)
    ]


def _incident_specs(incident) -> list[Spec]:
    if not (incident.learned_of_act_on and incident.learned_of_offender_on):
        return []
    context, seat_line = _seat(
        incident.case.jobcenter,
        label=_("Staatsanwaltschaft oder Polizei, Land %(state)s")
        % {"state": incident.case.jobcenter.state},
    )
    trigger_on = max(incident.learned_of_act_on, incident.learned_of_offender_on)
    return [
        Spec(
            "criminal_complaint",
            trigger_on,
            {
                **context,
                "learned_of_act_on": incident.learned_of_act_on,
                "learned_of_offender_on": incident.learned_of_offender_on,
            },
            [
                "Unbefugte Verarbeitung von Sozialdaten wird nur auf Antrag verfolgt "
                "(§ 85 Abs. 3 Satz 1 SGB X): die Strafantragsfrist läuft",
                seat_line,
            ],
        )
    ]


@transaction.atomic
def deadlines_for_incident(*, incident, by=None) -> list[Deadline]:
    """Create the deadlines that follow from an incident (Strafantrag clock)."""
    return [
        _create(case=incident.case, spec=spec, by=by, incident=incident)
        for spec in _incident_specs(incident)
    ]


def _letter_specs(letter) -> list[Spec]:
    if not letter.sent_on:
        return []
    transit = 0 if letter.channel in SAME_DAY_CHANNELS else POSTAL_TRANSIT_DAYS
    recipient = letter.recipient_jobcenter or letter.recipient_authority or letter.case.jobcenter
    context, seat_line = _seat(recipient, label=str(recipient))
    channel = letter.get_channel_display() if letter.channel else _("unbekannt")
    preamble = [_("Versandweg: %(channel)s") % {"channel": channel}, seat_line]
    rule = {
        "auskunft": "gdpr_access_answer",
        "widerspruch": "inaction_action",
        "dsgvo_beschwerde": "dpa_inaction",
        "strafantrag": "complaint_follow_up",
    }.get(letter.kind)
    if rule is None:
        return []
    if rule in {"gdpr_access_answer", "inaction_action", "dpa_inaction"}:
        context = {**context, "transit_days": transit}
    return [Spec(rule, letter.sent_on, context, preamble)]


@transaction.atomic
def deadlines_for_letter_sent(*, letter, by=None) -> list[Deadline]:
    """Create the follow-up deadlines of a letter marked as sent."""
    return [
        _create(case=letter.case, spec=spec, by=by, letter=letter) for spec in _letter_specs(letter)
    ]


# --- what people do with a deadline ----------------------------------------------


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().select_related("case").get(pk=deadline.pk)


def _event(deadline: Deadline, action: str, by, note: str = "", **data) -> None:
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


def may_confirm(deadline: Deadline, user) -> bool:
    """The four-eyes rule (see the module docstring)."""
    if deadline.is_confirmed or not deadline.is_active:
        return False
    if deadline.created_by_id is None or deadline.created_by_id != user.pk:
        return True
    assignee_ids = [a.pk for a in deadline.case.assignees.all()]
    return assignee_ids == [user.pk]


@transaction.atomic
def deadline_confirm(*, deadline: Deadline, by) -> Deadline:
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
def deadline_override(*, deadline: Deadline, due_on: date, reason: str, by) -> Deadline:
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
def deadline_mark_done(*, deadline: Deadline, by) -> Deadline:
    deadline = _locked(deadline)
    if not deadline.is_active:
        raise DeadlineActionRefused(_("Nur offene oder versäumte Fristen können erledigt werden."))
    deadline.status = Deadline.Status.DONE
    deadline.done_at = timezone.now()
    deadline.save(update_fields=["status", "done_at", "updated_at"])
    _event(deadline, "done", by)
    return deadline


@transaction.atomic
def deadline_cancel(*, deadline: Deadline, by, reason: str = "") -> Deadline:
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
        changed = Deadline.objects.filter(
            pk=deadline_id, status=Deadline.Status.OPEN, due_on__lt=today
        ).update(status=Deadline.Status.MISSED, updated_at=timezone.now())
        if changed:
            deadline = Deadline.objects.select_related("case").get(pk=deadline_id)
            _event(deadline, "missed", None)
    return bool(changed)


@transaction.atomic
def deadlines_recompute_for_decision(*, decision, by) -> list[Deadline]:
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


# --- preferences -------------------------------------------------------------------


def preference_for(user) -> DeadlinePreference:
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


def calendar_token_regenerate(*, user) -> DeadlinePreference:
    """A new secret calendar address; the old one stops working at once."""
    preference = preference_for(user)
    preference.calendar_token = new_calendar_token()
    preference.save(update_fields=["calendar_token"])
    return preference


def calendar_token_revoke(*, user) -> DeadlinePreference:
    preference = preference_for(user)
    preference.calendar_token = None
    preference.save(update_fields=["calendar_token"])
    return preference


def reminder_days_of(preference: DeadlinePreference | None, default: tuple[int, ...]) -> list[int]:
    days = (
        list(preference.reminder_days) if preference and preference.reminder_days else list(default)
    )
    return sorted({int(day) for day in days if 0 < int(day) <= 60}, reverse=True)
