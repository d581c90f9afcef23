"""Shared pieces of the benchmarks: Django against DATABASE_URL, timing, reports.

Every benchmark measures a baseline in the same run on the same server and
prints ratios, so that numbers from different machines can be compared.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent

BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "advocacy.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_HSTS_SECONDS": "0",
    # Static files from the finders, no collectstatic needed.
    "ADVOCACY_TESTING": "1",
    "LOG_LEVEL": "WARNING",
    "EMAIL_URL": "locmem://",
}


def setup_django() -> None:
    """Configure Django against the PostgreSQL in DATABASE_URL, create the
    database if it does not exist yet, and migrate it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "DATABASE_URL must point at PostgreSQL; run me as\n"
            "  python scripts/with_services.py -- python bench/<name>.py"
        )
    warnings.filterwarnings("ignore", message="No directory at")
    for name, value in BENCH_ENV.items():
        os.environ.setdefault(name, value)
    sys.path.insert(0, str(ROOT))
    _create_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _create_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def machine() -> str:
    cpus = os.cpu_count() or 0
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split("\n")[0].split()[1])
        memory = f", {kb / 1024 / 1024:.1f} GiB RAM"
    return f"{platform.machine()} {cpus} CPUs{memory}, Python {platform.python_version()}"


@dataclass
class Timing:
    name: str
    seconds: list[float]
    # CPU time of this process (time.process_time) for each run: what the
    # page costs the web process, hardly moved by other work on the machine
    # (the database's own time is not in it).
    cpu_seconds: list[float] = field(default_factory=list)

    @property
    def cpu_p50(self) -> float | None:
        return statistics.median(self.cpu_seconds) if self.cpu_seconds else None

    @property
    def p50(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        if len(self.seconds) < 2:
            return self.seconds[0]
        return statistics.quantiles(self.seconds, n=20, method="inclusive")[18]


def timed_rounds(
    actions: list[tuple[str, Callable[[], object]]], *, repeat: int, warmup: int = 3
) -> list[Timing]:
    """Each action once per round, ``repeat`` rounds: a baseline among the
    actions is measured under the same load as the pages (on a shared machine
    the load changes within a minute; timing the baseline first and the pages
    later made the ratios swing by 2-3x between runs)."""
    for _ in range(warmup):
        for _name, action in actions:
            action()
    timings = [Timing(name, []) for name, _action in actions]
    for _ in range(repeat):
        for timing, (_name, action) in zip(timings, actions, strict=True):
            cpu = time.process_time()
            started = time.perf_counter()
            action()
            timing.seconds.append(time.perf_counter() - started)
            timing.cpu_seconds.append(time.process_time() - cpu)
    return timings


def count_queries(action: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def print_header(title: str) -> None:
    print(f"\n{title}\n{'=' * len(title)}")
    print(f"machine: {machine()}")
    print(f"date:    {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")


def print_timings(rows: list[tuple[Timing, int | None]], baseline: Timing) -> None:
    cpu = baseline.cpu_p50 is not None
    print(
        f"{'page':<28} {'queries':>7} {'p50 ms':>9} {'p95 ms':>9} {'p50 ×':>7} {'p95 ×':>7}"
        + (f" {'cpu ms':>8} {'cpu ×':>6}" if cpu else "")
    )
    for timing, queries in rows:
        line = (
            f"{timing.name:<28} {queries if queries is not None else '-':>7} "
            f"{timing.p50 * 1000:>9.2f} {timing.p95 * 1000:>9.2f} "
            f"{timing.p50 / baseline.p50:>7.1f} {timing.p95 / baseline.p95:>7.1f}"
        )
        if cpu and timing.cpu_p50 is not None and baseline.cpu_p50:
            line += f" {timing.cpu_p50 * 1000:>8.2f} {timing.cpu_p50 / baseline.cpu_p50:>6.1f}"
        print(line)
    print(f"\n(× = ratio to the baseline '{baseline.name}' measured in the same run", end="")
    print(", in the same rounds; cpu = this process's CPU time, p50)" if cpu else ")")
