"""Tasks of the project package itself."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

HEALTHCHECK_KEY = "healthcheck:{token}"


@shared_task(name="advocacy.tasks.healthcheck", ignore_result=True)
def healthcheck(token: str) -> None:
    """Prove a worker is alive end to end: it took the task from the broker,
    reached the database, and leaves a marker in the cache under ``token``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    cache.set(
        HEALTHCHECK_KEY.format(token=token),
        {"database": connection.vendor, "ok": one == 1, "at": timezone.now().isoformat()},
        timeout=600,
    )


BEAT_HEARTBEAT_KEY = "beat:heartbeat"


@shared_task(name="advocacy.tasks.beat_heartbeat", ignore_result=True)
def beat_heartbeat() -> None:
    """Sent by beat every BEAT_HEARTBEAT_SECONDS and run by a worker: the
    readiness check reads when scheduled work last went all the way through."""
    cache.set(BEAT_HEARTBEAT_KEY, timezone.now().isoformat(), timeout=None)
