"""Beat's schedule after a broker outage.

Celery beat moves an entry on to its next run *before* it sends the task, and
does not send it again when the broker refuses the message (it logs
"Message Error" and waits for the next due time). The interval entries (outbox
relay, deadline scan, heartbeat) come back within their interval by
themselves; the weekly digest would wait a week. These tests drive Celery's
own schedule entries through such a lost send.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.beat import ScheduleEntry
from django.conf import settings

from advocacy.celery import app as celery_app
from cases.deadlines.tasks import send_weekly_digests
from tests.deadlines.factories import DeadlineFactory
from tests.factories import CaseFactory

BERLIN = ZoneInfo(settings.CELERY_TIMEZONE)
MONDAY = dt.date(2026, 11, 30)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def entry_sent_and_lost(name: str, *, last_sent: dt.datetime, lost_at: dt.datetime):
    """The entry as beat keeps it after a send at ``lost_at`` that the broker
    refused: reserved (moved on), but no task went out."""
    config = settings.CELERY_BEAT_SCHEDULE[name]
    entry = ScheduleEntry(
        name=name,
        task=config["task"],
        schedule=config["schedule"],
        last_run_at=last_sent,
        app=celery_app,
    )
    with time_machine.travel(lost_at, tick=False):
        due, _next = entry.is_due()
        assert due, f"{name} was not due at {lost_at}"
        return next(entry)  # what Scheduler.reserve() stores before sending


def is_due(entry, when: dt.datetime) -> bool:
    with time_machine.travel(when, tick=False):
        return bool(entry.is_due()[0])


def test_a_digest_lost_to_a_broker_outage_is_due_again_the_same_monday():
    entry = entry_sent_and_lost(
        "deadlines-weekly-digest",
        last_sent=at(MONDAY - dt.timedelta(days=7), 6, 30),
        lost_at=at(MONDAY, 6, 30),
    )
    assert is_due(entry, at(MONDAY, 7, 31)), "the lost digest would wait a week"


@pytest.mark.parametrize("name", ["intake-relay-outbox", "deadlines-scan", "beat-heartbeat"])
def test_interval_entries_are_due_again_within_their_interval(name):
    entry = entry_sent_and_lost(
        name, last_sent=at(MONDAY, 9, 0), lost_at=at(MONDAY, 9, 0) + dt.timedelta(hours=1)
    )
    interval = settings.CELERY_BEAT_SCHEDULE[name]["schedule"]
    assert is_due(entry, at(MONDAY, 10, 0) + interval + dt.timedelta(seconds=1))


@pytest.mark.django_db
def test_the_hourly_digest_runs_of_a_monday_send_each_person_one_digest(
    team, caseworker, mailoutbox
):
    DeadlineFactory(case=CaseFactory(team=team, assignees=[caseworker]), due_on=MONDAY)
    # 06:30 was lost to the outage; 07:30 goes through, 08:30 and later find
    # the DigestLog row of the week.
    for hour in (7, 8, 23):
        with time_machine.travel(at(MONDAY, hour, 30), tick=False):
            send_weekly_digests()
    mine = [mail for mail in mailoutbox if mail.to == [caseworker.email]]
    assert len(mine) == 1
