"""What is guaranteed for notification mail (intake notifications, deadline
reminders, the weekly digest): at least once, and a resend after a crash
between the mail server's acceptance and the commit of the log row carries
the same Message-ID, so it is recognisable as the same message. Not
guaranteed: exactly once (that would need the mail server to take part in
the database transaction)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import DatabaseError
from django.utils import timezone

from cases.deadlines.digest import send_weekly_digests
from cases.deadlines.models import Deadline, DigestLog, ReminderLog
from cases.deadlines.reminders import scan_deadlines
from cases.intake.models import NotificationLog, Outbox
from cases.intake.notify import outbox_relay
from tests.deadlines.factories import DeadlineFactory
from tests.factories import CaseFactory


@pytest.fixture
def crash_after_first_send(monkeypatch):
    """The mail server accepts the first message, then the worker dies
    before its transaction commits (the log row is rolled back)."""
    original = EmailBackend.send_messages
    calls = {"n": 0}

    def send_then_crash(self, messages):
        sent = original(self, messages)
        calls["n"] += 1
        if calls["n"] == 1:
            raise DatabaseError("worker lost between send and commit")
        return sent

    monkeypatch.setattr(EmailBackend, "send_messages", send_then_crash)


@pytest.mark.django_db
def test_intake_notification_resent_after_a_crash_has_the_same_message_id(
    settings, crash_after_first_send
):
    settings.INTAKE_NOTIFY_EMAILS = ["eingang@example.org"]
    row = Outbox.objects.create(kind=Outbox.Kind.SUBMISSION_RECEIVED, key="s-1")
    with pytest.raises(DatabaseError):
        outbox_relay()
    assert not NotificationLog.objects.exists()  # rolled back: the rerun must send
    assert outbox_relay() == 1
    assert outbox_relay() == 0  # done now: nothing a third time
    ids = [m.extra_headers["Message-ID"] for m in mail.outbox]
    assert len(ids) == 2 and ids[0] == ids[1]
    assert ids[0] == f"<intake-outbox.{row.pk}@localhost>"


@pytest.mark.django_db
def test_different_outbox_rows_get_different_message_ids(settings):
    settings.INTAKE_NOTIFY_EMAILS = ["eingang@example.org"]
    Outbox.objects.create(kind=Outbox.Kind.SUBMISSION_RECEIVED, key="s-1")
    Outbox.objects.create(kind=Outbox.Kind.SUBMISSION_ADDED, key="s-2")
    assert outbox_relay() == 2
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 2


@pytest.mark.django_db
def test_reminder_resent_after_a_crash_has_the_same_message_id(
    team, caseworker, crash_after_first_send
):
    today = timezone.localdate()
    case = CaseFactory(team=team, assignees=[caseworker])
    Deadline.objects.create(
        case=case,
        rule="objection",
        title="Widerspruchsfrist",
        trigger_on=today - dt.timedelta(days=20),
        computed_due_on=today + dt.timedelta(days=2),
        due_on=today + dt.timedelta(days=2),
        explanation=[],
    )
    with pytest.raises(DatabaseError):
        scan_deadlines(today)
    assert not ReminderLog.objects.exists()
    assert scan_deadlines(today)["sent"] == 1
    assert scan_deadlines(today)["sent"] == 0
    ids = [m.extra_headers["Message-ID"] for m in mail.outbox]
    assert len(ids) == 2 and ids[0] == ids[1]
    assert ids[0].startswith("<reminder.") and ids[0].endswith("@localhost>")


@pytest.mark.django_db
def test_weekly_digest_resent_after_a_crash_has_the_same_message_id(
    team, caseworker, crash_after_first_send
):
    monday = dt.datetime(2026, 11, 30, 6, 30, tzinfo=dt.UTC)
    DeadlineFactory(case=CaseFactory(team=team, assignees=[caseworker]), due_on=monday.date())
    with time_machine.travel(monday, tick=False):
        with pytest.raises(DatabaseError):
            send_weekly_digests(monday.date())
        assert not DigestLog.objects.exists()
        assert send_weekly_digests(monday.date())["sent"] == 1
        assert send_weekly_digests(monday.date())["sent"] == 0
    ids = [m.extra_headers["Message-ID"] for m in mail.outbox]
    assert len(ids) == 2 and ids[0] == ids[1]
    assert ids[0] == f"<digest.{caseworker.pk}.2026-W49@localhost>"
