"""The fault-injection harness works: a broker that is down fails fast, a
restarted one carries tasks again, a worker runs them against the test DB."""

from __future__ import annotations

import time
import uuid

import pytest
from django.core.cache import cache
from kombu.exceptions import OperationalError

from advocacy.tasks import HEALTHCHECK_KEY, healthcheck
from tests.harness.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def test_publishing_fails_fast_while_redis_is_down_and_works_after_restart(private_redis):
    private_redis.stop()
    started = time.monotonic()
    with pytest.raises(OperationalError):
        healthcheck.delay("down")
    assert time.monotonic() - started < 3.0

    private_redis.start()
    healthcheck.delay("back")  # no exception: the message is queued


def test_worker_runs_a_task_against_the_test_database(celery_worker):
    token = uuid.uuid4().hex
    healthcheck.delay(token)
    marker = wait_until(
        lambda: cache.get(HEALTHCHECK_KEY.format(token=token)), timeout=30, what="the task"
    )
    assert marker["database"] == "postgresql" and marker["ok"]


def test_a_task_queued_while_the_worker_is_dead_runs_when_it_is_back(celery_worker):
    celery_worker.kill()
    token = uuid.uuid4().hex
    healthcheck.delay(token)
    time.sleep(0.5)
    assert cache.get(HEALTHCHECK_KEY.format(token=token)) is None

    celery_worker.start()
    assert wait_until(
        lambda: cache.get(HEALTHCHECK_KEY.format(token=token)), timeout=30, what="the task"
    )
