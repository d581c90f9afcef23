"""Periodic work of the intake: relay the outbox, purge old submissions."""

from __future__ import annotations

from celery import shared_task


@shared_task
def relay_outbox() -> int:
    """Notify staff of what came in; safe to run twice or in two workers."""
    from cases.intake.notify import outbox_relay

    return outbox_relay()


@shared_task
def purge_expired_submissions() -> int:
    """Delete submissions never turned into a case after INTAKE_RETENTION_DAYS."""
    from cases.intake.services import submissions_purge

    return submissions_purge()
