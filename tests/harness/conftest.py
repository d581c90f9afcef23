"""Real services to break on purpose: a private Redis and a Celery worker.

``private_redis`` starts a redis-server of its own on a free port (so the
suite's shared Redis stays up) and points Celery at it; ``.stop()`` and
``.start()`` take it down and bring it back on the same port.
``celery_worker`` runs ``celery -A advocacy worker`` as a subprocess against
the test database and the private Redis; ``.kill()`` sends SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import kombu.pools
import pytest
from django.conf import settings

from advocacy.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def is_listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
        return True
    return False


def wait_until(condition: Callable[[], object], *, timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def point_celery_at(url: str) -> None:
    """Send this process's task messages to ``url`` from now on. (Celery
    prefers the environment variable over its configuration.)"""
    os.environ["CELERY_BROKER_URL"] = url
    celery_app.conf.broker_url = url
    # The app's pools live in kombu's process-wide registry, keyed by broker
    # URL: close them *and* drop them from it, or the next test that uses the
    # old URL again gets a closed pool ("Acquire on closed pool").
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


class PrivateRedis:
    def __init__(self, workdir: Path) -> None:
        self.server = shutil.which("redis-server")
        if not self.server:
            pytest.fail("redis-server not found (apt-get install redis-server)")
        self.workdir = workdir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if self.process is not None:
            return
        self.process = subprocess.Popen(
            [
                str(self.server),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(lambda: is_listening(self.port), timeout=15, what="the private Redis")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        self.process.wait(10)
        self.process = None
        wait_until(lambda: not is_listening(self.port), timeout=5, what="Redis to stop")

    @property
    def is_running(self) -> bool:
        return self.process is not None


@pytest.fixture
def private_redis(settings, tmp_path) -> Iterator[PrivateRedis]:
    redis = PrivateRedis(tmp_path)
    redis.start()
    previous_env = os.environ.get("CELERY_BROKER_URL")
    previous = previous_env or celery_app.conf.broker_url
    settings.CELERY_BROKER_URL = redis.url
    point_celery_at(redis.url)
    try:
        yield redis
    finally:
        point_celery_at(previous)
        if previous_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        redis.stop()


def database_url_of_test_db() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the worker subprocess needs the PostgreSQL test database")
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class CeleryWorker:
    def __init__(self, broker_url: str, log: Path) -> None:
        self.broker_url = broker_url
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = dict(os.environ)
        env.update(
            {
                "DATABASE_URL": database_url_of_test_db(),
                "CELERY_BROKER_URL": self.broker_url,
                "DJANGO_ALLOW_ASYNC_UNSAFE": "",
                "PYTHONUNBUFFERED": "1",
            }
        )
        if settings.EMAIL_BACKEND.endswith("locmem.EmailBackend"):
            # Mail sent by the worker is counted in files the test can read.
            env["EMAIL_URL"] = f"file://{self.log.parent / 'mail'}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "advocacy",
                "worker",
                "--pool=solo",
                "-c",
                "1",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_until(
            lambda: "ready." in self.output() or self.process.poll() is not None,
            timeout=60,
            what="the Celery worker",
        )
        if self.process.poll() is not None:
            raise AssertionError(f"the worker died at start:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL: no cleanup, no acknowledgement, like a crashed machine."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    @property
    def mail_dir(self) -> Path:
        return self.log.parent / "mail"


@pytest.fixture
def celery_worker(private_redis, transactional_db, tmp_path) -> Iterator[CeleryWorker]:
    """A real worker on the private Redis and the test database (the test
    must use ``transactional_db`` so the worker sees committed rows)."""
    worker = CeleryWorker(private_redis.url, tmp_path / "worker.log")
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()
