"""The production topology in docker-compose.yml is what the design asks for."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_every_production_service():
    services = _compose()["services"]
    assert {"db", "redis", "web", "worker", "beat", "mail"} <= services.keys()
    assert services["db"]["image"].startswith("postgres:")


def test_redis_persists_and_never_evicts_queued_tasks():
    command = _compose()["services"]["redis"]["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"


def test_exactly_one_beat_and_commands_name_real_modules():
    services = _compose()["services"]
    beats = [name for name, s in services.items() if "beat" in s.get("command", [])]
    assert beats == ["beat"]
    assert services["beat"]["deploy"]["replicas"] == 1
    wsgi_module = services["web"]["command"][1].split(":")[0]
    assert hasattr(importlib.import_module(wsgi_module), "application")
    assert services["worker"]["command"][:3] == ["celery", "-A", "advocacy"]
    assert hasattr(importlib.import_module("advocacy"), "celery_app")
    assert services["web"]["environment"]["DATABASE_URL"].startswith("postgres://")


def test_every_long_running_service_is_restarted_when_it_exits():
    """The second line behind the reconnecting worker and beat: compose
    starts any process again that still exits; the one-off migrate does not."""
    services = _compose()["services"]
    for name in ("db", "redis", "web", "worker", "beat"):
        assert services[name].get("restart") == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"


@pytest.mark.django_db(transaction=True)
def test_the_web_healthcheck_passes_when_the_allowed_hosts_name_only_the_real_domain(
    live_server, settings
):
    """In production DJANGO_ALLOWED_HOSTS names the public domain only; a
    request with Host: localhost gets 400, and the container would show as
    unhealthy for good. The check sends SITE_URL's host."""
    check = _compose()["services"]["web"]["healthcheck"]["test"]
    assert check == ["CMD", "python", "scripts/healthcheck.py"]
    settings.ALLOWED_HOSTS = ["fallakte.example.org"]
    url = f"{live_server.url}/healthz"

    def healthcheck(site_url: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "SITE_URL": site_url}
        return subprocess.run(
            [sys.executable, "scripts/healthcheck.py", url],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    assert healthcheck("https://fallakte.example.org").returncode == 0
    refused = healthcheck(live_server.url)  # the Host a plain request sends
    assert refused.returncode == 1 and "400" in refused.stderr
