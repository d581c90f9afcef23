"""Liveness and readiness for monitoring.

``/healthz`` answers "ok" without touching anything: the process serves
requests. ``/readyz`` checks each dependency with a short timeout and reports
it by name (database, cache, broker, when scheduled work last ran), with no
personal data: 200 when all are fine, 503 otherwise.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from advocacy.cache import FallbackRedisCache
from advocacy.tasks import BEAT_HEARTBEAT_KEY

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2


class NotReady(RuntimeError):
    """A check's own finding, in words safe to show anyone."""


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _cache() -> dict:
    backend = caches["default"]
    if isinstance(backend, FallbackRedisCache):
        backend.probe()  # Redis itself, not the memory the process falls back to
        return {}
    key = "readyz:probe"
    cache.set(key, "1", timeout=30)
    if cache.get(key) != "1":
        raise NotReady("value written was not read back")
    return {}


def _broker() -> dict:
    from advocacy.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    return {}


def _beat() -> dict:
    raw = cache.get(BEAT_HEARTBEAT_KEY)
    if raw is None:
        raise NotReady("no heartbeat yet")
    last = dt.datetime.fromisoformat(raw)
    age = (timezone.now() - last).total_seconds()
    if age > settings.BEAT_STALE_SECONDS:
        raise NotReady(f"last heartbeat {age:.0f}s ago")
    return {"last_run_at": last.isoformat(timespec="seconds")}


CHECKS: dict[str, Callable[[], dict]] = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "beat": _beat,
}


def readiness() -> dict[str, dict]:
    """Each dependency: ok, milliseconds taken, and what failed: the check's
    own finding, or only the class of a driver's error (its message, which
    names hosts, ports and database users, goes to the log). The endpoint
    is public: no personal data, no addresses."""
    report: dict[str, dict] = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            details = check()
        except Exception as exc:
            # Whatever a dependency raises (driver, socket, kombu errors) is
            # reported as "not ready" and logged, never a 500.
            logger.warning("readiness: %s failed: %s: %s", name, type(exc).__name__, exc)
            error = str(exc) if isinstance(exc, NotReady) else type(exc).__name__
            details = {"ok": False, "error": error[:200]}
        else:
            details = {"ok": True, **details}
        details["ms"] = round((time.monotonic() - started) * 1000)
        report[name] = details
    return report


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def readyz(request: HttpRequest) -> JsonResponse:
    checks = readiness()
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse({"ok": ok, "checks": checks}, status=200 if ok else 503)
