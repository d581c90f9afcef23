"""While Redis (the cache) is away: staff still log in with TOTP, the public
form still stores reports, and the readiness check says what is missing."""

from __future__ import annotations

import logging
import os
import time

import pytest
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse

from advocacy.celery import app as celery_app
from advocacy.tasks import beat_heartbeat
from tests.advocacy.test_auth import current_totp
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.harness.conftest import free_port, point_celery_at
from tests.harness.test_fault_scenarios import RECEIPT_CODE, submit_intake


@pytest.fixture
def redis_down(settings):
    """The cache points at a port where no Redis listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "advocacy.cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    yield
    caches["default"].close()


@pytest.mark.django_db
def test_staff_log_in_with_password_and_totp_while_redis_is_down(redis_down, client, caplog):
    user = UserFactory(username="anmeldung")
    with caplog.at_level(logging.WARNING, logger="advocacy.cache"):
        step = client.post(
            reverse("account_login"), {"login": "anmeldung", "password": DEFAULT_PASSWORD}
        )
        assert step.status_code == 302
        assert step["Location"] == reverse("mfa_authenticate")
        done = client.post(reverse("mfa_authenticate"), {"code": current_totp(user.totp_secret)})
        assert done.status_code == 302
    assert client.get("/").status_code == 200
    assert "Redis unreachable" in caplog.text


@pytest.mark.django_db
def test_a_used_totp_code_is_still_refused_again_in_the_same_process(redis_down):
    """The fallback keeps the one-time rule of the TOTP code per process."""
    user = UserFactory(username="zweimal")
    code = current_totp(user.totp_secret)
    first, second = Client(), Client()
    for browser in (first, second):
        browser.post(reverse("account_login"), {"login": "zweimal", "password": DEFAULT_PASSWORD})
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert second.post(reverse("mfa_authenticate"), {"code": code}).status_code == 200
    assert second.get("/").status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_public_form_stores_the_report_while_redis_is_down(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="advocacy.cache"):
        response, seconds = submit_intake(Client(), reverse("intake:form"))
    assert response.status_code == 200
    assert RECEIPT_CODE.search(response.content.decode()), "no receipt code shown"
    assert seconds < 5
    assert "Redis unreachable" in caplog.text


# --- readiness ---------------------------------------------------------------


@pytest.mark.django_db
def test_readiness_reports_every_dependency_ok_after_a_heartbeat(client):
    beat_heartbeat()
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["ok"] is True
    assert set(body["checks"]) == {"database", "cache", "broker", "beat"}
    assert all(check["ok"] for check in body["checks"].values())
    assert "last_run_at" in body["checks"]["beat"]


@pytest.mark.django_db
def test_readiness_says_the_beat_is_stale_without_a_recent_heartbeat(client, settings):
    cache.delete("beat:heartbeat")
    body = client.get("/readyz").json()
    assert body["checks"]["beat"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_readiness_answers_503_naming_the_cache_when_redis_is_down(
    redis_down, client, caplog, settings
):
    port = settings.CACHES["default"]["LOCATION"].rsplit(":", 1)[1].split("/")[0]
    with caplog.at_level(logging.WARNING, logger="advocacy.health"):
        response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["ok"] is False
    assert checks["cache"]["error"] == "ConnectionError"
    assert checks["database"]["ok"] is True
    # The public answer names no address; the log, for the operator, does.
    assert port not in response.content.decode() and "127.0.0.1" not in response.content.decode()
    assert port in caplog.text


@pytest.mark.django_db
def test_readiness_answers_503_naming_the_broker_when_it_is_down(client, monkeypatch):
    previous = os.environ.get("CELERY_BROKER_URL") or celery_app.conf.broker_url
    point_celery_at(f"redis://127.0.0.1:{free_port()}/0")
    try:
        response = client.get("/readyz")
    finally:
        point_celery_at(previous)
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


@pytest.mark.django_db
def test_healthz_touches_no_dependency(redis_down, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz").content == b"ok"


def test_the_cache_goes_back_to_redis_once_it_is_reachable_again(tmp_path, caplog):
    """Fallback while Redis is away, Redis again after RETRY_SECONDS."""
    from advocacy.cache import FallbackRedisCache
    from tests.harness.conftest import PrivateRedis

    redis = PrivateRedis(tmp_path)
    redis.start()
    backend = FallbackRedisCache(redis.url, {"OPTIONS": {"socket_connect_timeout": 1}})
    backend.RETRY_SECONDS = 0.2
    try:
        backend.set("k", "in redis")
        redis.stop()
        with caplog.at_level(logging.WARNING, logger="advocacy.cache"):
            backend.set("k", "in memory")
        assert backend.is_degraded and "Redis unreachable" in caplog.text
        assert backend.get("k") == "in memory"
        redis.start()  # empty again: no persistence in the test server
        time.sleep(0.3)  # past RETRY_SECONDS (a real wait: monotonic time)
        assert backend.get("k") is None  # read from Redis, not from memory
        assert not backend.is_degraded
        backend.set("k", "in redis again")
        backend.probe()
        assert backend.get("k") == "in redis again"
    finally:
        backend.close()
        redis.stop()


# --- after the outage ----------------------------------------------------------


@pytest.fixture
def reachable_redis(settings, tmp_path, monkeypatch):
    """A private Redis as the cache, and a switch that makes it unreachable
    for this process while it keeps its data (as the production Redis does
    across a restart: append-only)."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    from advocacy.cache import FallbackRedisCache, ReusedRedisClient
    from tests.harness.conftest import PrivateRedis

    redis = PrivateRedis(tmp_path)
    redis.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "advocacy.cache.FallbackRedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    monkeypatch.setattr(FallbackRedisCache, "RETRY_SECONDS", 0.2)
    original = ReusedRedisClient.get_client

    class Switch:
        def away(self) -> None:
            def unreachable(*args, **kwargs):
                raise RedisConnectionError("Redis is away (test)")

            monkeypatch.setattr(ReusedRedisClient, "get_client", unreachable)

        def back(self) -> None:
            monkeypatch.setattr(ReusedRedisClient, "get_client", original)
            time.sleep(0.3)  # past RETRY_SECONDS

    yield Switch()
    caches["default"].close()
    redis.stop()


@pytest.mark.django_db
def test_a_logout_during_the_outage_stays_a_logout_when_redis_is_back(reachable_redis, caplog):
    """Sessions are cached_db: Redis still holds the session of before the
    outage. The logout during the outage deleted it only from the database
    and the process's memory; once Redis answers, that old copy must not log
    the cookie in again."""
    user = UserFactory(username="abmelden")
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"].value
    assert client.get("/").status_code == 200

    reachable_redis.away()
    assert client.post(reverse("account_logout")).status_code == 302
    reachable_redis.back()

    stolen = Client()
    stolen.cookies["sessionid"] = cookie
    with caplog.at_level(logging.WARNING, logger="advocacy.cache"):
        assert stolen.get("/").status_code == 302  # to the login, not the dashboard
    assert "Redis reachable again" in caplog.text


def test_what_changed_in_memory_is_dropped_from_redis_and_memory_when_it_is_back(
    reachable_redis,
):
    backend = caches["default"]
    backend.set("sitzung", "alt")
    backend.set_many({"a": 1, "b": 2}, version=3)
    reachable_redis.away()
    backend.delete("sitzung")
    backend.set("a", 10, version=3)
    backend.set("zähler", 1)
    assert backend.incr("zähler") == 2
    assert backend.is_degraded
    reachable_redis.back()
    assert backend.get("sitzung") is None  # not the old value Redis still held
    assert backend.get("a", version=3) is None
    assert backend.get("b", version=3) == 2  # untouched during the outage: kept
    # A later outage starts from an empty memory, not the first one's.
    reachable_redis.away()
    assert backend.get("zähler") is None
