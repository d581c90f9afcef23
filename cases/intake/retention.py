"""Retention of public reports: what is not turned into a case is deleted."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from advocacy.files import delete_files_on_commit
from cases.intake.models import IntakeSubmission, IntakeTombstone, Outbox


def submissions_purge(*, now: datetime | None = None) -> int:
    """Delete submissions not turned into a case after the retention period,
    with their files; keep only a tombstone so the code still says "closed"."""
    now = now or timezone.now()
    days = settings.INTAKE_RETENTION_DAYS
    before = now - timedelta(days=days)
    purged = 0
    for pk in IntakeSubmission.objects.expired(before=before).values_list("pk", flat=True):
        with transaction.atomic():
            submission = (
                IntakeSubmission.objects.expired(before=before)
                .select_for_update(skip_locked=True)
                .filter(pk=pk)
                .first()
            )
            if submission is None:
                continue
            submission_erase(submission=submission)
            purged += 1
    return purged


def submission_erase(*, submission: IntakeSubmission) -> None:
    """Delete a submission with its files (after commit); keep only a
    tombstone so that its receipt code still says "closed"."""
    delete_files_on_commit(
        [field for item in submission.files.all() for field in (item.original, item.sanitized)]
    )
    IntakeTombstone.objects.create(lookup_key=submission.lookup_key, code_hash=submission.code_hash)
    Outbox.objects.filter(payload__submission=submission.pk).delete()
    submission.delete()
