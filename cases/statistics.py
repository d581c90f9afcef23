"""Incident statistics for publication, with small-cell suppression.

A count from 1 to 4 could identify someone in a small Jobcenter district, so
it is shown as "<5"; 0 stays 0 (nothing to hide).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from advocacy.models import Bundesland
from cases.models import Incident

THRESHOLD = 5
SUPPRESSED = "<5"


def suppress(count: int, *, threshold: int = THRESHOLD) -> str:
    """The count as it may be published."""
    if count == 0 or count >= threshold:
        return str(count)
    return f"<{threshold}"


@dataclass(frozen=True)
class Table:
    key: str
    title: str | Promise  # lazy: in the language of the page
    rows: list[tuple[str, str]]  # (label, suppressed count)


def _table(key: str, title: str | Promise, pairs) -> Table:
    return Table(key, title, [(str(label), suppress(count)) for label, count in pairs])


def incident_tables() -> list[Table]:
    incidents = Incident.objects.all()
    kinds = dict(Incident.Kind.choices)
    states = dict(Bundesland.choices)
    by_jobcenter = (
        incidents.values_list("case__jobcenter__name")
        .annotate(n=Count("pk"))
        .order_by("case__jobcenter__name")
    )
    by_kind = incidents.values_list("kind").annotate(n=Count("pk")).order_by("kind")
    by_month = (
        incidents.filter(occurred_on__isnull=False)
        .annotate(month=TruncMonth("occurred_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    by_state = (
        incidents.values_list("case__jobcenter__state")
        .annotate(n=Count("pk"))
        .order_by("case__jobcenter__state")
    )
    unknown_month = incidents.filter(occurred_on__isnull=True).count()
    month_rows: list[tuple[str | Promise, int]] = [(f"{month:%Y-%m}", n) for month, n in by_month]
    if unknown_month:
        month_rows.append((_("unbekannt"), unknown_month))
    return [
        _table("jobcenter", _("Vorfälle je Jobcenter"), by_jobcenter),
        _table("kind", _("Vorfälle je Art"), [(kinds.get(k, k), n) for k, n in by_kind]),
        _table("month", _("Vorfälle je Monat"), month_rows),
        _table("state", _("Vorfälle je Land"), [(states.get(s, s), n) for s, n in by_state]),
    ]
