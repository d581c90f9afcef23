"""Reads for the case pages: each answers one question with a fixed number of queries."""

from __future__ import annotations

import re
from datetime import date
from functools import cache, lru_cache
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.lookups import IsNull
from django.shortcuts import get_object_or_404
from django.utils import timezone

from advocacy.auth import Staff, display_name, is_coordinator, staff_users
from cases.deadlines.models import (
    ACTIVE_STATUSES,
    LIVE_CASE_STATUSES,
    Deadline,
    DeadlineQuerySet,
    past_due,
)
from cases.models import Case, CaseEvent, seen_only

__all__ = ["staff_users"]  # defined with the groups in advocacy.auth

OPEN_STATUSES = (Case.Status.OPEN, Case.Status.WAITING)
TRIAGE_STATUSES = (Case.Status.NEW, Case.Status.TRIAGE)


# The columns of a row of the case list (``list_rows``).
ROW_COLUMNS = (
    "pk",
    "reference",
    "title",
    "status",
    "created_at",
    "person__name",
    "jobcenter__name",
    "jobcenter__kind",
    "jobcenter__state",
    "team__name",
)


def cases_for_list(user: Staff) -> QuerySet[Case]:
    """The cases a user may see, for the case list's filters, search and
    order; ``list_rows`` reads a page of them."""
    return Case.objects.visible_to(user)


def list_rows(queryset: QuerySet[Case], *, with_text: bool = False) -> QuerySet[Any]:
    """The rows of ``queryset`` (of ``cases_for_list``, filtered and in order)
    as the case list shows them: dicts of ``ROW_COLUMNS``, with the search
    row's text as ``search__body`` for a search's snippets. A slice of them is
    one query; ``row_assignees`` and ``deadline_columns`` add the columns from
    other tables for a page's rows.

    Plain values, not model instances: 26 cases with their person, Jobcenter
    and team cost 3.5 ms of CPU as instances (four objects a row, and the
    prefetch of the assignees), 0.7 ms as values."""
    columns = (*ROW_COLUMNS, "search__body") if with_text else ROW_COLUMNS
    return queryset.values(*columns)


class PagedRows:
    """The rows (``list_rows``) of ``ordered``, a filtered and ordered list of
    ``base`` (``cases_for_list``), read a page at a time, each page in one
    query.

    The first page is read as it is listed: PostgreSQL walks the order's
    index and joins person, Jobcenter and team for the rows it returns. A
    later page is found in a subquery first, in the list's order on what the
    filters and the order need, and only its own rows are then read with the
    other tables, in the same order: joined in one query, PostgreSQL joined
    every row it passed on the way, the 1,225 rows before page 50 (2.8 →
    0.7 ms to plan and run at 100,000 cases). On the first page the subquery
    cost more than it saved (0.3 ms of CPU to build it)."""

    def __init__(self, ordered: QuerySet[Case], base: QuerySet[Case], *, with_text: bool) -> None:
        self.ordered = ordered
        self.base = base
        self.with_text = with_text

    def __getitem__(self, part: slice) -> list[dict]:
        if not part.start:
            return list(list_rows(self.ordered, with_text=self.with_text)[part])
        order = list(self.ordered.query.order_by or Case._meta.ordering or ["-pk"])
        rows = list_rows(self.base.order_by(*order), with_text=self.with_text)
        return list(rows.filter(pk__in=self.ordered.values("pk")[part]))


def row_assignees(rows: list[dict]) -> None:
    """``assignee_names``: the names of the staff assigned to each row's case
    (``display_name``), in name order, in one query."""
    names: dict[int, list[str]] = {row["pk"]: [] for row in rows}
    if not names:
        return
    assigned = of_cases(_assignees_by_name(), list(names))
    for case_id, first_name, last_name, username in assigned:
        names[case_id].append(display_name(first_name, last_name, username))
    for row in rows:
        row["assignee_names"] = ", ".join(names[row["pk"]])


@cache
def _assignees_by_name() -> QuerySet[Any]:
    """Who is assigned to which case, in name order, as ``row_assignees``
    reads it (from the assignment rows: filtering them by case after
    ``values_list`` joins nothing twice): built once per process and
    filtered for each page (a clone); building it cost 0.3 ms of CPU on
    every list page. Never evaluated itself."""
    return Case.assignees.through.objects.order_by(
        "user__last_name", "user__first_name", "user__username"
    ).values_list("case_id", "user__first_name", "user__last_name", "user__username")


def of_cases(queryset: QuerySet[Any], case_ids: list[int]) -> list[tuple]:
    """The rows of ``queryset`` (a ``values_list`` of rows with a ``case_id``,
    built once and kept: ``_assignees_by_name``, ``_active_deadlines_flagged``)
    of these cases, in its order, as the ORM reads them.

    On PostgreSQL its statement is compiled once (``_compiled_of_cases``)
    and run with the cases as one array: compiling the deadline and assignee
    columns of the case list again for every page cost 0.4–0.6 ms of CPU
    each (bench/README.md, round 14). Elsewhere through the ORM."""
    if connection.vendor != "postgresql":
        return list(queryset.filter(case_id__in=case_ids))
    sql, params, at = _compiled_of_cases(queryset)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params[:at], case_ids, *params[at + 1 :]])
        return cursor.fetchall()


# A number no case has, to find the cases' place in a compiled statement.
_CASES_MARK = -4_815_162_342


@lru_cache(maxsize=8)
def _compiled_of_cases(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...], int]:
    """``queryset`` for any cases, compiled: its SQL with ``case_id IN (%s)``
    made ``= ANY(%s::bigint[])``, its parameters, and the place of the cases'
    among them. Only for PostgreSQL, whose values_list rows need no
    conversion for the columns read here (numbers, text, dates, flags)."""
    sql, params = queryset.filter(case_id__in=[_CASES_MARK]).query.sql_with_params()
    at = params.index(_CASES_MARK)
    placeholders = [match.start() for match in re.finditer(r"(?<!%)%s", sql)]
    start = placeholders[at]
    if sql[start - 4 : start + 3] != "IN (%s)":
        raise ValueError(f"no IN (%s) of the cases in {sql}")
    return sql[: start - 4] + "= ANY(%s::bigint[])" + sql[start + 3 :], params, at


def with_overdue_flag(queryset: QuerySet[Case], *, today: date | None = None) -> QuerySet[Any]:
    """``has_overdue_deadline`` for filtering by it ("mit überfälliger Frist"):
    a case in progress with a deadline of ``DeadlineQuerySet.overdue``, the
    badge's words (``deadline_columns``)."""
    today = today or timezone.localdate()
    overdue = Deadline.objects.overdue(today).filter(case=OuterRef("pk")).values("pk")[:1]
    return queryset.annotate(
        # "(SELECT ... LIMIT 1) IS NOT NULL" rather than EXISTS: PostgreSQL
        # runs it per row, where it would turn an EXISTS into a hash of every
        # overdue deadline (90 ms at 200,000).
        has_overdue_deadline=ExpressionWrapper(
            Q(status__in=LIVE_CASE_STATUSES) & Q(IsNull(Subquery(overdue), False)),
            output_field=BooleanField(),
        )
    )


def deadline_columns(rows: list[dict], *, today: date | None = None) -> None:
    """The deadline columns of the case list's rows (``list_rows``), in one
    query for the page: ``has_overdue_deadline`` (the badge: a case in progress with a
    deadline of ``DeadlineQuerySet.overdue``) and ``next_deadline_on`` /
    ``next_deadline_title`` (the next date of ``DeadlineQuerySet.active``).

    Not subqueries of the list's own query: PostgreSQL took 2–4 ms to plan
    that query with them (0.4 ms without), for every page and search."""
    today = today or timezone.localdate()
    if not rows:
        return
    deadlines = of_cases(_active_deadlines_flagged(today), [row["pk"] for row in rows])
    late: set[int] = set()
    upcoming: dict[int, tuple[date, str]] = {}
    for case_id, due_on, title, is_overdue in deadlines:
        if is_overdue:
            late.add(case_id)
        if due_on >= today and case_id not in upcoming:
            upcoming[case_id] = (due_on, title)
    for row in rows:
        row["has_overdue_deadline"] = row["status"] in LIVE_CASE_STATUSES and row["pk"] in late
        row["next_deadline_on"], row["next_deadline_title"] = upcoming.get(row["pk"], (None, ""))


@lru_cache(maxsize=2)
def _active_deadlines_flagged(today: date) -> QuerySet[Any]:
    """The active deadlines, each flagged if it is overdue on ``today``, as
    ``deadline_columns`` reads them: built once a day per process and
    filtered for each page (a clone); building it cost 0.6 ms of CPU on
    every list page and search. Never evaluated itself."""
    return (
        Deadline.objects.active()  # overdue(): active() and past_due()
        .annotate(is_overdue=ExpressionWrapper(past_due(today), output_field=BooleanField()))
        .order_by("due_on", "pk")
        .values_list("case_id", "due_on", "title", "is_overdue")
    )


def case_for_page(user: Staff, reference: str) -> Case:
    """One case with everything its page shows, or 404 if the user may not see it."""
    queryset = (
        Case.objects.visible_to(user)
        .select_related("person", "jobcenter", "team")
        .prefetch_related(
            "assignees",
            Prefetch("events", queryset=CaseEvent.objects.select_related("by")),
            "incidents",
            "evidence",
            "decisions",
            # A clone of the day's queryset: prefetching adds hints to the one it is given.
            Prefetch("deadlines", queryset=_deadlines_for_page(timezone.localdate()).all()),
            "letters",
        )
    )
    return get_object_or_404(queryset, reference=reference)


@lru_cache(maxsize=2)
def _deadlines_for_page(today: date) -> DeadlineQuerySet:
    """A case's deadlines as its page shows them (``with_state`` on
    ``today``), built once a day per process and cloned for each page:
    building the states' expression cost 0.4 ms of CPU on every case page.
    Never evaluated itself."""
    return Deadline.objects.with_state(today).select_related("confirmed_by", "decision")


def case_for_action(user: Staff, reference: str) -> Case:
    """A case the user may change, or 404."""
    return get_object_or_404(
        Case.objects.visible_to(user).select_related("person", "jobcenter", "team"),
        reference=reference,
    )


def case_timeline(case: Case) -> list[dict]:
    """The case's events, newest first, each with the incident, evidence or
    decision it is about (from the prefetched rows, no further queries)."""
    by_kind: dict[str, dict[int, Any]] = {
        "incident": {obj.pk: obj for obj in case.incidents.all()},
        "evidence": {obj.pk: obj for obj in case.evidence.all()},
        "decision": {obj.pk: obj for obj in case.decisions.all()},
    }
    timeline = []
    for event in case.events.all():
        entry: dict = {"event": event}
        for key, objects in by_kind.items():
            pk = (event.data or {}).get(key)
            if pk in objects:
                entry[key] = objects[pk]
        timeline.append(entry)
    return timeline


def _first_by_due(deadlines: DeadlineQuerySet, today: date, limit: int = 30) -> list:
    """The first ``limit`` of the deadlines someone must act on (open or
    missed), by due date, each with its state: one walk of the index
    ``deadline_active_by_date`` (due date and number, of open and missed
    deadlines only) that stops after ``limit``. (Before that index, one read
    per status on ``(status, due_on)``: two queries, each compiling the state
    expression, for 40 % of the dashboard's time.)"""
    return list(
        deadlines.filter(status__in=ACTIVE_STATUSES)
        .with_state(today)
        .select_related("case")
        .order_by("due_on", "pk")[:limit]
    )


def dashboard_for(user: Staff, *, today: date | None = None) -> dict:
    """What the start page shows a user.

    Coordinators see every case: their boxes are plain "first N in index
    order" reads, without a condition on the cases (``seen_only``; a
    semi-join with all case ids made PostgreSQL hash every case). The
    deadline boxes are read in the order of an index (``_first_by_due``):
    sorted, PostgreSQL read every open deadline before taking 30 (370 ms at
    200,000 deadlines)."""
    today = today or timezone.localdate()
    events = seen_only(CaseEvent.objects.all(), user, "case__")
    deadlines = Deadline.objects.visible_to(user)
    base = Case.objects.visible_to(user).select_related("person", "jobcenter")
    return {
        "my_cases": base.filter(assignees=user, status__in=OPEN_STATUSES).order_by("-updated_at")[
            :20
        ],
        "triage_cases": base.filter(status__in=TRIAGE_STATUSES).order_by("created_at")[:20],
        "deadlines_due": _first_by_due(deadlines.needing_attention(today), today),
        "recent_events": events.select_related("case", "by").order_by("-at", "-pk")[:15],
        # Coordinators: the deadlines nobody is responsible for.
        "unassigned_deadlines": (
            _first_by_due(deadlines.active().unassigned(), today) if is_coordinator(user) else None
        ),
        "today": today,
    }


def saved_searches_of(user: Staff) -> QuerySet:
    """The case-list searches this staff member saved, by name."""
    from cases.models import SavedSearch

    return SavedSearch.objects.filter(user=user)
