"""Submissions never turned into a case are deleted with their files."""

from __future__ import annotations

import os
import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cases.intake.models import IntakeFile, IntakeSubmission, IntakeTombstone, Outbox
from cases.intake.tasks import purge_expired_submissions
from tests.intake.conftest import png_upload

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(r"\b(\d{4} \d{4} \d{4} \d{4})\b")


def test_expired_report_is_deleted_with_its_files_and_the_code_says_closed(
    submit, report_data, client, settings, django_capture_on_commit_callbacks
):
    settings.INTAKE_RETENTION_DAYS = 90
    response = submit(
        report_data, files=[png_upload(), png_upload("b.png", (1, 2, 3))], follow=True
    )
    code = CODE_RE.search(response.content.decode()).group(1)
    paths = [
        field.path for item in IntakeFile.objects.all() for field in (item.original, item.sanitized)
    ]
    assert len(paths) == 4
    assert all(os.path.exists(p) for p in paths)

    with time_machine.travel(timezone.now() + timedelta(days=89)):
        assert purge_expired_submissions.apply().get() == 0
    assert IntakeSubmission.objects.count() == 1

    with (
        time_machine.travel(timezone.now() + timedelta(days=91)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert purge_expired_submissions.apply().get() == 1
        assert purge_expired_submissions.apply().get() == 0

    assert not any(os.path.exists(p) for p in paths)
    assert IntakeSubmission.objects.count() == 0
    assert IntakeFile.objects.count() == 0
    assert Outbox.objects.count() == 0
    tombstone = IntakeTombstone.objects.get()
    assert not hasattr(tombstone, "description")

    fresh = type(client)()
    page = fresh.post(reverse("intake:status"), {"code": code}, follow=True).content.decode()
    assert re.search(r'id="status-text">abgeschlossen<', page)
    assert "gelöscht" in page


def test_the_person_looking_at_a_purged_report_sees_closed(submit, report_data, client):
    response = submit(report_data, follow=True)
    code = CODE_RE.search(response.content.decode()).group(1)
    client.post(reverse("intake:status"), {"code": code})
    with time_machine.travel(timezone.now() + timedelta(days=200)):
        purge_expired_submissions.apply()
    page = client.get(reverse("intake:status")).content.decode()
    assert re.search(r'id="status-text">abgeschlossen<', page)


def test_a_report_turned_into_a_case_is_kept(submit, report_data, team, caseworker, jobcenter):
    from cases.intake.services import submission_convert

    submit(report_data, files=[png_upload()])
    submission = IntakeSubmission.objects.get()
    submission_convert(submission=submission, by=caseworker, team=team, jobcenter=jobcenter)
    with time_machine.travel(timezone.now() + timedelta(days=200)):
        assert purge_expired_submissions.apply().get() == 0
    assert IntakeSubmission.objects.count() == 1
    assert IntakeFile.objects.count() == 1
