"""The weekly digest: one e-mail per person and ISO week.

Caseworkers get the deadlines of the cases assigned to them, plus those of
their teams' cases that nobody is assigned to; coordinators get the team
view (every case of the teams they belong to, or every case if they belong
to none). Three sections in the words of ``State``: "versäumt und
überfällig", "fällig in den nächsten 7 Tagen" and "in den nächsten vier
Wochen". Each deadline appears once; an unconfirmed one is marked. A
section shows at most ``SECTION_LIMIT`` lines and links to the full list.
Nobody gets an empty digest; ``wants_weekly_digest`` switches it off.

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
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from advocacy.auth import GROUP_ADMIN, GROUP_CASEWORKER, GROUP_COORDINATOR, Staff
from advocacy.emails import send_templated, stable_message_id
from cases.deadlines.forms import LATE
from cases.deadlines.models import LATE_STATES, Deadline, DeadlinePreference, DigestLog, State
from cases.deadlines.reminders import site_url
from cases.models import Case, Team

SECTION_LIMIT = 5
HORIZON_DAYS = 28


@dataclass
class Section:
    key: str
    title: str
    rows: list = field(default_factory=list)
    list_query: dict = field(default_factory=dict)

    @property
    def shown(self) -> list:
        return self.rows[:SECTION_LIMIT]

    @property
    def more(self) -> int:
        return max(0, len(self.rows) - SECTION_LIMIT)


@dataclass
class Digest:
    overdue: list = field(default_factory=list)
    possible: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    later: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.possible or self.due_soon or self.later)

    def sections(self) -> list[Section]:
        return [
            section
            for section in (
                Section("overdue", _("Versäumt und überfällig"), self.overdue),
                Section("possible", _("Jetzt möglich"), self.possible),
                Section("due_soon", _("Fällig in den nächsten 7 Tagen"), self.due_soon),
                Section("later", _("In den nächsten vier Wochen"), self.later),
            )
            if section.rows
        ]


@dataclass(frozen=True)
class Row:
    """What a digest line shows (plain data, no more queries)."""

    pk: int
    title: str
    due_on: date
    state: str
    reference: str
    jobcenter: str
    is_confirmed: bool
    is_unassigned: bool
    url: str

    @property
    def state_label(self) -> str:
        return str(State(self.state).label)


def build_digest(deadlines: list[Row]) -> Digest:
    """Sort rows into the sections by the state the database gave them."""
    digest = Digest()
    for row in sorted(deadlines, key=lambda r: (r.due_on, r.pk)):
        if row.state in LATE_STATES:
            digest.overdue.append(row)
        elif row.state == State.POSSIBLE:
            digest.possible.append(row)
        elif row.state == State.DUE_SOON:
            digest.due_soon.append(row)
        else:
            digest.later.append(row)
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


def relevant_deadlines(today: date):
    """What any digest may show: the deadlines someone must act on, up to
    ``HORIZON_DAYS`` ahead, each with its state."""
    return (
        Deadline.objects.active()
        .filter(due_on__lte=today + timedelta(days=HORIZON_DAYS))
        .with_state(today)
    )


def send_weekly_digests(today: date) -> dict[str, int]:
    iso_year, iso_week, _weekday = today.isocalendar()
    already = set(
        DigestLog.objects.filter(iso_year=iso_year, iso_week=iso_week).values_list(
            "user_id", flat=True
        )
    )
    users = [user for user in _recipients() if user.pk not in already]
    if not users:
        return {"sent": 0, "empty": 0}

    relevant = relevant_deadlines(today)
    assigned: dict[int, set[int]] = defaultdict(set)
    assigned_cases: set[int] = set()
    # Assigned: to an active account (a deactivated one is nobody, as in
    # ``DeadlineQuerySet.unassigned``).
    for case_id, user_id in Case.assignees.through.objects.filter(
        case_id__in=relevant.values("case_id"), user__is_active=True
    ).values_list("case_id", "user_id"):
        assigned[user_id].add(case_id)
        assigned_cases.add(case_id)

    rows_by_case: dict[int, list[Row]] = defaultdict(list)
    team_of_case: dict[int, int] = {}
    detail = reverse("deadlines:detail", args=[0]).rsplit("0/", 1)[0]
    for (
        pk,
        title,
        due_on,
        state,
        confirmed_at,
        case_id,
        reference,
        team_id,
        jobcenter,
    ) in relevant.values_list(
        "pk",
        "title",
        "due_on",
        "state",
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
                state=state,
                reference=reference,
                jobcenter=jobcenter,
                is_confirmed=confirmed_at is not None,
                is_unassigned=case_id not in assigned_cases,
                url=site_url(f"{detail}{pk}/"),
            )
        )
        team_of_case[case_id] = team_id

    teams_of_user: dict[int, set[int]] = defaultdict(set)
    for team_id, user_id in Team.members.through.objects.values_list("team_id", "user_id"):
        teams_of_user[user_id].add(team_id)

    sent = empty = 0
    for user in users:
        group_names = {group.name for group in user.groups.all()}
        is_coordinator = user.is_superuser or bool(group_names & {GROUP_COORDINATOR, GROUP_ADMIN})
        teams = teams_of_user.get(user.pk, set())
        if is_coordinator:
            case_ids = {c for c, t in team_of_case.items() if not teams or t in teams}
        else:
            case_ids = {c for c in assigned.get(user.pk, ()) if c in rows_by_case} | {
                c for c, t in team_of_case.items() if c not in assigned_cases and t in teams
            }
        rows = [row for case_id in case_ids for row in rows_by_case[case_id]]
        digest = build_digest(rows)
        if digest.is_empty:
            empty += 1
            continue
        sent += _send_once(user, digest, iso_year, iso_week, is_coordinator, today)
    return {"sent": sent, "empty": empty}


def _send_once(
    user: Staff, digest: Digest, iso_year: int, iso_week: int, is_team: bool, today
) -> int:
    try:
        with transaction.atomic():
            # Inserted before sending: a second run (or a second worker,
            # waiting on the unique index) fails here and sends nothing.
            DigestLog.objects.create(user=user, iso_year=iso_year, iso_week=iso_week)
            _send(user, digest, iso_year, iso_week, is_team, today)
    except IntegrityError:
        return 0
    return 1


def _send(user: Staff, digest: Digest, iso_year: int, iso_week: int, is_team: bool, today) -> None:
    scope = "team" if is_team else "mine"
    base = site_url(reverse("deadlines:list"))
    list_url = f"{base}?{urlencode({'scope': scope})}"
    section_urls = {
        "overdue": f"{base}?{urlencode({'scope': scope, 'status': LATE})}",
        "possible": f"{base}?{urlencode({'scope': scope, 'status': State.POSSIBLE})}",
        "due_soon": f"{base}?{urlencode({'scope': scope, 'status': State.DUE_SOON})}",
        "later": list_url,
    }
    sections = [(section, section_urls[section.key]) for section in digest.sections()]
    send_templated(
        template="deadlines/email/digest",
        to=[user.email],
        context={
            "user": user,
            "digest": digest,
            "sections": sections,
            "is_team": is_team,
            "iso_week": iso_week,
            "today": today,
            "list_url": list_url,
            "preferences_url": site_url(reverse("deadlines:preferences")),
        },
        headers={"Message-ID": stable_message_id("digest", user.pk, f"{iso_year}-W{iso_week:02d}")},
    )
