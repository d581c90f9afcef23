"""Two workers scanning at the same moment send each reminder once: the
ReminderLog row is inserted before sending, and the unique index makes the
second worker wait for the first one's commit and then skip."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from cases.deadlines import digest, reminders
from cases.deadlines.models import DigestLog, ReminderLog
from tests.deadlines.factories import DeadlineFactory
from tests.factories import CaseFactory, JobcenterFactory, TeamFactory, UserFactory

DUE = dt.date(2025, 4, 7)

# The test database of SQLite lives in memory, shared by the threads, and
# refuses a second writer at once ("database table is locked") instead of
# making it wait as PostgreSQL, which production runs, does.
pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two writers at once need PostgreSQL"
)


def _twice_at_once(function, day: dt.date) -> None:
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work():
        try:
            barrier.wait()
            function(day)
        except BaseException as error:  # re-raised below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_and_digest_once(mailoutbox):
    team = TeamFactory(name="Team Parallel")
    user = UserFactory(username="parallel", groups=["caseworker"])
    team.members.add(user)
    case = CaseFactory(team=team, jobcenter=JobcenterFactory(), assignees=[user])
    DeadlineFactory(case=case, due_on=DUE, computed_due_on=DUE)

    _twice_at_once(reminders.scan_deadlines, DUE - dt.timedelta(days=2))
    assert len(mailoutbox) == 1
    assert ReminderLog.objects.count() == 1

    _twice_at_once(digest.send_weekly_digests, dt.date(2025, 3, 31))
    assert len(mailoutbox) == 2
    assert DigestLog.objects.count() == 1
