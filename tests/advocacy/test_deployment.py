"""The production topology in docker-compose.yml is what the design asks for."""

from __future__ import annotations

import importlib
from pathlib import Path

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
