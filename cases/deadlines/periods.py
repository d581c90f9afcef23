"""Calendar arithmetic of the deadline engine: pure, no database.

Month periods (§ 64 Abs. 2 SGG, § 188 Abs. 2, 3 BGB), the move of a period's
end off Saturdays, Sundays and public holidays of the place where the act
must be done, and the German date format of the explanations.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, TypedDict

import holidays


class Context(TypedDict, total=False):
    """What the engine knows about a deadline's circumstances; every key is
    optional, and a missing one means "not known" (``compute`` explains
    what it assumes instead)."""

    # The holiday region of the place where the act must be done (a Land
    # code such as "BY", or "Augsburg"); None = nationwide holidays only.
    region: str | None
    # The seat also keeps the Catholic holidays (Mariä Himmelfahrt in
    # Bavaria, Fronleichnam in parts of Saxony/Thuringia).
    observes_catholic_holidays: bool
    # Actual receipt (§ 37 SGB X: a later receipt wins).
    received_on: date | None
    # Notified abroad (§ 84 Abs. 1 Satz 2, § 87 Abs. 1 Satz 2 SGG).
    abroad: bool
    # False gives the one-year period of § 66 Abs. 2 SGG; None (nobody has
    # checked the Bescheid yet) keeps the short period as a precaution.
    has_correct_legal_remedy_notice: bool | None
    # Art. 12 Abs. 3 Satz 2 DSGVO extension by two months.
    extended: bool
    # Assumed postal transit before receipt (Art. 12 DSGVO).
    transit_days: int
    # For § 88 SGG: 3 months after an objection, 6 after an application.
    after: Literal["objection", "application"]
    # A Wiedervorlage after this many weeks instead of a month.
    follow_up_weeks: int
    # § 77b StGB.
    learned_of_act_on: date | None
    learned_of_offender_on: date | None
    # Notification by retrieval (§ 37 Abs. 2a SGB X).
    retrieved_on: date | None
    notice_disputed: bool
    # Service (VwZG or the Land's law for a zkT).
    return_receipt_on: date | None
    carrier: str
    land: str
    # A Widerspruchsbescheid is served under the VwZG (§ 85 Abs. 3 Satz 2 SGG).
    is_objection_decision: bool


WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
WEEKDAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


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


def free_day_reason(day: date, region: str | None, catholic: bool) -> str | None:
    if day.weekday() >= 5:
        return WEEKDAY_NAMES[day.weekday()]
    name = holiday_name(day, region, catholic)
    if name:
        where = f" in {region}" if region else " (bundesweit)"
        return f"Feiertag „{name}“{where}"
    return None


def roll_to_working_day(
    day: date, norm: str, context: Context, steps: list[str], *, subject: str = "Fristende"
) -> date:
    """Move a period's end off Saturdays, Sundays and the public holidays of
    the place where the act must be done; appends one explanation line."""
    region = context.get("region") or None
    catholic = bool(context.get("observes_catholic_holidays"))
    reasons: list[tuple[date, str]] = []
    while (reason := free_day_reason(day, region, catholic)) is not None:
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


def month_period(
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


def months_text(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return "1 Jahr" if years == 1 else f"{years} Jahre"
    return "1 Monat" if months == 1 else f"{months} Monate"


def with_transit(sent_on: date, context: Context, steps: list[str]) -> date:
    transit = int(context.get("transit_days") or 0)
    if not transit:
        return sent_on
    arrived_on = sent_on + timedelta(days=transit)
    steps.append(
        f"Eingang angenommen {transit} Tage nach Absendung (Postlaufzeit entsprechend "
        f"§ 37 Abs. 2 Satz 1 SGB X; maßgeblich ist der tatsächliche Zugang): {fmt(arrived_on)}"
    )
    return arrived_on
