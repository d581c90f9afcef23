"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import urllib.parse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.factories import TeamFactory, UserFactory
from tests.harness.conftest import point_celery_at

# The production stack's tests (tests/production) use Redis databases 5 and 6.
FIRST_OWN_REDIS_DATABASE = 8


def _own_redis_databases() -> None:
    """When the suite runs in several processes (``make test`` runs
    ``pytest -n 2``, pytest-xdist), each process uses Redis databases of its
    own, as cache and as broker: one process's ``cache.clear()`` (around
    every test) and queued tasks never reach another's tests. PostgreSQL
    needs nothing here: pytest-django gives each process a test database of
    its own. Done when this file is imported: the settings are read by then,
    but nothing has connected to Redis yet. Processes the tests start
    (workers, servers) inherit the URLs from the environment."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1", …
    if not worker:
        return
    index = FIRST_OWN_REDIS_DATABASE + int(worker.removeprefix("gw"))

    def own(key: str) -> str | None:
        url = urllib.parse.urlsplit(os.environ.get(key, ""))
        if url.scheme not in ("redis", "rediss"):
            return None
        return url._replace(path=f"/{index}").geturl()

    if cache_url := own("REDIS_URL"):
        os.environ["REDIS_URL"] = cache_url
        settings.CACHES = {
            **settings.CACHES,
            "default": {**settings.CACHES["default"], "LOCATION": cache_url},
        }
    elif settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        # Without Redis (the embedded set-up on SQLite) the cache is a
        # directory: a directory of each process's own.
        location = f"{settings.CACHES['default']['LOCATION']}-{worker}"
        settings.CACHES = {
            **settings.CACHES,
            "default": {**settings.CACHES["default"], "LOCATION": location},
        }
    if broker_url := own("CELERY_BROKER_URL"):
        settings.CELERY_BROKER_URL = broker_url
        point_celery_at(broker_url)


_own_redis_databases()


def pytest_collection_modifyitems(items):
    """Mark each test by its kind, so that parts can run alone:
    ``-m unit`` (no browser, no real worker or outage), ``-m browser``,
    ``-m harness`` (access walks, fuzzing, fault injection with real services),
    ``-m production`` (the production build with gunicorn, worker and beat;
    backup and restore)."""
    for item in items:
        path = item.path.as_posix()
        if "/tests/browser/" in path:
            item.add_marker(pytest.mark.browser)
        elif "/tests/harness/" in path:
            item.add_marker(pytest.mark.harness)
        elif "/tests/production/" in path:
            item.add_marker(pytest.mark.production)
        else:
            item.add_marker(pytest.mark.unit)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and proof-of-work levels live in the shared cache:
    every test starts clean, so earlier tests' reports from the same address
    never make a later test's form ask for a challenge."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _search_statistics_read(monkeypatch):
    """A caseworker's search reads PostgreSQL's statistics of the search rows
    once per process every ten minutes (``cases.search.team_word_statistics``):
    every test starts as if they had just been read and were empty, so that
    a page's query count does not depend on which test searched first. The
    tests of the team's walk read them (tests/cases/test_search.py)."""
    import time

    from cases import search

    monkeypatch.setattr(search, "_statistics", (time.monotonic(), None))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploads and PDFs into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def team(db):
    return TeamFactory(name="Team Nord")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Team Süd")


@pytest.fixture
def caseworker(team):
    user = UserFactory(username="cw", groups=["caseworker"])
    team.members.add(user)
    return user


@pytest.fixture
def coordinator(team):
    user = UserFactory(username="coord", groups=["coordinator"])
    team.members.add(user)
    return user


@pytest.fixture
def other_caseworker(other_team):
    user = UserFactory(username="cw-other", groups=["caseworker"])
    other_team.members.add(user)
    return user


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cw_client(caseworker) -> Client:
    """A caseworker of ``team`` with TOTP set up, logged in."""
    return _logged_in(caseworker)


@pytest.fixture
def coord_client(coordinator) -> Client:
    return _logged_in(coordinator)


@pytest.fixture
def other_client(other_caseworker) -> Client:
    return _logged_in(other_caseworker)
