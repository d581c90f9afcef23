"""The month and week calendar of deadlines on the Fristen pages.

``?monat=2025-04`` shows a month, ``?woche=2025-W16`` an ISO week; without
either, the current month. The scope ("meine", "Team", "niemand zuständig")
is the list's filter; the calendar shows the deadlines someone must act on
(``DeadlineQuerySet.active``), each with its state.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class Span:
    """The days a calendar page shows, and how to reach its neighbours."""

    first: date
    last: date
    weeks: list[list[date]]
    is_week: bool
    title: str
    previous: str  # query value of the page before
    following: str
    param: str  # "monat" or "woche"
    month: int = 0  # the month shown (0 for a week)
    this_week: str = ""


MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def _month_value(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _week_value(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def span_for(params, today: date | None = None) -> Span:
    """The month or week asked for; a malformed value shows the current month."""
    today = today or timezone.localdate()
    week = (params.get("woche") or "").strip()
    if week:
        try:
            year, number = week.split("-W")
            monday = date.fromisocalendar(int(year), int(number), 1)
        except ValueError:
            monday = None
        if monday is not None:
            days = [monday + timedelta(days=n) for n in range(7)]
            return Span(
                first=days[0],
                last=days[-1],
                weeks=[days],
                is_week=True,
                title=f"KW {monday.isocalendar()[1]} · {days[0]:%d.%m.} – {days[-1]:%d.%m.%Y}",
                previous=_week_value(monday - timedelta(days=7)),
                following=_week_value(monday + timedelta(days=7)),
                param="woche",
                this_week=_week_value(today),
            )
    month = (params.get("monat") or "").strip()
    try:
        year, number = (int(part) for part in month.split("-"))
        first = date(year, number, 1)
    except ValueError:
        first = today.replace(day=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return Span(
        first=weeks[0][0],
        last=weeks[-1][-1],
        weeks=weeks,
        is_week=False,
        title=f"{MONTHS[first.month - 1]} {first.year}",
        previous=_month_value(first - timedelta(days=1)),
        following=_month_value(last + timedelta(days=1)),
        param="monat",
        month=first.month,
        this_week=_week_value(today),
    )


def by_day(deadlines) -> dict[date, list]:
    days: dict[date, list] = defaultdict(list)
    for deadline in deadlines:
        days[deadline.due_on].append(deadline)
    return days
