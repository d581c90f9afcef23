"""Faults injected into real PostgreSQL, Redis and Celery workers.

- a database error in the middle of a write that stores files leaves no file;
- intake reports sent while Redis is down are all stored, and staff are
  notified exactly once each after Redis is back;
- a worker killed in the middle of the reminder scan: the rerun sends no
  reminder twice.

Tests of apps not merged yet skip until their URL names / tasks exist.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import time

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cases.deadlines.models import Deadline, ReminderLog
from cases.intake.models import NotificationLog
from cases.models import CaseEvent, Evidence
from cases.services import evidence_add
from cases.uploads import check_upload
from tests.factories import CaseFactory
from tests.harness.conftest import wait_until
from tests.harness.faults import (
    duplicates,
    failing_inserts_into,
    files_under,
    model_named,
    plausible_submission,
    sent_mails,
)
from tests.harness.samples import png_bytes, png_upload

RECEIPT_CODE = re.compile(r"\b\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b")


def require_url(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        pytest.skip(f"{name} not merged yet")


def require_task(path: str):
    module, _, name = path.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        pytest.skip(f"{path} not merged yet")


# --- a database error in the middle of a write ---------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("failing", [Evidence, CaseEvent], ids=["evidence-row", "timeline-row"])
def test_database_error_while_adding_evidence_leaves_no_files(settings, failing):
    case = CaseFactory()
    with failing_inserts_into(failing), pytest.raises(DatabaseError):
        evidence_add(case=case, upload=check_upload(png_upload()), title="Screenshot")
    assert files_under(settings.MEDIA_ROOT) == []
    assert not Evidence.objects.filter(case=case).exists()


@pytest.mark.django_db
def test_evidence_is_stored_when_nothing_fails(settings):
    """The control: the same write without the fault leaves both files."""
    evidence_add(case=CaseFactory(), upload=check_upload(png_upload()), title="Screenshot")
    assert len(files_under(settings.MEDIA_ROOT)) == 2


def intake_post_data(client: Client, url: str) -> dict[str, object]:
    page = client.get(url)
    assert page.status_code == 200
    data: dict[str, object] = {}
    fields, file_fields = plausible_submission(page.content.decode())
    data.update(fields)
    for name in file_fields:
        data[name] = [
            SimpleUploadedFile("eins.png", png_bytes(), content_type="image/png"),
            SimpleUploadedFile("zwei.png", png_bytes((9, 9)), content_type="image/png"),
        ]
    return data


def submit_intake(client: Client, url: str) -> tuple[object, float]:
    data = intake_post_data(client, url)
    # Past the minimum fill time, without sleeping.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=True):
        started = time.monotonic()
        response = client.post(url, data, follow=True)
        return response, time.monotonic() - started


@pytest.mark.django_db(transaction=True)
def test_database_error_in_the_middle_of_an_intake_submission_leaves_no_files(settings):
    url = require_url("intake:form")
    outbox = model_named("intake", "outbox")
    assert outbox is not None, "the intake app has no outbox model"
    client = Client(raise_request_exception=False)
    with failing_inserts_into(outbox):
        response, _seconds = submit_intake(client, url)
    assert not RECEIPT_CODE.search(response.content.decode())
    assert files_under(settings.MEDIA_ROOT) == []
    submission = model_named("intake", "submission")
    assert submission is not None and submission.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_intake_submission_with_files_is_stored_when_nothing_fails(settings):
    """The control: the same submission without the fault stores its two
    files (original and sanitized copy each) and shows the receipt code."""
    url = require_url("intake:form")
    response, _seconds = submit_intake(Client(), url)
    assert RECEIPT_CODE.search(response.content.decode())
    assert len(files_under(settings.MEDIA_ROOT)) == 4


# --- Redis down while people submit reports --------------------------------


@pytest.mark.django_db(transaction=True)
def test_intake_during_redis_outage_stores_every_report_and_notifies_once_after_recovery(
    request, private_redis
):
    url = require_url("intake:form")
    relay = require_task("cases.intake.tasks.relay_outbox")
    submission = model_named("intake", "submission")
    assert submission is not None
    celery_worker = request.getfixturevalue("celery_worker")
    celery_worker.stop()
    private_redis.stop()

    codes = []
    for _ in range(3):
        response, seconds = submit_intake(Client(), url)
        assert response.status_code == 200
        assert seconds < 3.0, f"a submission took {seconds:.1f}s while Redis was down"
        code = RECEIPT_CODE.search(response.content.decode())
        assert code, "no receipt code shown"
        codes.append(code.group())
    assert len(set(codes)) == 3
    assert submission.objects.count() == 3

    private_redis.start()
    celery_worker.start()
    relay.delay()
    relay.delay()  # the beat may fire twice; the relay is idempotent
    wait_until(
        lambda: tasks_succeeded(celery_worker, "relay_outbox") >= 2,
        timeout=60,
        what="both relay runs",
    )
    # The notification names no one (it says "a new report is in the inbox"),
    # so the three are alike: count them against the submissions.
    mails = sent_mails(celery_worker.mail_dir)
    assert len(mails) == 3, [m["Subject"] for m in mails]
    outbox = model_named("intake", "outbox")
    assert outbox is not None
    assert not outbox.objects.filter(processed_at__isnull=True).exists()
    assert NotificationLog.objects.count() == 3

    relay.delay()  # a third run later: still nothing new
    wait_until(
        lambda: tasks_succeeded(celery_worker, "relay_outbox") >= 3, timeout=60, what="relay"
    )
    assert len(sent_mails(celery_worker.mail_dir)) == 3


def tasks_succeeded(worker, task_name: str) -> int:
    return len(re.findall(rf"{re.escape(task_name)}\[[^\]]+\] succeeded", worker.output()))


# --- a worker killed in the middle of the reminder scan ---------------------


def worker_waits_for_a_lock() -> bool:
    """Is another session blocked on a lock (the worker's insert of the
    ReminderLog row this test holds)?"""
    with connection.cursor() as cursor:
        # pg_locks is read live (pg_stat_activity would be a snapshot for
        # the rest of this transaction).
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_worker_killed_in_the_middle_of_the_reminder_scan_sends_nothing_twice(
    request, team, caseworker
):
    """The kill lands at a known point: the test holds, uncommitted, the
    ReminderLog row of the 201st reminder, so the worker's scan has sent 200
    reminders and waits on the unique index when it is killed.

    (A kill between writing a mail and committing its ReminderLog row would
    send that one reminder again on the rerun: at-least-once is the design
    choice, a lost reminder of a legal deadline being worse than a double.)"""
    scan = require_task("cases.deadlines.tasks.scan_deadlines")
    celery_worker = request.getfixturevalue("celery_worker")
    today = timezone.localdate()
    deadlines = []
    for index in range(150):
        case = CaseFactory(team=team, assignees=[caseworker], reference=f"2026-{index + 1:04d}")
        for days in (2, 7):
            deadlines.append(
                Deadline.objects.create(
                    case=case,
                    rule="objection",
                    title=f"Widerspruchsfrist {index}/{days}",
                    trigger_on=today - dt.timedelta(days=20),
                    computed_due_on=today + dt.timedelta(days=days),
                    due_on=today + dt.timedelta(days=days),
                    explanation=[],
                )
            )
    # The scan goes by due date, then pk: 150 two-day reminders, then 150 seven-day ones.
    deadlines.sort(key=lambda d: (d.due_on, d.pk))
    held = deadlines[200]
    with transaction.atomic():
        ReminderLog.objects.create(
            deadline=held, step=f"d7@{held.due_on.isoformat()}", user=caseworker
        )
        scan.delay()
        try:
            wait_until(worker_waits_for_a_lock, timeout=120, what="the scan to reach the held row")
        except AssertionError:
            raise AssertionError(celery_worker.output()[-3000:]) from None
        celery_worker.kill()
        transaction.set_rollback(True)
    wait_until(
        lambda: ReminderLog.objects.count() == 200, timeout=30, what="the killed scan's rows"
    )
    assert len(sent_mails(celery_worker.mail_dir)) == 200  # killed mid-way

    celery_worker.start()
    scan.delay()
    scan.delay()
    wait_until(
        lambda: tasks_succeeded(celery_worker, "scan_deadlines") >= 2,
        timeout=180,
        what="both reruns",
    )
    mails = sent_mails(celery_worker.mail_dir)
    assert duplicates(mails) == {}
    assert len(mails) == 300  # every deadline's reminder, once
    assert ReminderLog.objects.count() == 300
    logged = ReminderLog.objects.values_list("deadline_id", "step", "user_id")
    assert len(set(logged)) == len(logged)
