"""Periodic work of the intake: relay the outbox, purge old submissions."""

from __future__ import annotations

from celery import shared_task

from cases.intake.notify import outbox_relay
from cases.intake.retention import submissions_purge


@shared_task
def relay_outbox() -> int:
    """Notify staff of what came in; safe to run twice or in two workers."""
    return outbox_relay()


@shared_task
def purge_expired_submissions() -> int:
    """Delete submissions never turned into a case after INTAKE_RETENTION_DAYS."""
    return submissions_purge()
