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
from django.db import DatabaseError
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cases.deadlines.models import Deadline, ReminderLog
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
    wait_until(lambda: len(sent_mails(celery_worker.mail_dir)) >= 3, timeout=60, what="mails")
    time.sleep(2)  # any duplicate would arrive now
    mails = sent_mails(celery_worker.mail_dir)
    assert duplicates(mails) == {}
    assert len(mails) == 3


# --- a worker killed in the middle of the reminder scan ---------------------


@pytest.mark.django_db(transaction=True)
def test_worker_killed_in_the_middle_of_the_reminder_scan_sends_nothing_twice(
    request, team, caseworker
):
    scan = require_task("cases.deadlines.tasks.scan_deadlines")
    celery_worker = request.getfixturevalue("celery_worker")
    today = timezone.localdate()
    for index in range(150):
        case = CaseFactory(team=team, assignees=[caseworker], reference=f"2026-{index + 1:04d}")
        for days in (2, 7):
            Deadline.objects.create(
                case=case,
                rule="widerspruch",
                title=f"Widerspruchsfrist {index}",
                trigger_on=today - dt.timedelta(days=20),
                computed_due_on=today + dt.timedelta(days=days),
                due_on=today + dt.timedelta(days=days),
                explanation=[],
            )

    scan.delay()
    wait_until(lambda: ReminderLog.objects.exists(), timeout=60, what="the scan to start")
    celery_worker.kill()
    killed_at = ReminderLog.objects.count()

    celery_worker.start()
    scan.delay()
    scan.delay()

    def settled():
        first = ReminderLog.objects.count()
        time.sleep(2)
        return first >= killed_at and first == ReminderLog.objects.count()

    wait_until(settled, timeout=120, what="the rerun to finish")
    mails = sent_mails(celery_worker.mail_dir)
    assert duplicates(mails) == {}
    assert ReminderLog.objects.count() >= 300  # every deadline's step, once
    logged = ReminderLog.objects.values_list("deadline_id", "step", "user_id")
    assert len(set(logged)) == len(logged)
