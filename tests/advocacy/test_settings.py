"""Strict settings: a malformed environment value stops start-up with a message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from advocacy.env import Env

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_rejects_a_typo():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG='ja bitte' is not a boolean"):
        Env({"DJANGO_DEBUG": "ja bitte"}).bool("DJANGO_DEBUG", False)


def test_env_int_rejects_text_and_too_small_numbers():
    with pytest.raises(
        ImproperlyConfigured, match="AXES_FAILURE_LIMIT='fünf' is not a whole number"
    ):
        Env({"AXES_FAILURE_LIMIT": "fünf"}).int("AXES_FAILURE_LIMIT", 5)
    with pytest.raises(ImproperlyConfigured, match="must be at least 1"):
        Env({"AXES_FAILURE_LIMIT": "0"}).int("AXES_FAILURE_LIMIT", 5, minimum=1)


def test_env_list_rejects_empty_items_and_url_rejects_unknown_scheme():
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        Env({"DJANGO_ALLOWED_HOSTS": "a.example,,b.example"}).list("DJANGO_ALLOWED_HOSTS", [])
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL='mysql://x' must be a URL"):
        Env({"DATABASE_URL": "mysql://x"}).url("DATABASE_URL", "sqlite://", ("sqlite", "postgres"))


def test_env_reads_defaults_and_values():
    env = Env({"A": " yes ", "B": "42", "C": "x, y"})
    assert env.bool("A", False) is True
    assert env.int("B", 0) == 42
    assert env.list("C", []) == ["x", "y"]
    assert env.str("MISSING", "fallback") == "fallback"


def _start(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "EMAIL_"))
    }
    env.update({"DJANGO_SETTINGS_MODULE": "advocacy.settings", **extra_env})
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_up_fails_with_a_message_on_a_malformed_value():
    result = _start({"DJANGO_DEBUG": "1", "EMAIL_URL": "pigeon://loft"})
    assert result.returncode != 0
    assert "EMAIL_URL='pigeon://loft'" in result.stderr


def test_production_start_up_requires_a_secret_key():
    result = _start({"DJANGO_DEBUG": "0"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_start_up_with_embedded_defaults_works():
    result = _start({"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_german_is_default_with_english_available(settings):
    assert settings.LANGUAGE_CODE == "de"
    assert dict(settings.LANGUAGES).keys() == {"de", "en"}
    assert settings.TIME_ZONE == "Europe/Berlin"
    assert settings.USE_TZ is True


def test_every_environment_variable_is_in_the_readme_table():
    """A knob the code reads is declared once in settings.py and listed in the
    README, so an operator can find it."""
    import re

    settings_text = (ROOT / "advocacy" / "settings.py").read_text()
    read = set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"', settings_text))
    readme = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)`", (ROOT / "README.md").read_text(), re.M))
    assert len(read) > 20
    assert read - readme == set()


def test_no_setting_is_read_with_a_hidden_default():
    """``getattr(settings, "X", default)`` would keep a second default apart
    from settings.py; every setting is declared there instead."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in ("advocacy", "cases", "letters")
        for path in (ROOT / package).rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "getattr(settings," in line.replace(" ", "")
    ]
    assert offenders == []


def test_every_beat_entry_names_a_registered_task():
    """A renamed task would leave its schedule entry firing into the void."""
    from django.conf import settings

    from advocacy.celery import app

    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert len(schedule) >= 5
    missing = {name: e["task"] for name, e in schedule.items() if e["task"] not in app.tasks}
    assert missing == {}
