"""Run a command against a throw-away PostgreSQL and Redis.

    python scripts/with_services.py -- pytest -x

Starts PostgreSQL (initdb into a temporary directory, fsync off, loopback
only, a free port) and Redis (no persistence, a free port) unless
DATABASE_URL / REDIS_URL are already set, exports the URLs to the command,
and stops both afterwards, whatever the command's outcome. Exits with the
command's exit code. Stdlib only, so it runs before anything is installed.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pg_bindir() -> str:
    found = shutil.which("pg_ctl")
    if found:
        return os.path.dirname(found)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not candidates:
        sys.exit("PostgreSQL server binaries (pg_ctl) not found; install postgresql.")
    return os.path.dirname(candidates[-1])


def wait_for_port(port: int, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    sys.exit(f"{what} did not start listening on port {port} within {timeout:.0f}s")


@contextlib.contextmanager
def postgres(workdir: str) -> Iterator[str]:
    bindir = pg_bindir()
    os.makedirs(workdir, exist_ok=True)
    datadir = os.path.join(workdir, "pgdata")
    os.makedirs(datadir)
    as_user: list[str] = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root.
        pw = pwd.getpwnam("postgres")
        os.chown(workdir, pw.pw_uid, pw.pw_gid)
        os.chown(datadir, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(
        [
            *as_user,
            f"{bindir}/initdb",
            "-D",
            datadir,
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = (
        f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={workdir} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    log = os.path.join(workdir, "postgres.log")
    subprocess.run(
        [*as_user, f"{bindir}/pg_ctl", "-D", datadir, "-o", options, "-l", log, "-w", "start"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, "PostgreSQL")
        yield f"postgres://postgres@127.0.0.1:{port}/advocacy"
    finally:
        subprocess.run(
            [*as_user, f"{bindir}/pg_ctl", "-D", datadir, "-m", "immediate", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )


@contextlib.contextmanager
def redis(workdir: str) -> Iterator[str]:
    server = shutil.which("redis-server")
    if not server:
        sys.exit("redis-server not found; install it (apt-get install redis-server).")
    port = free_port()
    proc = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
            "--maxmemory-policy",
            "noeviction",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, "Redis")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    # Turn SIGTERM into SystemExit so that the servers are stopped on the way out.
    raise SystemExit(128 + signum)


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        sys.exit("usage: with_services.py -- COMMAND [ARGS...]")
    env = dict(os.environ)
    with contextlib.ExitStack() as stack:
        workdir = stack.enter_context(tempfile.TemporaryDirectory(prefix="advocacy-services-"))
        os.chmod(workdir, 0o755)
        if not env.get("DATABASE_URL"):
            env["DATABASE_URL"] = stack.enter_context(postgres(os.path.join(workdir, "pg")))
        if not env.get("REDIS_URL"):
            redis_dir = os.path.join(workdir, "redis")
            os.makedirs(redis_dir)
            env["REDIS_URL"] = stack.enter_context(redis(redis_dir))
        env.setdefault("CELERY_BROKER_URL", env["REDIS_URL"])
        print(
            f"with_services: DATABASE_URL={env['DATABASE_URL']} REDIS_URL={env['REDIS_URL']}",
            flush=True,
        )
        return subprocess.call(argv, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
