"""The periodic reminder scan.

Policy (one place): a scan every 15 minutes

1. sets open deadlines whose due date has passed to "versäumt" (``missed``),
   once, with a timeline line; they stay in every list (overdue first) and
   can still be marked done or given a new date;
2. sends each responsible person at most one mail per (deadline, step):
   ``dN`` N days before (N from the person's preferences, default 7 and 2),
   ``due`` on the day, ``overdue`` after it (also to the coordinators). The
   step names carry the due date, so a date changed by hand re-arms them.

Catch-up: only the most relevant step that has come is considered (the
nearest pre-deadline, else "due", else "overdue"), so a scan that was down
for days sends one mail per deadline and person, not a burst of old ones.

Idempotence: the ReminderLog row is inserted before the mail is sent, in the
same transaction; a second scan (or a second worker, which waits on the
unique index) finds the row and sends nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from advocacy.auth import GROUP_ADMIN, GROUP_COORDINATOR, Staff
from advocacy.emails import send_templated, stable_message_id
from cases.deadlines.compute import KIND_DEADLINE, RULES, fmt
from cases.deadlines.models import Deadline, DeadlinePreference, ReminderLog
from cases.deadlines.services import (
    deadline_mark_missed,
    reminder_days_of,
    review_reminders_create,
)
from cases.models import Case

DEFAULT_REMINDER_DAYS = (7, 2)
# An overdue alert is sent for deadlines at most this many days past due (a
# scan that was down longer does not dig up old ones).
OVERDUE_ALERT_DAYS = 31


def site_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def step_for(deadline: Deadline, today: date, reminder_days: list[int]) -> str | None:
    """The most relevant reminder step that has come, or None."""
    stamp = deadline.due_on.isoformat()
    if deadline.is_late:
        return f"overdue@{stamp}" if deadline.kind == KIND_DEADLINE else None
    if deadline.due_on < today:  # "jetzt möglich" since then: said on the day
        return None
    if deadline.due_on == today:
        return f"due@{stamp}"
    days_left = (deadline.due_on - today).days
    reached = [days for days in reminder_days if days >= days_left]
    return f"d{min(reached)}@{stamp}" if reached else None


def _coordinators() -> list:
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[GROUP_COORDINATOR, GROUP_ADMIN])
        .exclude(email="")
        .distinct()
    )


def scan_deadlines(today: date) -> dict[str, int]:
    """Run one scan; returns counts for logging and tests."""
    missed = 0
    legal_rules = [name for name, rule in RULES.items() if rule.kind == KIND_DEADLINE]
    for deadline_id in (
        Deadline.objects.overdue(today)
        .filter(status=Deadline.Status.OPEN, rule__in=legal_rules)
        .values_list("pk", flat=True)
    ):
        missed += deadline_mark_missed(deadline_id=deadline_id, today=today)
    review_reminders_create(today=today)

    horizon = max(DEFAULT_REMINDER_DAYS + tuple(_longest_preference()))
    deadlines = list(
        Deadline.objects.active()
        .filter(
            due_on__gte=today - timedelta(days=OVERDUE_ALERT_DAYS),
            due_on__lte=today + timedelta(days=horizon),
        )
        .with_state(today)
        .select_related("case", "case__jobcenter")
        .prefetch_related("case__assignees", "case__team__members")
    )
    if not deadlines:
        return {"missed": missed, "sent": 0}
    sent_keys = set(
        ReminderLog.objects.filter(deadline__in=[d.pk for d in deadlines]).values_list(
            "deadline_id", "step", "user_id"
        )
    )
    preferences = {p.user_id: p for p in DeadlinePreference.objects.all()}
    coordinators = _coordinators()
    sent = 0
    for deadline in deadlines:
        recipients = _responsible(deadline.case)
        for user in recipients:
            days = reminder_days_of(preferences.get(user.pk), DEFAULT_REMINDER_DAYS)
            step = step_for(deadline, today, days)
            if step and (deadline.pk, step, user.pk) not in sent_keys:
                sent += _send_once(deadline, step, user, today)
        if deadline.is_late and deadline.kind == KIND_DEADLINE:
            step = f"overdue@{deadline.due_on.isoformat()}"
            for user in coordinators:
                if user not in recipients and (deadline.pk, step, user.pk) not in sent_keys:
                    sent += _send_once(deadline, step, user, today)
    return {"missed": missed, "sent": sent}


def _longest_preference() -> list[int]:
    days = [
        max(map(int, p), default=0)
        for p in DeadlinePreference.objects.exclude(reminder_days=[]).values_list(
            "reminder_days", flat=True
        )
    ]
    return [min(max(days, default=0), 60)]


def _responsible(case: Case) -> list:
    """Active assignees; for a case without any (nobody assigned, or only
    people whose account was deactivated), its team's members."""
    people = [user for user in case.assignees.all() if user.is_active]
    people = people or [user for user in case.team.members.all() if user.is_active]
    return [user for user in people if user.email]


def _send_once(deadline: Deadline, step: str, user: Staff, today: date) -> int:
    with transaction.atomic():
        _log, created = ReminderLog.objects.get_or_create(deadline=deadline, step=step, user=user)
        if not created:
            return 0
        kind = step.split("@", 1)[0]
        send_templated(
            template="deadlines/email/" + ("overdue" if kind == "overdue" else "reminder"),
            to=[user.email],
            context={
                "user": user,
                "deadline": deadline,
                "case": deadline.case,
                "days_left": (deadline.due_on - today).days,
                "is_due_today": kind == "due",
                "due": fmt(deadline.due_on),
                "url": site_url(reverse("deadlines:detail", args=[deadline.pk])),
            },
            # From the ReminderLog key, which a rerun after a crash repeats.
            headers={"Message-ID": stable_message_id("reminder", deadline.pk, step, user.pk)},
        )
    return 1
