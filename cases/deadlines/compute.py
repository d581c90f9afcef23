"""The legal deadline computation: pure functions, no database.

``compute(rule, trigger_on, **context)`` returns the due date and every step
of the computation as a German sentence that cites the norm it applies, so
that a lawyer can check it line by line.

Context keys (all optional):

- ``region``: the holiday region of the place where the act must be done
  (a Land code such as ``"BY"``, or ``"Augsburg"``); ``None`` = nationwide
  holidays only.
- ``observes_catholic_holidays``: the seat also keeps the CATHOLIC holidays
  (Mariä Himmelfahrt in Bavaria, Fronleichnam in parts of Saxony/Thuringia).
- ``received_on``: actual receipt (§ 37 SGB X: a later receipt wins).
- ``abroad``: notified abroad (§ 84 Abs. 1 Satz 2, § 87 Abs. 1 Satz 2 SGG).
- ``has_correct_legal_remedy_notice``: ``False`` gives the one-year period
  of § 66 Abs. 2 SGG; ``None`` (nobody has checked the Bescheid yet) keeps
  the short period as a precaution and says so in the explanation.
- ``extended``: Art. 12 Abs. 3 Satz 2 DSGVO extension by two months.
- ``transit_days``: assumed postal transit before receipt (Art. 12 DSGVO).
- ``after``: for § 88 SGG, ``"objection"`` (3 months) or ``"application"``
  (6 months).
- ``learned_of_act_on`` / ``learned_of_offender_on``: § 77b StGB.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
WEEKDAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
NOTIFICATION_CHANGE_ON = date(2025, 1, 1)

# What a computed date means.
KIND_DEADLINE = "deadline"  # the act must be done by the end of this day
KIND_EARLIEST = "earliest"  # the act is possible from this day on
KIND_FOLLOW_UP = "follow_up"  # no legal period: a day to follow up


class UnknownRule(ValueError):
    """The rule name is not in the registry."""


@dataclass(frozen=True)
class DeadlineResult:
    due_on: date
    steps: list[str] = field(default_factory=list)
    kind: str = KIND_DEADLINE


@dataclass(frozen=True)
class Rule:
    name: str
    title: str
    norm: str
    trigger: str
    kind: str = KIND_DEADLINE


def fmt(day: date) -> str:
    """``Fr 07.03.2025``"""
    return f"{WEEKDAYS[day.weekday()]} {day:%d.%m.%Y}"


def add_months(day: date, months: int) -> tuple[date, bool]:
    """The day with the same number ``months`` later, else that month's last
    day (§ 64 Abs. 2 SGG, § 188 Abs. 2, 3 BGB). Second value: cut to month end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last)), day.day > last


@lru_cache(maxsize=256)
def _holidays(region: str | None, catholic: bool, year: int) -> dict[date, str]:
    categories = ("public", "catholic") if catholic else ("public",)
    calendar_ = holidays.Germany(subdiv=region, categories=categories, language="de", years=year)
    return dict(calendar_.items())


def holiday_name(day: date, region: str | None, catholic: bool = False) -> str | None:
    return _holidays(region, catholic, day.year).get(day)


def _free_day_reason(day: date, region: str | None, catholic: bool) -> str | None:
    if day.weekday() >= 5:
        return WEEKDAY_NAMES[day.weekday()]
    name = holiday_name(day, region, catholic)
    if name:
        where = f" in {region}" if region else " (bundesweit)"
        return f"Feiertag „{name}“{where}"
    return None


def roll_to_working_day(
    day: date, norm: str, context: dict, steps: list[str], *, subject: str = "Fristende"
) -> date:
    """Move a period's end off Saturdays, Sundays and the public holidays of
    the place where the act must be done; appends one explanation line."""
    region = context.get("region") or None
    catholic = bool(context.get("observes_catholic_holidays"))
    reasons: list[tuple[date, str]] = []
    while (reason := _free_day_reason(day, region, catholic)) is not None:
        reasons.append((day, reason))
        day += timedelta(days=1)
    if not reasons:
        return day
    text = reasons[0][1]
    later = [f"{reason} ({when:%d.%m.})" for when, reason in reasons[1:] if when.weekday() < 5]
    if later:
        text += ", danach " + ", ".join(later)
    steps.append(f"{subject} fällt auf {text} → nächster Werktag ({norm}): {fmt(day)}")
    return day


def _month_period(
    start: date, months: int, norm: str, steps: list[str], *, label: str = "Fristende"
) -> date:
    end, cut = add_months(start, months)
    if cut:
        steps.append(
            f"{label}: Den Tag {start.day}. gibt es im Monat {end:%m.%Y} nicht, daher "
            f"der letzte Tag des Monats ({norm}): {fmt(end)}"
        )
    else:
        steps.append(
            f"{label}: Tag des späteren Monats mit derselben Zahl wie der "
            f"Ereignistag ({norm}): {fmt(end)}"
        )
    return end


def _months_text(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return "1 Jahr" if years == 1 else f"{years} Jahre"
    return "1 Monat" if months == 1 else f"{months} Monate"


def _with_transit(sent_on: date, context: dict, steps: list[str]) -> date:
    transit = int(context.get("transit_days") or 0)
    if not transit:
        return sent_on
    arrived_on = sent_on + timedelta(days=transit)
    steps.append(
        f"Eingang angenommen {transit} Tage nach Absendung (Postlaufzeit entsprechend "
        f"§ 37 Abs. 2 Satz 1 SGB X; maßgeblich ist der tatsächliche Zugang): {fmt(arrived_on)}"
    )
    return arrived_on


# --- the rules ---------------------------------------------------------------


def _notification(trigger_on: date, context: dict) -> DeadlineResult:
    steps = [f"Aufgabe zur Post: {fmt(trigger_on)}"]
    if trigger_on < NOTIFICATION_CHANGE_ON:
        nth, norm = 3, "§ 37 Abs. 2 Satz 1 SGB X in der bis 31.12.2024 geltenden Fassung"
    else:
        nth, norm = 4, "§ 37 Abs. 2 Satz 1 SGB X"
    fiction = trigger_on + timedelta(days=nth)
    steps.append(f"Bekanntgabe am {nth}. Tag nach Aufgabe zur Post ({norm}): {fmt(fiction)}")
    reason = _free_day_reason(
        fiction, context.get("region") or None, bool(context.get("observes_catholic_holidays"))
    )
    if reason:
        steps.append(
            f"Der {nth}. Tag ist ein {reason}; die Bekanntgabefiktion wird nicht auf den "
            f"nächsten Werktag verschoben (§ 37 Abs. 2 Satz 1 SGB X, § 64 Abs. 3 SGG gilt "
            f"nur für das Fristende): {fmt(fiction)}"
        )
    received_on = context.get("received_on")
    notified_on = fiction
    if received_on and received_on > fiction:
        notified_on = received_on
        steps.append(
            f"Tatsächlich später zugegangen am {fmt(received_on)}: maßgeblich ist der "
            f"spätere Zugang (§ 37 Abs. 2 Satz 3 SGB X): {fmt(notified_on)}"
        )
    elif received_on:
        steps.append(
            f"Früherer Zugang am {fmt(received_on)} verkürzt die Fiktion nicht "
            f"(§ 37 Abs. 2 Satz 1 SGB X): {fmt(notified_on)}"
        )
    return DeadlineResult(notified_on, steps)


def _sgg_period(
    trigger_on: date,
    context: dict,
    *,
    event: str,
    months: int,
    norm: str,
    abroad_norm: str | None,
) -> DeadlineResult:
    steps = [f"{event}: {fmt(trigger_on)}"]
    steps.append(
        f"Die Frist beginnt mit dem Tag nach dem Ereignis (§ 64 Abs. 1 SGG): "
        f"{fmt(trigger_on + timedelta(days=1))}"
    )
    notice = context.get("has_correct_legal_remedy_notice", True)
    if notice is None:
        steps.append(
            "Rechtsbehelfsbelehrung noch nicht geprüft: vorsorglich die gewöhnliche Frist; "
            "fehlt die Belehrung oder ist sie unrichtig, gilt 1 Jahr (§ 66 Abs. 2 Satz 1 SGG) "
            "– bitte den Bescheid prüfen"
        )
    if notice is False:
        months = 12
        steps.append(
            "Rechtsbehelfsbelehrung fehlt oder ist unrichtig: Frist 1 Jahr statt der "
            "gewöhnlichen Frist (§ 66 Abs. 2 Satz 1 SGG)"
        )
    elif context.get("abroad") and abroad_norm:
        months = 3
        steps.append(f"Bekanntgabe im Ausland: Frist 3 Monate ({abroad_norm})")
    else:
        steps.append(f"Frist {_months_text(months)} ({norm})")
    end = _month_period(trigger_on, months, "§ 64 Abs. 2 SGG", steps)
    end = roll_to_working_day(end, "§ 64 Abs. 3 SGG", context, steps)
    return DeadlineResult(end, steps)


def _objection(trigger_on: date, context: dict) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        context,
        event="Bekanntgabe des Bescheids",
        months=1,
        norm="§ 84 Abs. 1 Satz 1 SGG",
        abroad_norm="§ 84 Abs. 1 Satz 2 SGG",
    )


def _remedy_without_notice(trigger_on: date, context: dict) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        {**context, "has_correct_legal_remedy_notice": False},
        event="Bekanntgabe / Zustellung",
        months=12,
        norm="§ 66 Abs. 2 Satz 1 SGG",
        abroad_norm=None,
    )


def _action(trigger_on: date, context: dict) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        context,
        event="Bekanntgabe des Widerspruchsbescheids",
        months=1,
        norm="§ 87 Abs. 1 Satz 1, Abs. 2 SGG",
        abroad_norm="§ 87 Abs. 1 Satz 2 SGG",
    )


def _appeal(trigger_on: date, context: dict) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        context,
        event="Zustellung des Urteils",
        months=1,
        norm="§ 151 Abs. 1 SGG",
        abroad_norm="§ 153 Abs. 1, § 87 Abs. 1 Satz 2 SGG",
    )


def _reinstatement(trigger_on: date, context: dict) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        {**context, "has_correct_legal_remedy_notice": True},
        event="Wegfall des Hindernisses",
        months=1,
        norm="§ 67 Abs. 2 Satz 1 SGG",
        abroad_norm=None,
    )


def _inaction(trigger_on: date, context: dict) -> DeadlineResult:
    after = context.get("after", "objection")
    if after == "application":
        event, months, norm = "Antrag gestellt", 6, "§ 88 Abs. 1 Satz 1 SGG"
    else:
        event, months, norm = "Widerspruch eingelegt", 3, "§ 88 Abs. 2 SGG"
    steps = [f"{event}: {fmt(trigger_on)}"]
    trigger_on = _with_transit(trigger_on, context, steps)
    steps.append(
        f"Untätigkeitsklage erst nach Ablauf von {months} Monaten ohne Bescheid zulässig ({norm})"
    )
    end = _month_period(trigger_on, months, "§ 64 Abs. 2 SGG", steps, label="Sperrfrist endet")
    possible_on = end + timedelta(days=1)
    steps.append(
        f"Klage möglich ab dem Folgetag ({norm}); das ist ein frühester Zeitpunkt, "
        f"keine Frist, und wird nicht verschoben: {fmt(possible_on)}"
    )
    return DeadlineResult(possible_on, steps, KIND_EARLIEST)


def _criminal_complaint(trigger_on: date, context: dict) -> DeadlineResult:
    act_on = context.get("learned_of_act_on") or trigger_on
    offender_on = context.get("learned_of_offender_on") or trigger_on
    steps = [
        f"Kenntnis von der Tat: {fmt(act_on)}",
        f"Kenntnis von der Person des Täters: {fmt(offender_on)}",
    ]
    start = max(act_on, offender_on)
    steps.append(
        "Die Frist beginnt mit Ablauf des Tages, an dem der Berechtigte von Tat und "
        f"Täter Kenntnis erlangt, also des späteren Tages (§ 77b Abs. 2 Satz 1 StGB): "
        f"{fmt(start)}"
    )
    steps.append(
        "Antragsfrist 3 Monate (§ 77b Abs. 1 Satz 1 StGB); Berechnung nach § 187 Abs. 1 BGB"
    )
    end = _month_period(start, 3, "§ 188 Abs. 2, 3 BGB", steps)
    end = roll_to_working_day(end, "§ 193 BGB", context, steps)
    return DeadlineResult(end, steps)


def _stpo_complaint(trigger_on: date, context: dict) -> DeadlineResult:
    steps = [f"Bekanntmachung des Einstellungsbescheids: {fmt(trigger_on)}"]
    steps.append("Beschwerdefrist 2 Wochen (§ 172 Abs. 1 Satz 1 StPO)")
    end = trigger_on + timedelta(weeks=2)
    steps.append(
        f"Fristende: Tag der übernächsten Woche mit derselben Benennung (§ 43 Abs. 1 StPO): "
        f"{fmt(end)}"
    )
    end = roll_to_working_day(end, "§ 43 Abs. 2 StPO", context, steps)
    return DeadlineResult(end, steps)


def _compulsory_prosecution(trigger_on: date, context: dict) -> DeadlineResult:
    steps = [f"Bekanntmachung des ablehnenden Beschwerdebescheids: {fmt(trigger_on)}"]
    steps.append("Antrag auf gerichtliche Entscheidung binnen 1 Monat (§ 172 Abs. 2 Satz 1 StPO)")
    end = _month_period(trigger_on, 1, "§ 43 Abs. 1 StPO", steps)
    end = roll_to_working_day(end, "§ 43 Abs. 2 StPO", context, steps)
    return DeadlineResult(end, steps)


EU_PERIODS = "VO (EWG, Euratom) Nr. 1182/71"


def _gdpr_access(trigger_on: date, context: dict) -> DeadlineResult:
    steps = [f"Auskunftsersuchen abgesandt: {fmt(trigger_on)}"]
    transit = int(context.get("transit_days") or 0)
    received_on = context.get("received_on") or trigger_on + timedelta(days=transit)
    if context.get("received_on"):
        steps.append(f"Eingang beim Verantwortlichen: {fmt(received_on)}")
    elif transit:
        steps.append(
            f"Eingang beim Verantwortlichen angenommen {transit} Tage nach Absendung "
            f"(Postlaufzeit; maßgeblich ist der tatsächliche Zugang, § 130 BGB): "
            f"{fmt(received_on)}"
        )
    else:
        steps.append(f"Eingang beim Verantwortlichen am Tag der Absendung: {fmt(received_on)}")
    months = 1
    steps.append(
        "Antwort unverzüglich, spätestens binnen 1 Monat nach Eingang (Art. 12 Abs. 3 Satz 1 DSGVO)"
    )
    if context.get("extended"):
        months = 3
        steps.append(
            "Verlängerung um weitere 2 Monate, mit Begründung mitgeteilt "
            "(Art. 12 Abs. 3 Satz 2, 3 DSGVO)"
        )
    end = _month_period(received_on, months, f"Art. 3 Abs. 2 lit. c {EU_PERIODS}", steps)
    end = roll_to_working_day(end, f"Art. 3 Abs. 4 {EU_PERIODS}", context, steps)
    return DeadlineResult(end, steps)


def _dpa_inaction(trigger_on: date, context: dict) -> DeadlineResult:
    steps = [f"Beschwerde bei der Aufsichtsbehörde abgesandt: {fmt(trigger_on)}"]
    trigger_on = _with_transit(trigger_on, context, steps)
    steps.append(
        "Ohne Unterrichtung über Stand oder Ergebnis binnen 3 Monaten ist die Klage gegen "
        "die Aufsichtsbehörde zulässig (Art. 78 Abs. 2 DSGVO)"
    )
    end = _month_period(
        trigger_on, 3, f"Art. 3 Abs. 2 lit. c {EU_PERIODS}", steps, label="3 Monate enden"
    )
    possible_on = end + timedelta(days=1)
    steps.append(
        f"Klage möglich ab dem Folgetag, wenn bis dahin keine Unterrichtung kam "
        f"(Art. 78 Abs. 2 DSGVO); frühester Zeitpunkt, keine Frist: {fmt(possible_on)}"
    )
    return DeadlineResult(possible_on, steps, KIND_EARLIEST)


def _complaint_follow_up(trigger_on: date, context: dict) -> DeadlineResult:
    steps = [f"Strafantrag abgesandt: {fmt(trigger_on)}"]
    steps.append(
        "Wiedervorlage nach 1 Monat: bei der Staatsanwaltschaft nach dem Aktenzeichen "
        "fragen (interne Wiedervorlage, keine gesetzliche Frist; Mitteilung nach § 158 StPO)"
    )
    end = _month_period(trigger_on, 1, "Monatsrechnung entsprechend § 188 Abs. 2 BGB", steps)
    end = roll_to_working_day(
        end, "entsprechend § 193 BGB", context, steps, subject="Wiedervorlage"
    )
    return DeadlineResult(end, steps, KIND_FOLLOW_UP)


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule("notification", "Bekanntgabe des Bescheids", "§ 37 Abs. 2 SGB X", "Aufgabe zur Post"),
        Rule("objection", "Widerspruchsfrist", "§ 84 SGG", "Bekanntgabe des Bescheids"),
        Rule(
            "remedy_without_notice",
            "Rechtsbehelf ohne (richtige) Belehrung",
            "§ 66 Abs. 2 SGG",
            "Bekanntgabe / Zustellung",
        ),
        Rule("action", "Klagefrist", "§ 87 SGG", "Bekanntgabe des Widerspruchsbescheids"),
        Rule(
            "inaction_action",
            "Untätigkeitsklage möglich",
            "§ 88 SGG",
            "Einlegung des Widerspruchs / Antragstellung",
            KIND_EARLIEST,
        ),
        Rule("appeal", "Berufungsfrist", "§ 151 SGG", "Zustellung des Urteils"),
        Rule(
            "reinstatement",
            "Antrag auf Wiedereinsetzung",
            "§ 67 Abs. 2 SGG",
            "Wegfall des Hindernisses",
        ),
        Rule(
            "criminal_complaint",
            "Strafantragsfrist",
            "§ 77b StGB",
            "Kenntnis von Tat und Täter (der spätere Tag)",
        ),
        Rule(
            "prosecution_complaint",
            "Beschwerde gegen die Einstellung",
            "§ 172 Abs. 1 StPO",
            "Bekanntmachung des Einstellungsbescheids",
        ),
        Rule(
            "compulsory_prosecution",
            "Klageerzwingungsantrag",
            "§ 172 Abs. 2 StPO",
            "Bekanntmachung des Beschwerdebescheids",
        ),
        Rule(
            "gdpr_access_answer",
            "Antwort auf Auskunftsersuchen fällig",
            "Art. 12 Abs. 3 DSGVO",
            "Eingang des Ersuchens",
        ),
        Rule(
            "dpa_inaction",
            "Untätigkeit der Datenschutzaufsicht: Klage möglich",
            "Art. 78 Abs. 2 DSGVO",
            "Einreichung der Beschwerde",
            KIND_EARLIEST,
        ),
        Rule(
            "complaint_follow_up",
            "Nachfrage nach dem Aktenzeichen (Strafantrag)",
            "Wiedervorlage",
            "Absendung des Strafantrags",
            KIND_FOLLOW_UP,
        ),
    )
}

_COMPUTE = {
    "notification": _notification,
    "objection": _objection,
    "remedy_without_notice": _remedy_without_notice,
    "action": _action,
    "inaction_action": _inaction,
    "appeal": _appeal,
    "reinstatement": _reinstatement,
    "criminal_complaint": _criminal_complaint,
    "prosecution_complaint": _stpo_complaint,
    "compulsory_prosecution": _compulsory_prosecution,
    "gdpr_access_answer": _gdpr_access,
    "dpa_inaction": _dpa_inaction,
    "complaint_follow_up": _complaint_follow_up,
}


def compute(rule: str, trigger_on: date, **context) -> DeadlineResult:
    """Compute the date of ``rule`` triggered on ``trigger_on``."""
    try:
        function = _COMPUTE[rule]
    except KeyError:
        raise UnknownRule(rule) from None
    result = function(trigger_on, context)
    return DeadlineResult(result.due_on, list(result.steps), RULES[rule].kind)
