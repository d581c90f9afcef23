"""A Redis outage while reports come in: worker and beat heal themselves.

One Redis serves as cache and broker, as in docker-compose.yml. A worker and
a beat, started with the compose file's own ``worker`` and ``beat`` commands
(prefork pool, as in production), are started while it is down (they must
wait for it), then run against it and the test database; Redis is stopped for
OUTAGE_SECONDS (default 30) while reports are submitted and a deadline falls
due, then started again on the same port. Without restarting any process,
every report's notification goes out, the next scheduled deadline scan sends
its reminder, and nothing is sent twice (each message's Message-ID is
derived from its outbox/log row, see advocacy/emails.py).

Guaranteed: no notification is lost (the outbox is in PostgreSQL); a copy is
possible only if a worker dies between the mail server's acceptance and the
commit, and then it carries the same Message-ID. Here no process dies, so
the test requires zero copies.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.deadlines.models import Deadline
from cases.intake.models import IntakeSubmission
from tests.factories import CaseFactory
from tests.harness.conftest import ROOT, database_url_of_test_db, wait_until
from tests.harness.faults import sent_mails
from tests.harness.test_fault_scenarios import RECEIPT_CODE, submit_intake
from tests.production.stack import compose_command, local

OUTAGE_SECONDS = float(os.environ.get("OUTAGE_SECONDS", "30"))
REPORTS_DURING_OUTAGE = 4


class CeleryProcess:
    """A Celery process started with the command of its compose service."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.args = argv[3:]  # after "celery -A advocacy": worker or beat, and options
        self.env = env
        self.log = log
        self.process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )

    def output(self, since: int = 0) -> str:
        return self.log.read_text(errors="replace")[since:] if self.log.exists() else ""

    def wait_for(self, text: str, *, timeout: float, since: int = 0) -> None:
        wait_until(
            lambda: text in self.output(since) or self.process.poll() is not None,
            timeout=timeout,
            what=f"{text!r} from celery {self.args[0]}",
        )
        assert self.process.poll() is None, f"celery {self.args[0]} exited:\n{self.output()}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


@pytest.fixture
def one_redis(private_redis, settings):
    """The test's own requests use the private Redis as cache too."""
    settings.CACHES = {
        "default": {
            "BACKEND": "advocacy.cache.FallbackRedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    return private_redis


def celery_env(redis_url: str, tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url_of_test_db(),
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url.rsplit("/", 1)[0] + "/1",
            "EMAIL_URL": f"file://{tmp_path / 'mail'}",
            "INTAKE_NOTIFY_EMAILS": "eingang@example.org",
            "ADVOCACY_VAR_DIR": str(tmp_path / "var"),
            "OUTBOX_RELAY_SECONDS": "2",
            "DEADLINE_SCAN_SECONDS": "3",
            "BEAT_HEARTBEAT_SECONDS": "3",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def start_worker_and_beat(env: dict[str, str], tmp_path: Path):
    """The compose ``worker`` and ``beat`` commands, read from
    docker-compose.yml (so the test and the recipe cannot drift)."""
    worker_argv = local(compose_command("worker"))
    beat_argv = local(
        compose_command("beat"),
        **{"/data/celerybeat-schedule": str(tmp_path / "beat-schedule")},
    )
    assert worker_argv[1:4] == ["-A", "advocacy", "worker"], worker_argv
    assert beat_argv[1:4] == ["-A", "advocacy", "beat"], beat_argv
    worker = CeleryProcess(worker_argv, env, tmp_path / "worker.log")
    beat = CeleryProcess(beat_argv, env, tmp_path / "beat.log")
    return worker, beat


@pytest.mark.django_db(transaction=True)
def test_worker_and_beat_resume_by_themselves_after_a_redis_outage(
    one_redis, tmp_path, team, caseworker, settings
):
    settings.INTAKE_NOTIFY_EMAILS = ["eingang@example.org"]
    mail_dir = tmp_path / "mail"
    # Start-up during an outage first (a machine booting, Redis still loading).
    one_redis.stop()
    worker, beat = start_worker_and_beat(celery_env(one_redis.url, tmp_path), tmp_path)
    pids = (worker.process.pid, beat.process.pid)
    try:
        worker.wait_for("Trying again", timeout=60)
        time.sleep(4)  # a few failed attempts, and still running
        worker.wait_for("Trying again", timeout=1)  # i.e. alive
        one_redis.start()
        worker.wait_for("ready.", timeout=60)
        beat.wait_for("beat: Starting", timeout=60)
        form = reverse("intake:form")

        # The control: one report before the outage is notified.
        response, _seconds = submit_intake(Client(), form)
        assert RECEIPT_CODE.search(response.content.decode())
        wait_until(lambda: len(sent_mails(mail_dir)) == 1, timeout=30, what="the first mail")

        one_redis.stop()
        down_at = time.monotonic()
        codes = []
        for _ in range(REPORTS_DURING_OUTAGE):
            response, seconds = submit_intake(Client(), form)
            assert response.status_code == 200
            assert seconds < 5, f"a report took {seconds:.1f}s while Redis was down"
            found = RECEIPT_CODE.search(response.content.decode())
            assert found, "no receipt code shown while Redis was down"
            codes.append(found.group())
        # A deadline falls due while Redis is down: only the scan can remind.
        today = timezone.localdate()
        Deadline.objects.create(
            case=CaseFactory(team=team, assignees=[caseworker]),
            rule="objection",
            title="Widerspruchsfrist",
            trigger_on=today - dt.timedelta(days=20),
            computed_due_on=today + dt.timedelta(days=2),
            due_on=today + dt.timedelta(days=2),
            explanation=[],
        )
        # Monitoring sees the outage: /readyz names the cache and the broker.
        readiness = Client().get("/readyz")
        assert readiness.status_code == 503
        checks = readiness.json()["checks"]
        assert not checks["cache"]["ok"] and not checks["broker"]["ok"], checks
        assert checks["database"]["ok"], checks
        time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - down_at)))
        assert worker.process.poll() is None, worker.output()[-3000:]
        assert beat.process.poll() is None, beat.output()[-3000:]
        worker_mark, beat_mark = len(worker.output()), len(beat.output())
        one_redis.start()
        outage = time.monotonic() - down_at

        expected = 1 + REPORTS_DURING_OUTAGE + 1  # notifications and the reminder
        try:
            wait_until(
                lambda: len(sent_mails(mail_dir)) >= expected,
                timeout=90,
                what="every notification and the reminder after Redis came back",
            )
        except AssertionError:
            raise AssertionError(
                f"worker:\n{worker.output()[-4000:]}\nbeat:\n{beat.output()[-2000:]}"
            ) from None
        recovered = time.monotonic() - down_at - outage
        # The next scheduled scan ran after the outage, sent by beat.
        worker.wait_for("scan_deadlines", timeout=30, since=worker_mark)
        beat.wait_for("Sending due task deadlines-scan", timeout=30, since=beat_mark)
        # And the recovery: every dependency ready again, beat's heartbeat
        # through the broker included.
        wait_until(
            lambda: Client().get("/readyz").status_code == 200,
            timeout=45,
            what="/readyz to report ready again",
        )
        time.sleep(5)  # a few more relay and scan rounds: still nothing twice

        mails = sent_mails(mail_dir)
        ids = Counter(str(m["Message-ID"]) for m in mails)
        copies = sum(n - 1 for n in ids.values())
        reminders = [m for m in mails if str(m["Message-ID"]).startswith("<reminder.")]
        print(
            f"\noutage {outage:.0f}s survived, mails {len(mails)} of {expected} expected, "
            f"lost {max(0, expected - len(ids))}, copies {copies}, "
            f"recovered {recovered:.0f}s after Redis came back"
        )
        assert len(set(codes)) == REPORTS_DURING_OUTAGE
        assert IntakeSubmission.objects.count() == 1 + REPORTS_DURING_OUTAGE
        assert len(reminders) == 1
        assert copies == 0, ids
        assert len(mails) == expected
        # Neither process was restarted.
        assert (worker.process.pid, beat.process.pid) == pids
        assert worker.process.poll() is None and beat.process.poll() is None
    finally:
        worker.stop()
        beat.stop()
