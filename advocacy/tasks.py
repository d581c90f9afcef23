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
