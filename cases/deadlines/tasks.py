"""Periodic tasks (the beat schedule in the settings names them)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from cases.deadlines import digest, reminders

logger = logging.getLogger(__name__)


@shared_task
def scan_deadlines() -> dict[str, int]:
    """Every 15 minutes: mark missed deadlines and send due reminders (safe to run twice)."""
    counts = reminders.scan_deadlines(timezone.localdate())
    logger.info("deadline scan: %s", counts)
    return counts


@shared_task
def send_weekly_digests() -> dict[str, int]:
    """Mondays: one digest per person and ISO week (safe to run twice)."""
    counts = digest.send_weekly_digests(timezone.localdate())
    logger.info("weekly digest: %s", counts)
    return counts
