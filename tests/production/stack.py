"""The app started the production way, for tests: built and run with the
commands of the Dockerfile and docker-compose.yml (read from those files, so
the test and the recipe cannot drift), DJANGO_DEBUG=0, against a database of
its own on the throw-away PostgreSQL and the throw-away Redis."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def dockerfile() -> dict[str, list[str]]:
    """RUN lines (as text) and CMD (as argv) of the Dockerfile."""
    text = (ROOT / "Dockerfile").read_text()
    joined = re.sub(r"\\\n\s*", " ", text)
    runs = [line[4:].strip() for line in joined.splitlines() if line.startswith("RUN ")]
    cmd = next(line for line in joined.splitlines() if line.startswith("CMD "))
    return {"run": runs, "cmd": json.loads(cmd[4:])}


def compose_command(service: str) -> list[str]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return list(compose["services"][service]["command"])


def local(argv: list[str], **replace: str) -> list[str]:
    """A recipe's argv with this virtualenv's programs and local paths."""
    programs = {"python": sys.executable, "gunicorn": str(BIN / "gunicorn")}
    programs["celery"] = str(BIN / "celery")
    out = [programs.get(argv[0], argv[0])]
    for arg in argv[1:]:
        for old, new in replace.items():
            arg = arg.replace(old, new)
        out.append(arg)
    return out


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server of ``server_url``; dropped after."""
    parts = urllib.parse.urlsplit(server_url)
    name = f"advocacy_prod_{uuid.uuid4().hex[:8]}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(*, database_url: str, redis_base: str, workdir: Path, port: int) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "ADVOCACY_", "PYTEST", "CELERY_", "EMAIL_"))
    }
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "production-build-test-" + "k" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"https://127.0.0.1:{port}",
            "DATABASE_URL": database_url,
            "REDIS_URL": f"{redis_base}/5",
            "CELERY_BROKER_URL": f"{redis_base}/6",
            "EMAIL_URL": f"file://{workdir / 'mail'}",
            "INTAKE_NOTIFY_EMAILS": "eingang@example.org",
            "ADVOCACY_VAR_DIR": str(workdir / "var"),
            "ADVOCACY_MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_STATIC_ROOT": str(workdir / "staticfiles"),
            "BEAT_HEARTBEAT_SECONDS": "2",
            "OUTBOX_RELAY_SECONDS": "2",
            "PYTHON": sys.executable,
            "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def run(argv: list[str], env: dict, *, timeout: float = 300) -> str:
    done = subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise AssertionError(
            f"{shlex.join(argv)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    return done.stdout


class Processes:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.started: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, argv: list[str], env: dict) -> subprocess.Popen[bytes]:
        log = (self.workdir / f"{name}.log").open("ab")
        process = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started.append((name, process))
        return process

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def assert_alive(self) -> None:
        for name, process in self.started:
            assert process.poll() is None, f"{name} exited:\n{self.log(name)[-3000:]}"

    def stop(self) -> None:
        for _name, process in reversed(self.started):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for _name, process in self.started:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)


class Browser:
    """Just enough of a browser: cookies (Secure ones too, the proxy in
    front terminates TLS), the proxy's X-Forwarded-Proto, Origin on POST."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None):
        conn = HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        conn.close()
        return response.status, response.headers, content

    def go(self, method: str, path: str, data: dict | None = None, hops: int = 10):
        """Follow redirects; return (final path, status, headers, body)."""
        status, headers, content = self.request(method, path, data)
        while status in (301, 302, 303) and hops:
            location = urllib.parse.urlsplit(headers["Location"])
            path = location.path + (f"?{location.query}" if location.query else "")
            status, headers, content = self.request("GET", path)
            hops -= 1
        return path, status, headers, content


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if result := condition():
                return result
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
