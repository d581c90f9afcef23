"""Reads for the case pages: each answers one question with a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.lookups import IsNull
from django.shortcuts import get_object_or_404
from django.utils import timezone

from advocacy.auth import is_coordinator
from cases.deadlines.models import Deadline
from cases.models import Case, CaseEvent

OPEN_STATUSES = (Case.Status.OPEN, Case.Status.WAITING)
TRIAGE_STATUSES = (Case.Status.NEW, Case.Status.TRIAGE)


def overdue_deadlines(*, today: date | None = None) -> QuerySet[Deadline]:
    """Deadlines still open after their due date."""
    today = today or timezone.localdate()
    return Deadline.objects.filter(status=Deadline.Status.OPEN, due_on__lt=today)


def cases_for_list(user) -> QuerySet[Case]:
    """The cases a user may see, with what the case list shows of each."""
    return (
        Case.objects.visible_to(user)
        .select_related("person", "jobcenter", "team")
        .prefetch_related("assignees")
        .annotate(
            # "(SELECT ... LIMIT 1) IS NOT NULL" rather than EXISTS: PostgreSQL
            # runs it for the 25 rows of the page only, where it would turn an
            # EXISTS into a hash of every overdue deadline (90 ms at 200,000).
            has_overdue_deadline=IsNull(
                Subquery(overdue_deadlines().filter(case=OuterRef("pk")).values("pk")[:1]),
                False,
            )
        )
    )


def case_for_page(user, reference: str) -> Case:
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
            Prefetch("deadlines", queryset=Deadline.objects.select_related("confirmed_by")),
            "letters",
        )
    )
    return get_object_or_404(queryset, reference=reference)


def case_for_action(user, reference: str) -> Case:
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


def staff_users() -> QuerySet:
    """Active staff accounts that can be assigned to cases."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=["caseworker", "coordinator"])
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def dashboard_for(user, *, today: date | None = None) -> dict:
    """What the start page shows a user.

    Coordinators see every case: their boxes are plain "first N in index
    order" reads (a semi-join with all case ids made PostgreSQL hash every
    case). The deadlines box is ordered by ``due_on`` alone, which the index
    ``(status, due_on)`` delivers; a ``pk`` tie-break made PostgreSQL sort
    every open deadline before taking 30 (370 ms at 200,000 deadlines)."""
    today = today or timezone.localdate()
    if is_coordinator(user):
        cases = Case.objects.all()
        deadlines = Deadline.objects.all()
        events = CaseEvent.objects.all()
    else:
        visible_ids = Case.objects.visible_to(user).values("pk")
        cases = Case.objects.filter(pk__in=visible_ids)
        deadlines = Deadline.objects.filter(case__in=visible_ids)
        events = CaseEvent.objects.filter(case__in=visible_ids)
    base = cases.select_related("person", "jobcenter")
    return {
        "my_cases": base.filter(assignees=user, status__in=OPEN_STATUSES).order_by("-updated_at")[
            :20
        ],
        "triage_cases": base.filter(status__in=TRIAGE_STATUSES).order_by("created_at")[:20],
        "deadlines_due": deadlines.filter(
            status=Deadline.Status.OPEN,
            due_on__lte=today + timedelta(days=7),
        )
        .select_related("case")
        .order_by("due_on")[:30],
        "recent_events": events.select_related("case", "by").order_by("-at", "-pk")[:15],
        "today": today,
    }


def saved_searches_of(user) -> QuerySet:
    """The case-list searches this staff member saved, by name."""
    from cases.models import SavedSearch

    return SavedSearch.objects.filter(user=user)
