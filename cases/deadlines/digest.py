"""The weekly digest: one e-mail per person and ISO week.

Caseworkers get the deadlines of the cases assigned to them; coordinators
get the team view (every case of the teams they belong to, or every case if
they belong to none). Sections: overdue, due this week, due next week,
unconfirmed. Nobody gets an empty digest; ``wants_weekly_digest`` switches
it off.

The number of queries does not depend on the number of deadlines: the
recipients, their teams, the relevant deadlines and the case assignments
are fetched in a fixed number of queries and grouped in Python; then each
mail costs a fixed number of queries (its DigestLog row).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from advocacy.auth import GROUP_ADMIN, GROUP_CASEWORKER, GROUP_COORDINATOR
from advocacy.emails import send_templated, stable_message_id
from cases.deadlines.models import ACTIVE_STATUSES, Deadline, DeadlinePreference, DigestLog
from cases.deadlines.reminders import site_url
from cases.models import Case, Team

SECTION_LIMIT = 50


@dataclass
class Digest:
    overdue: list = field(default_factory=list)
    this_week: list = field(default_factory=list)
    next_week: list = field(default_factory=list)
    unconfirmed: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.this_week or self.next_week or self.unconfirmed)

    def sections(self) -> list[tuple[str, list, int]]:
        return [
            (title, items[:SECTION_LIMIT], max(0, len(items) - SECTION_LIMIT))
            for title, items in (
                ("Überfällig", self.overdue),
                ("Fällig diese Woche", self.this_week),
                ("Fällig nächste Woche", self.next_week),
                ("Noch unbestätigt", self.unconfirmed),
            )
            if items
        ]


@dataclass(frozen=True)
class Row:
    """What a digest line shows (plain data, no more queries)."""

    pk: int
    title: str
    due_on: date
    status: str
    reference: str
    jobcenter: str
    is_confirmed: bool
    url: str


def build_digest(deadlines: list[Row], today: date) -> Digest:
    week_start = today - timedelta(days=today.weekday())
    this_week_end = week_start + timedelta(days=6)
    next_week_end = week_start + timedelta(days=13)
    digest = Digest()
    for row in sorted(deadlines, key=lambda r: (r.due_on, r.pk)):
        if row.due_on < today:
            digest.overdue.append(row)
        elif row.due_on <= this_week_end:
            digest.this_week.append(row)
        elif row.due_on <= next_week_end:
            digest.next_week.append(row)
        if not row.is_confirmed:
            digest.unconfirmed.append(row)
    return digest


def _recipients() -> list:
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[GROUP_CASEWORKER, GROUP_COORDINATOR, GROUP_ADMIN],
        )
        .exclude(email="")
        .exclude(
            pk__in=DeadlinePreference.objects.filter(wants_weekly_digest=False).values("user_id")
        )
        .distinct()
        .prefetch_related("groups")
    )
    return list(users)


def send_weekly_digests(today: date) -> dict[str, int]:
    iso_year, iso_week, _weekday = today.isocalendar()
    week_start = today - timedelta(days=today.weekday())
    next_week_end = week_start + timedelta(days=13)

    already = set(
        DigestLog.objects.filter(iso_year=iso_year, iso_week=iso_week).values_list(
            "user_id", flat=True
        )
    )
    users = [user for user in _recipients() if user.pk not in already]
    if not users:
        return {"sent": 0, "empty": 0}

    relevant = Deadline.objects.filter(status__in=ACTIVE_STATUSES).filter(
        Q(due_on__lte=next_week_end) | Q(confirmed_at__isnull=True)
    )
    rows_by_case: dict[int, list[Row]] = defaultdict(list)
    team_of_case: dict[int, int] = {}
    detail = reverse("deadlines:detail", args=[0]).rsplit("0/", 1)[0]
    for (
        pk,
        title,
        due_on,
        status,
        confirmed_at,
        case_id,
        reference,
        team_id,
        jobcenter,
    ) in relevant.values_list(
        "pk",
        "title",
        "due_on",
        "status",
        "confirmed_at",
        "case_id",
        "case__reference",
        "case__team_id",
        "case__jobcenter__name",
    ).order_by():
        rows_by_case[case_id].append(
            Row(
                pk=pk,
                title=title,
                due_on=due_on,
                status=status,
                reference=reference,
                jobcenter=jobcenter,
                is_confirmed=confirmed_at is not None,
                url=site_url(f"{detail}{pk}/"),
            )
        )
        team_of_case[case_id] = team_id

    assigned: dict[int, set[int]] = defaultdict(set)
    for case_id, user_id in Case.assignees.through.objects.filter(
        case_id__in=relevant.values("case_id")
    ).values_list("case_id", "user_id"):
        assigned[user_id].add(case_id)
    teams_of_user: dict[int, set[int]] = defaultdict(set)
    for team_id, user_id in Team.members.through.objects.values_list("team_id", "user_id"):
        teams_of_user[user_id].add(team_id)

    sent = empty = 0
    for user in users:
        group_names = {group.name for group in user.groups.all()}
        is_coordinator = user.is_superuser or bool(group_names & {GROUP_COORDINATOR, GROUP_ADMIN})
        if is_coordinator:
            teams = teams_of_user.get(user.pk)
            case_ids = [c for c, t in team_of_case.items() if not teams or t in teams]
        else:
            case_ids = [c for c in assigned.get(user.pk, ()) if c in rows_by_case]
        rows = [row for case_id in case_ids for row in rows_by_case[case_id]]
        digest = build_digest(rows, today)
        if digest.is_empty:
            empty += 1
            continue
        sent += _send_once(user, digest, iso_year, iso_week, is_coordinator, today)
    return {"sent": sent, "empty": empty}


def _send_once(user, digest: Digest, iso_year: int, iso_week: int, is_team: bool, today) -> int:
    try:
        with transaction.atomic():
            # Inserted before sending: a second run (or a second worker,
            # waiting on the unique index) fails here and sends nothing.
            DigestLog.objects.create(user=user, iso_year=iso_year, iso_week=iso_week)
            _send(user, digest, iso_year, iso_week, is_team, today)
    except IntegrityError:
        return 0
    return 1


def _send(user, digest: Digest, iso_year: int, iso_week: int, is_team: bool, today) -> None:
    list_url = site_url(reverse("deadlines:list")) + ("?scope=team" if is_team else "")
    send_templated(
        template="deadlines/email/digest",
        to=[user.email],
        context={
            "user": user,
            "digest": digest,
            "sections": digest.sections(),
            "is_team": is_team,
            "iso_week": iso_week,
            "today": today,
            "list_url": list_url,
            "preferences_url": site_url(reverse("deadlines:preferences")),
        },
        headers={"Message-ID": stable_message_id("digest", user.pk, f"{iso_year}-W{iso_week:02d}")},
    )
