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


# What the image runs without: the Dockerfile installs `pip install .`, the
# main dependencies only; the development extras are not in it.
RUNS_WITHOUT_DEV_EXTRAS = r"""
import importlib, importlib.abc, pkgutil, sys
blocked = set(sys.argv[1].split(","))
class NotInTheImage(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.partition(".")[0] in blocked:
            raise ModuleNotFoundError(f"{name} is a development extra, not in the image")
sys.meta_path.insert(0, NotInTheImage())
import django
django.setup()
for package in ("advocacy", "cases", "letters", "transparency"):
    root = importlib.import_module(package)
    for module in pkgutil.walk_packages(root.__path__, package + "."):
        importlib.import_module(module.name)
import advocacy.wsgi
from django.core.management import call_command
call_command("check", fail_level="ERROR")
print("imported", len(sys.modules), "modules")
"""


def _names(requirements: list[str]) -> set[str]:
    import re

    return {
        re.split(r"[\[=<>!~ ;]", line, maxsplit=1)[0].lower().replace("_", "-")
        for line in requirements
    }


def test_the_app_runs_without_the_development_extras():
    """Every module of the apps imports and `check` passes with the
    development extras unavailable (as in the image), so the Dockerfile's
    dependency layer (`pip install .`) holds what production imports."""
    import importlib.metadata
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    dev_only = _names(project["optional-dependencies"]["dev"]) - _names(project["dependencies"])
    blocked = sorted(
        top
        for top, dists in importlib.metadata.packages_distributions().items()
        if all(dist.lower().replace("_", "-") in dev_only for dist in dists) and top.isidentifier()
    )
    assert {"pytest", "yaml", "pdfplumber", "playwright"} <= set(blocked), blocked
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_", "ADVOCACY_TESTING"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "advocacy.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "image-imports-check-" + "k" * 40,
        }
    )
    done = subprocess.run(
        [sys.executable, "-c", RUNS_WITHOUT_DEV_EXTRAS, ",".join(blocked)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "imported" in done.stdout


def test_a_preloaded_worker_serves_its_first_requests_without_loading_modules():
    """gunicorn --preload imports the WSGI module once, before the workers
    fork: it has already loaded every view module (the letters bring
    WeasyPrint), the holiday calendars and the message catalogues, so the
    first report after a deploy does not wait seconds for them, and it has
    opened no database connection (one opened before the fork would be
    shared by every worker)."""
    assert "--preload" in _compose()["services"]["web"]["command"]
    probe = (
        "import sys, advocacy.wsgi\n"
        "from django.db import connections\n"
        "print(sorted(m for m in ('letters.views', 'weasyprint', 'holidays.countries')"
        " if m in sys.modules))\n"
        "print([c.connection is not None for c in connections.all()])\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "advocacy.settings"}
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[-2] == "['holidays.countries', 'letters.views', 'weasyprint']"
    assert out[-1] == "[False]"
