"""The legal deadline computation: pure functions, no database.

``compute(rule, trigger_on, **context)`` returns the due date and every step
of the computation as a German sentence that cites the norm it applies, so
that a lawyer can check it line by line.

The context (``periods.Context``) holds what is known about the
circumstances: the place's holidays, actual receipt, whether the Bescheid's
legal-remedy notice is correct, postal transit and the like.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Unpack

from cases.deadlines import notice, review
from cases.deadlines.periods import (
    Context,
    add_months,
    fmt,
    holiday_name,
    month_period,
    months_text,
    roll_to_working_day,
    with_transit,
)

__all__ = ["Context", "add_months", "compute", "fmt", "holiday_name"]

NOTIFICATION_CHANGE_ON = date(2025, 1, 1)

# What a computed date means.
KIND_DEADLINE = "deadline"  # the act must be done by the end of this day
KIND_EARLIEST = "earliest"  # the act is possible from this day on
KIND_FOLLOW_UP = "follow_up"  # no legal period: a day to follow up
KIND_NOTICE = "notice"  # the day a decision counts as notified or served


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
    # What can still be done once the period has passed (reminders, the
    # deadline page); empty where nothing is to be said.
    late_remedy: str = ""


SGG_REINSTATEMENT = (
    "Wurde die Frist ohne Verschulden versäumt: Wiedereinsetzung in den vorigen Stand "
    "beantragen und die versäumte Handlung nachholen, binnen 1 Monat nach Wegfall des "
    "Hindernisses (§ 67 Abs. 1, 2 SGG); ein Jahr nach Ende der versäumten Frist ist der "
    "Antrag unzulässig, außer bei höherer Gewalt (§ 67 Abs. 3 SGG)."
)
OBJECTION_LATE = (
    f"{SGG_REINSTATEMENT[:-1]}; für den Widerspruch gilt § 67 SGG entsprechend "
    "(§ 84 Abs. 2 Satz 3 SGG). Sonst bleibt der Überprüfungsantrag (§ 44 SGB X)."
)
YEAR_LATE = (
    "Nach Ablauf der Jahresfrist bleibt die Wiedereinsetzung nur bei höherer Gewalt: binnen "
    "1 Monat nach ihrem Wegfall beantragen und die Handlung nachholen (§ 66 Abs. 2 Satz 2 "
    "mit § 67 Abs. 2 SGG). Sonst bleibt der Überprüfungsantrag (§ 44 SGB X)."
)
STPO_REINSTATEMENT = (
    "Wurde die Frist ohne Verschulden versäumt: Wiedereinsetzung in den vorigen Stand "
    "binnen 1 Woche nach Wegfall des Hindernisses beantragen und die Handlung nachholen "
    "(§§ 44, 45 StPO)."
)
STRAFANTRAG_LATE = (
    "Keine Wiedereinsetzung: die Antragsfrist des § 77b StGB ist eine Frist des "
    "materiellen Rechts, nach ihrem Ablauf wird die Tat nicht mehr verfolgt "
    "(§ 77b Abs. 1 Satz 1 StGB; §§ 44 ff. StPO gelten nicht). Möglich bleiben die "
    "Beschwerde bei der Datenschutzaufsicht (Art. 77 DSGVO) und eine Strafanzeige wegen "
    "Taten, die von Amts wegen verfolgt werden."
)
ANSWER_LATE = (
    "Frist der Gegenseite: ohne Antwort Beschwerde bei der Datenschutzaufsicht "
    "(Art. 77 DSGVO) einlegen oder gerichtlich vorgehen (Art. 79 DSGVO)."
)


# --- the rules ---------------------------------------------------------------


def _notice(function):
    """A rule from ``notice``: the day of notification or service."""

    def rule(trigger_on: date, context: Context) -> DeadlineResult:
        day, steps = function(trigger_on, context)
        return DeadlineResult(day, steps)

    return rule


def _sgg_period(
    trigger_on: date,
    context: Context,
    *,
    event: str,
    months: int,
    norm: str,
    abroad_norm: str | None,
    via: str = "",
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
            f"gewöhnlichen Frist (§ 66 Abs. 2 Satz 1 SGG{via})"
        )
        steps.append(
            "Ausnahmen: die Jahresfrist gilt nicht, wenn die Einlegung vor ihrem Ablauf "
            "infolge höherer Gewalt unmöglich war oder schriftlich oder elektronisch belehrt "
            "wurde, ein Rechtsbehelf sei nicht gegeben (§ 66 Abs. 2 Satz 1 SGG); bei höherer "
            "Gewalt gilt § 67 Abs. 2 SGG entsprechend (§ 66 Abs. 2 Satz 2 SGG)"
        )
    elif context.get("abroad") and abroad_norm:
        months = 3
        steps.append(f"Bekanntgabe im Ausland: Frist 3 Monate ({abroad_norm})")
    else:
        steps.append(f"Frist {months_text(months)} ({norm})")
    end = month_period(trigger_on, months, "§ 64 Abs. 2 SGG", steps)
    end = roll_to_working_day(end, "§ 64 Abs. 3 SGG", context, steps)
    return DeadlineResult(end, steps)


def _objection(trigger_on: date, context: Context) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        context,
        event="Bekanntgabe des Bescheids",
        months=1,
        norm="§ 84 Abs. 1 Satz 1 SGG",
        abroad_norm="§ 84 Abs. 1 Satz 2 SGG",
        via=", für den Widerspruch entsprechend nach § 84 Abs. 2 Satz 3 SGG",
    )


def _remedy_without_notice(trigger_on: date, context: Context) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        {**context, "has_correct_legal_remedy_notice": False},
        event="Bekanntgabe / Zustellung",
        months=12,
        norm="§ 66 Abs. 2 Satz 1 SGG",
        abroad_norm=None,
    )


def _action(trigger_on: date, context: Context) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        context,
        event="Bekanntgabe des Widerspruchsbescheids",
        months=1,
        norm="§ 87 Abs. 1 Satz 1, Abs. 2 SGG",
        abroad_norm="§ 87 Abs. 1 Satz 2 SGG",
    )


def _appeal(trigger_on: date, context: Context) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        context,
        event="Zustellung des Urteils",
        months=1,
        norm="§ 151 Abs. 1 SGG",
        abroad_norm="§ 153 Abs. 1, § 87 Abs. 1 Satz 2 SGG",
    )


def _reinstatement(trigger_on: date, context: Context) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        {**context, "has_correct_legal_remedy_notice": True},
        event="Wegfall des Hindernisses",
        months=1,
        norm="§ 67 Abs. 2 Satz 1 SGG",
        abroad_norm=None,
    )


def _inaction(trigger_on: date, context: Context) -> DeadlineResult:
    after = context.get("after", "objection")
    if after == "application":
        event, months, norm = "Antrag gestellt", 6, "§ 88 Abs. 1 Satz 1 SGG"
    else:
        event, months, norm = "Widerspruch eingelegt", 3, "§ 88 Abs. 2 SGG"
    steps = [f"{event}: {fmt(trigger_on)}"]
    trigger_on = with_transit(trigger_on, context, steps)
    steps.append(
        f"Untätigkeitsklage erst nach Ablauf von {months} Monaten ohne Bescheid zulässig ({norm})"
    )
    end = month_period(trigger_on, months, "§ 64 Abs. 2 SGG", steps, label="Sperrfrist endet")
    possible_on = end + timedelta(days=1)
    steps.append(
        f"Klage möglich ab dem Folgetag ({norm}); das ist ein frühester Zeitpunkt, "
        f"keine Frist, und wird nicht verschoben: {fmt(possible_on)}"
    )
    return DeadlineResult(possible_on, steps, KIND_EARLIEST)


def _inaction_application(trigger_on: date, context: Context) -> DeadlineResult:
    return _inaction(trigger_on, {**context, "after": "application"})


def _criminal_complaint(trigger_on: date, context: Context) -> DeadlineResult:
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
        "Antragsfrist 3 Monate (§ 77b Abs. 1 Satz 1 StGB); der Tag der Kenntnis zählt "
        "nicht mit (§ 77b Abs. 2 Satz 1 StGB: Beginn mit Ablauf dieses Tages)"
    )
    end = month_period(start, 3, "§ 77b Abs. 1 Satz 1 StGB mit § 188 Abs. 2, 3 BGB", steps)
    end = roll_to_working_day(end, "§ 77b Abs. 1 Satz 2 StGB", context, steps)
    return DeadlineResult(end, steps)


def _stpo_complaint(trigger_on: date, context: Context) -> DeadlineResult:
    steps = [f"Bekanntmachung des Einstellungsbescheids: {fmt(trigger_on)}"]
    if context.get("has_correct_legal_remedy_notice", True) is False:
        steps.append(
            "Keine Belehrung über die Beschwerde (§ 171 Satz 2 StPO): die Frist von 2 Wochen "
            "läuft nicht (§ 172 Abs. 1 Satz 3 StPO)"
        )
        follow_up = trigger_on + timedelta(weeks=2)
        steps.append(
            f"Wiedervorlage nach 2 Wochen, um die Beschwerde dennoch bald einzulegen "
            f"(interne Wiedervorlage, keine gesetzliche Frist): {fmt(follow_up)}"
        )
        return DeadlineResult(follow_up, steps, KIND_FOLLOW_UP)
    if context.get("has_correct_legal_remedy_notice", True) is None:
        steps.append(
            "Belehrung noch nicht geprüft: vorsorglich die Frist von zwei Wochen; fehlt die "
            "Belehrung, läuft sie nicht (§ 172 Abs. 1 Satz 3 StPO) – bitte den Bescheid prüfen"
        )
    steps.append("Beschwerdefrist 2 Wochen (§ 172 Abs. 1 Satz 1 StPO)")
    end = trigger_on + timedelta(weeks=2)
    steps.append(
        f"Fristende: Tag der übernächsten Woche mit derselben Benennung (§ 43 Abs. 1 StPO): "
        f"{fmt(end)}"
    )
    end = roll_to_working_day(end, "§ 43 Abs. 2 StPO", context, steps)
    return DeadlineResult(end, steps)


def _stpo_complaint_without_notice(trigger_on: date, context: Context) -> DeadlineResult:
    return _stpo_complaint(trigger_on, {**context, "has_correct_legal_remedy_notice": False})


def _compulsory_prosecution(trigger_on: date, context: Context) -> DeadlineResult:
    steps = [f"Bekanntmachung des ablehnenden Beschwerdebescheids: {fmt(trigger_on)}"]
    steps.append("Antrag auf gerichtliche Entscheidung binnen 1 Monat (§ 172 Abs. 2 Satz 1 StPO)")
    end = month_period(trigger_on, 1, "§ 43 Abs. 1 StPO", steps)
    end = roll_to_working_day(end, "§ 43 Abs. 2 StPO", context, steps)
    return DeadlineResult(end, steps)


def _leave_complaint(trigger_on: date, context: Context) -> DeadlineResult:
    return _sgg_period(
        trigger_on,
        context,
        event="Zustellung des vollständigen Urteils",
        months=1,
        norm="§ 145 Abs. 1 Satz 2 SGG",
        abroad_norm=None,
    )


def _order_complaint(trigger_on: date, context: Context) -> DeadlineResult:
    result = _sgg_period(
        trigger_on,
        context,
        event="Bekanntgabe des Beschlusses des Sozialgerichts",
        months=1,
        norm="§ 173 Satz 1 SGG",
        abroad_norm=None,
    )
    caveat = (
        "Ob die Beschwerde statthaft ist, regelt § 172 SGG: ausgeschlossen ist sie u. a. im "
        "Eilverfahren, wenn in der Hauptsache die Berufung der Zulassung bedürfte "
        "(§ 172 Abs. 3 Nr. 1 SGG) – bitte prüfen; die Frist gilt vorsorglich"
    )
    return DeadlineResult(result.due_on, [*result.steps, caveat])


def _reinstatement_limit(trigger_on: date, context: Context) -> DeadlineResult:
    steps = [f"Ende der versäumten Frist: {fmt(trigger_on)}"]
    steps.append(
        "Nach einem Jahr seit dem Ende der versäumten Frist ist der Antrag auf "
        "Wiedereinsetzung unzulässig, außer wenn er vorher infolge höherer Gewalt unmöglich "
        "war (§ 67 Abs. 3 SGG)"
    )
    steps.append(
        f"Das Jahr beginnt mit dem Tag nach dem Fristende (§ 64 Abs. 1 SGG): "
        f"{fmt(trigger_on + timedelta(days=1))}"
    )
    end = month_period(trigger_on, 12, "§ 64 Abs. 2 SGG", steps)
    end = roll_to_working_day(end, "§ 64 Abs. 3 SGG", context, steps)
    return DeadlineResult(end, steps)


def _review_limit(trigger_on: date, context: Context) -> DeadlineResult:
    day, steps = review.last_day_for_month(trigger_on)
    return DeadlineResult(day, steps)


def _review_year_end(trigger_on: date, context: Context) -> DeadlineResult:
    day, steps = review.year_end_reminder(trigger_on)
    return DeadlineResult(day, steps)


EU_PERIODS = "VO (EWG, Euratom) Nr. 1182/71"


def _gdpr_access(trigger_on: date, context: Context) -> DeadlineResult:
    return _gdpr_answer(trigger_on, context, sent="Auskunftsersuchen abgesandt")


def _gdpr_erasure(trigger_on: date, context: Context) -> DeadlineResult:
    return _gdpr_answer(
        trigger_on,
        context,
        sent="Verlangen auf Löschung / Einschränkung (Art. 17, 18 DSGVO) abgesandt",
    )


def _gdpr_answer(trigger_on: date, context: Context, *, sent: str) -> DeadlineResult:
    """Art. 12 Abs. 3 DSGVO: the answer to a request under Art. 15 to 22."""
    steps = [f"{sent}: {fmt(trigger_on)}"]
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
    end = month_period(received_on, months, f"Art. 3 Abs. 2 lit. c {EU_PERIODS}", steps)
    end = roll_to_working_day(end, f"Art. 3 Abs. 4 {EU_PERIODS}", context, steps)
    return DeadlineResult(end, steps)


def _dpa_inaction(trigger_on: date, context: Context) -> DeadlineResult:
    steps = [f"Beschwerde bei der Aufsichtsbehörde abgesandt: {fmt(trigger_on)}"]
    trigger_on = with_transit(trigger_on, context, steps)
    steps.append(
        "Ohne Unterrichtung über Stand oder Ergebnis binnen 3 Monaten ist die Klage gegen "
        "die Aufsichtsbehörde zulässig (Art. 78 Abs. 2 DSGVO)"
    )
    end = month_period(
        trigger_on, 3, f"Art. 3 Abs. 2 lit. c {EU_PERIODS}", steps, label="3 Monate enden"
    )
    possible_on = end + timedelta(days=1)
    steps.append(
        f"Klage möglich ab dem Folgetag, wenn bis dahin keine Unterrichtung kam "
        f"(Art. 78 Abs. 2 DSGVO); frühester Zeitpunkt, keine Frist: {fmt(possible_on)}"
    )
    return DeadlineResult(possible_on, steps, KIND_EARLIEST)


def _complaint_follow_up(trigger_on: date, context: Context) -> DeadlineResult:
    steps = [f"Strafantrag abgesandt: {fmt(trigger_on)}"]
    steps.append(
        "Wiedervorlage nach 1 Monat: bei der Staatsanwaltschaft nach dem Aktenzeichen "
        "fragen (interne Wiedervorlage, keine gesetzliche Frist; Mitteilung nach § 158 StPO)"
    )
    end = month_period(trigger_on, 1, "Monatsrechnung entsprechend § 188 Abs. 2 BGB", steps)
    end = roll_to_working_day(
        end, "entsprechend § 193 BGB", context, steps, subject="Wiedervorlage"
    )
    return DeadlineResult(end, steps, KIND_FOLLOW_UP)


def _letter_follow_up(trigger_on: date, context: Context) -> DeadlineResult:
    """A day to ask about a letter that runs no period of its own."""
    steps = [f"Brief abgesandt: {fmt(trigger_on)}"]
    weeks = int(context.get("follow_up_weeks") or 0)
    if weeks:
        steps.append(
            f"Wiedervorlage nach {weeks} Wochen: nach dem Stand fragen (interne Wiedervorlage, "
            "keine gesetzliche Frist; Wochenrechnung entsprechend § 188 Abs. 2 BGB)"
        )
        end = trigger_on + timedelta(weeks=weeks)
        steps.append(f"Wiedervorlage: {fmt(end)}")
    else:
        steps.append(
            "Wiedervorlage nach 1 Monat: nach dem Stand fragen (interne Wiedervorlage, keine "
            "gesetzliche Frist; Monatsrechnung entsprechend § 188 Abs. 2 BGB)"
        )
        end = month_period(trigger_on, 1, "Monatsrechnung entsprechend § 188 Abs. 2 BGB", steps)
    end = roll_to_working_day(
        end, "entsprechend § 193 BGB", context, steps, subject="Wiedervorlage"
    )
    return DeadlineResult(end, steps, KIND_FOLLOW_UP)


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "notification",
            "Bekanntgabe des Bescheids",
            "§ 37 Abs. 2 SGB X",
            "Aufgabe zur Post",
            KIND_NOTICE,
        ),
        Rule(
            "notification_electronic",
            "Bekanntgabe eines elektronisch übermittelten Bescheids",
            "§ 37 Abs. 2 Satz 2 SGB X",
            "Absendung",
            KIND_NOTICE,
        ),
        Rule(
            "notification_retrieval",
            "Bekanntgabe eines zum Abruf bereitgestellten Bescheids",
            "§ 37 Abs. 2a SGB X",
            "Absendung der Benachrichtigung",
            KIND_NOTICE,
        ),
        Rule(
            "service_registered",
            "Zustellung durch Einschreiben",
            "§ 65 SGB X, § 4 VwZG bzw. Landesrecht",
            "Aufgabe zur Post",
            KIND_NOTICE,
        ),
        Rule(
            "service_certificate",
            "Zustellung mit Postzustellungsurkunde",
            "§ 65 SGB X, § 3 VwZG bzw. Landesrecht",
            "Tag laut Zustellungsurkunde",
            KIND_NOTICE,
        ),
        Rule(
            "leave_complaint",
            "Nichtzulassungsbeschwerde",
            "§ 145 SGG",
            "Zustellung des vollständigen Urteils",
            late_remedy=SGG_REINSTATEMENT,
        ),
        Rule(
            "order_complaint",
            "Beschwerde gegen einen Beschluss des Sozialgerichts",
            "§ 173 SGG",
            "Bekanntgabe des Beschlusses",
            late_remedy=SGG_REINSTATEMENT,
        ),
        Rule(
            "reinstatement_limit",
            "Wiedereinsetzung ausgeschlossen ab",
            "§ 67 Abs. 3 SGG",
            "Ende der versäumten Frist",
        ),
        Rule(
            "review_limit",
            "Überprüfungsantrag: letzter Tag für diesen Leistungsmonat",
            "§ 44 Abs. 4 SGB X, § 40 Abs. 1 SGB II",
            "Leistungsmonat",
            late_remedy="Der Monat ist mit einem Überprüfungsantrag nicht mehr erreichbar.",
        ),
        Rule(
            "review_year_end",
            "Überprüfungsanträge: Leistungsmonate des Vorjahres fallen heraus",
            "§ 44 Abs. 4 SGB X, § 40 Abs. 1 SGB II",
            "Dezember",
            KIND_FOLLOW_UP,
            late_remedy="Die Monate des Vorjahres sind mit einem Überprüfungsantrag "
            "nicht mehr erreichbar.",
        ),
        Rule(
            "objection",
            "Widerspruchsfrist",
            "§ 84 SGG",
            "Bekanntgabe des Bescheids",
            late_remedy=OBJECTION_LATE,
        ),
        Rule(
            "remedy_without_notice",
            "Rechtsbehelf ohne (richtige) Belehrung",
            "§ 66 Abs. 2 SGG",
            "Bekanntgabe / Zustellung",
            late_remedy=YEAR_LATE,
        ),
        Rule(
            "action",
            "Klagefrist",
            "§ 87 SGG",
            "Bekanntgabe des Widerspruchsbescheids",
            late_remedy=SGG_REINSTATEMENT,
        ),
        Rule(
            "inaction_action",
            "Untätigkeitsklage möglich",
            "§ 88 SGG",
            "Einlegung des Widerspruchs / Antragstellung",
            KIND_EARLIEST,
        ),
        Rule(
            "inaction_application",
            "Untätigkeitsklage möglich (Antrag ohne Bescheid)",
            "§ 88 Abs. 1 SGG",
            "Antragstellung",
            KIND_EARLIEST,
        ),
        Rule(
            "appeal",
            "Berufungsfrist",
            "§ 151 SGG",
            "Zustellung des Urteils",
            late_remedy=SGG_REINSTATEMENT,
        ),
        Rule(
            "reinstatement",
            "Antrag auf Wiedereinsetzung",
            "§ 67 Abs. 2 SGG",
            "Wegfall des Hindernisses",
            late_remedy=SGG_REINSTATEMENT,
        ),
        Rule(
            "criminal_complaint",
            "Strafantragsfrist",
            "§ 77b StGB",
            "Kenntnis von Tat und Täter (der spätere Tag)",
            late_remedy=STRAFANTRAG_LATE,
        ),
        Rule(
            "prosecution_complaint",
            "Beschwerde gegen die Einstellung",
            "§ 172 Abs. 1 StPO",
            "Bekanntmachung des Einstellungsbescheids",
            late_remedy=STPO_REINSTATEMENT,
        ),
        Rule(
            "prosecution_complaint_unbounded",
            "Beschwerde gegen die Einstellung (ohne Belehrung: Frist läuft nicht)",
            "§ 172 Abs. 1 Satz 3 StPO",
            "Bekanntmachung des Einstellungsbescheids",
            KIND_FOLLOW_UP,
        ),
        Rule(
            "compulsory_prosecution",
            "Klageerzwingungsantrag",
            "§ 172 Abs. 2 StPO",
            "Bekanntmachung des Beschwerdebescheids",
            late_remedy=STPO_REINSTATEMENT,
        ),
        Rule(
            "gdpr_access_answer",
            "Antwort auf Auskunftsersuchen fällig",
            "Art. 12 Abs. 3 DSGVO",
            "Eingang des Ersuchens",
            late_remedy=ANSWER_LATE,
        ),
        Rule(
            "erasure_answer",
            "Antwort auf Löschungs- und Einschränkungsverlangen fällig",
            "Art. 12 Abs. 3 DSGVO",
            "Eingang des Verlangens",
            late_remedy=ANSWER_LATE,
        ),
        Rule(
            "letter_follow_up",
            "Nachfrage nach dem Stand (Brief ohne eigene Antwortfrist)",
            "Wiedervorlage",
            "Absendung des Briefs",
            KIND_FOLLOW_UP,
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

# Missed periods for which § 67 SGG offers Wiedereinsetzung (the deadline
# page offers to start it: § 67 Abs. 2 and the one-year limit of Abs. 3).
SGG_REINSTATABLE = frozenset(
    {
        "objection",
        "remedy_without_notice",
        "action",
        "appeal",
        "leave_complaint",
        "order_complaint",
    }
)

# Periods of the SGG that become one year without a correct Rechtsbehelfs-
# belehrung (§ 66 Abs. 2 SGG); missed, they allow Wiedereinsetzung only for
# höhere Gewalt (§ 66 Abs. 2 Satz 2 SGG).
ONE_YEAR_CAPABLE = frozenset(
    {"objection", "remedy_without_notice", "action", "appeal", "leave_complaint", "order_complaint"}
)


def late_remedy_for(rule: str, trigger_on: date, computed_due_on: date) -> str:
    """What can still be done once the period of ``rule`` has passed; for a
    period computed as the one year of § 66 Abs. 2 SGG, the narrower advice."""
    known = RULES.get(rule)
    if known is None:
        return ""
    if rule in ONE_YEAR_CAPABLE and computed_due_on >= add_months(trigger_on, 12)[0]:
        return YEAR_LATE
    return known.late_remedy


# Missed periods after which the Überprüfungsantrag (§ 44 SGB X) remains: the
# deadline page offers to compute its limit for a benefit month.
REVIEW_FALLBACK = frozenset({"objection", "remedy_without_notice"})

_COMPUTE = {
    "notification": _notice(notice.posted),
    "notification_electronic": _notice(notice.electronic),
    "notification_retrieval": _notice(notice.retrieval),
    "service_registered": _notice(notice.registered),
    "service_certificate": _notice(notice.certificate),
    "leave_complaint": _leave_complaint,
    "order_complaint": _order_complaint,
    "reinstatement_limit": _reinstatement_limit,
    "review_limit": _review_limit,
    "review_year_end": _review_year_end,
    "objection": _objection,
    "remedy_without_notice": _remedy_without_notice,
    "action": _action,
    "inaction_action": _inaction,
    "inaction_application": _inaction_application,
    "appeal": _appeal,
    "reinstatement": _reinstatement,
    "criminal_complaint": _criminal_complaint,
    "prosecution_complaint": _stpo_complaint,
    "prosecution_complaint_unbounded": _stpo_complaint_without_notice,
    "compulsory_prosecution": _compulsory_prosecution,
    "gdpr_access_answer": _gdpr_access,
    "erasure_answer": _gdpr_erasure,
    "letter_follow_up": _letter_follow_up,
    "dpa_inaction": _dpa_inaction,
    "complaint_follow_up": _complaint_follow_up,
}


def compute(rule: str, trigger_on: date, **context: Unpack[Context]) -> DeadlineResult:
    """Compute the date of ``rule`` triggered on ``trigger_on``."""
    try:
        function = _COMPUTE[rule]
    except KeyError:
        raise UnknownRule(rule) from None
    result = function(trigger_on, context)
    kind = result.kind if result.kind != KIND_DEADLINE else RULES[rule].kind
    return DeadlineResult(result.due_on, list(result.steps), kind)
