"""The suite runs against the real PostgreSQL and Redis the test command starts."""

from __future__ import annotations

import os
import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from advocacy.celery import app


@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


def test_redis_round_trip_through_the_django_cache():
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    key = f"roundtrip-{uuid.uuid4()}"
    cache.set(key, {"frist": "2025-04-07"}, 30)
    assert cache.get(key) == {"frist": "2025-04-07"}
    assert redis.Redis.from_url(os.environ["REDIS_URL"]).ping() is True


def test_celery_speaks_json_only_and_acks_late():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late is True
    assert app.conf.broker_url.startswith("redis://")
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert visibility > app.conf.task_time_limit
