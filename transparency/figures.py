"""The figures of a period, counted from the cases: per Jobcenter, incidents
by kind and what followed. No names, no dates of single incidents, no case
details: counts only."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, DateField
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _

from cases.models import Incident, Jobcenter, Outcome
from letters.models import Letter
from transparency.suppression import Table

INCIDENTS = "incidents"
OUTCOMES = "outcomes"

# What followed, in the order shown; "complaints" are sent complaints to a
# data-protection authority, the others are recorded outcomes.
OUTCOME_COLUMNS = {
    "complaints": _("Beschwerden bei der Datenschutzaufsicht eingereicht"),
    Outcome.Kind.DPA_BREACH.value: _("Datenschutzaufsicht stellt Verstoß fest"),
    Outcome.Kind.OBJECTION_GRANTED.value: _("Widersprüche erfolgreich"),
    Outcome.Kind.PROCEEDINGS_OPENED.value: _("Ermittlungsverfahren eingeleitet"),
}


def column_label(table: str, key: str) -> str:
    """The label of a column code, in the viewer's language."""
    if table == INCIDENTS:
        try:
            return str(Incident.Kind(key).label)
        except ValueError:
            return key
    return str(OUTCOME_COLUMNS.get(key, key))


def period_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter (1–4) or, with quarter 0, of the year."""
    if quarter == 0:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first = dt.date(year, 3 * quarter - 2, 1)
    after = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, after - dt.timedelta(days=1)


def period_tables(year: int, quarter: int) -> tuple[dict[str, Table], dict[str, str]]:
    """The two tables of a period and the names of their rows (Jobcenters).

    An incident counts in the period it happened in; where that is unknown,
    in the period its case was opened."""
    start, end = period_bounds(year, quarter)
    incidents = Counter(
        {
            (str(jobcenter), kind): n
            for jobcenter, kind, n in Incident.objects.annotate(
                day=Coalesce("occurred_on", Cast("case__created_at", DateField()))
            )
            .filter(day__range=(start, end))
            .values_list("case__jobcenter_id", "kind")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )
    outcomes: Counter[tuple[str, str]] = Counter()
    complaints = (
        Letter.objects.filter(
            kind=Letter.Kind.DPA_COMPLAINT, status=Letter.Status.SENT, sent_on__range=(start, end)
        )
        .values_list("case__jobcenter_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for jobcenter, n in complaints:
        outcomes[(str(jobcenter), "complaints")] = n
    recorded = (
        Outcome.objects.filter(decided_on__range=(start, end), kind__in=list(OUTCOME_COLUMNS))
        .values_list("case__jobcenter_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for jobcenter, kind, n in recorded:
        outcomes[(str(jobcenter), kind)] = n
    keys = {row for row, _kind in [*incidents, *outcomes]}
    names = {
        str(pk): name
        for pk, name in Jobcenter.objects.filter(pk__in=keys).values_list("pk", "name")
    }
    rows = tuple(sorted(keys, key=lambda key: (names.get(key, ""), key)))
    tables = {
        INCIDENTS: Table(rows, tuple(Incident.Kind.values), dict(incidents)),
        OUTCOMES: Table(rows, tuple(OUTCOME_COLUMNS), dict(outcomes), row_totals=False),
    }
    return tables, names
