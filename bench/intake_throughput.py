"""Public intake throughput with gunicorn + PostgreSQL, and 0 lost.

    python scripts/with_services.py -- python bench/intake_throughput.py \\
        [--submissions 200] [--concurrency 8] [--fill-seconds 3.5] [--env NAME=VALUE ...]

Starts gunicorn on a free loopback port against DATABASE_URL, measures GET
/healthz requests/s as the baseline, then lets N simulated people open the
form (cookies, CSRF token, hidden fields) and submit it with two screenshots
concurrently. Afterwards it counts the stored submissions: every answer that
showed a receipt code must have a row (lost = shown − stored). Prints
submissions/s and its ratio to the baseline, and to the ceiling that
hashing the receipt codes allows on this machine: CPU cores ÷ the time of
one Argon2id hash with the application's parameters (median of 30, in this
process, half before and half after the submissions; issue target ≥ 0.8). Loopback only; bounded in
count and time. The server runs with ``bench/intake_settings.py`` (the
production settings with the intake rate limits raised: all requests come
from 127.0.0.1); ``--env`` passes further environment variables to it.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BENCH_ENV, ROOT, print_header, setup_django

RECEIPT_CODE = re.compile(r"\b\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}\b")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def png(seed: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (seed % 256, 40, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def multipart(fields: dict[str, str], files: dict[str, list[tuple[str, bytes]]]) -> tuple:
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        )
        body.write(value.encode() + b"\r\n")
    for name, items in files.items():
        for filename, data in items:
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: image/png\r\n\r\n'.encode()
            )
            body.write(data + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


class Visitor:
    """One person with a browser's cookie jar."""

    def __init__(self, base: str, form_path: str) -> None:
        self.base = base
        self.url = base + form_path
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.fields: dict[str, str] = {}
        self.file_fields: list[str] = []

    def open_form(self) -> None:
        from tests.harness.faults import plausible_submission

        with self.opener.open(self.url, timeout=30) as response:
            html = response.read().decode()
        self.fields, self.file_fields = plausible_submission(html)

    def submit(self, seed: int) -> bool:
        files = {
            name: [("eins.png", png(seed)), ("zwei.png", png(seed + 1))]
            for name in self.file_fields
        }
        body, content_type = multipart(self.fields, files)
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": content_type, "Referer": self.url}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return bool(RECEIPT_CODE.search(response.read().decode()))
        except urllib.error.HTTPError as error:
            print(f"  submission answered {error.code}")
            return False


def gunicorn_argv(port: int, workers: int | None) -> list[str]:
    """The Dockerfile's gunicorn command (workers, --preload, timeout) on a
    loopback port; ``workers`` overrides its number of workers."""
    from tests.production.stack import dockerfile

    argv = [sys.executable, "-m", *dockerfile()["cmd"]]
    argv[argv.index("--bind") + 1] = f"127.0.0.1:{port}"
    if workers is not None:
        argv[argv.index("--workers") + 1] = str(workers)
    return [*argv, "--log-level", "warning"]


def start_gunicorn(argv: list[str], overrides: dict[str, str]) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(BENCH_ENV)
    # The rate limits raised (all requests come from 127.0.0.1), nothing else changed.
    env["DJANGO_SETTINGS_MODULE"] = "bench.intake_settings"
    env.update(overrides)
    env.setdefault("PYTHONWARNINGS", "ignore:No directory at")
    port = argv[argv.index("--bind") + 1].rsplit(":", 1)[1]
    process = subprocess.Popen(argv, cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit("gunicorn did not come up within 30s")


def _process_tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by ``root`` and its children
    (read from /proc; 0 where there is no /proc)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if root in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def server_cpu() -> dict[str, float]:
    """CPU seconds used so far by what serves a submission on this machine:
    gunicorn (master and workers), PostgreSQL (postmaster and its backends),
    Redis. Differences of two readings are not moved by other work on a
    shared machine, unlike requests per second."""
    import redis
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        (data_directory,) = cursor.fetchone()
    try:
        postmaster = int((Path(data_directory) / "postmaster.pid").read_text().split()[0])
    except OSError:  # a server elsewhere: not counted
        postmaster = -1
    info = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost")).info("cpu")
    return {
        "postgresql": _process_tree_cpu(postmaster),
        "redis": float(info["used_cpu_user"]) + float(info["used_cpu_sys"]),
    }


def hash_seconds(rounds: int = 15) -> list[float]:
    """Seconds of ``rounds`` receipt-code hashes, one after the other."""
    from cases.intake.codes import code_hash, code_new

    seconds = []
    for _ in range(rounds):
        code = code_new()
        started = time.perf_counter()
        cpu = time.process_time()
        code_hash(code)
        seconds.append(time.perf_counter() - started)
        HASH_CPU_SECONDS.append(time.process_time() - cpu)
    return seconds


# CPU time of each hash timed above (for the CPU ratio: not moved by other work).
HASH_CPU_SECONDS: list[float] = []


def hash_ceiling(seconds: list[float]) -> tuple[float, float]:
    """Seconds of one receipt-code hash (median) and the submissions/s that the
    machine's cores could hash at most."""
    import statistics

    one = statistics.median(seconds)
    return one, (os.cpu_count() or 1) / one


def print_ceiling(before: list[float], after: list[float]) -> None:
    one_hash, ceiling = hash_ceiling(before + after)
    print(
        f"Argon2id hash of a code: {one_hash * 1000:8.1f} ms  → ceiling "
        f"{os.cpu_count()} cores ÷ hash = {ceiling:.1f} submissions/s  (median of "
        f"{len(before)} before: {hash_ceiling(before)[0] * 1000:.1f} ms, "
        f"{len(after)} after: {hash_ceiling(after)[0] * 1000:.1f} ms)"
    )


def requests_per_second(count: int, concurrency: int, action, time_limit: float) -> tuple:
    started = time.perf_counter()
    stop_at = started + time_limit
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(
            pool.map(lambda i: action(i) if time.perf_counter() < stop_at else None, range(count))
        )
    elapsed = time.perf_counter() - started
    done = [r for r in results if r is not None]
    return len(done) / elapsed, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (default: the Dockerfile's)"
    )
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per phase")
    parser.add_argument(
        "--fill-seconds",
        type=float,
        default=3.5,
        help="wait between opening and sending the form (the time trap wants 3 s)",
    )
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="serve bench/hash_only_app.py instead: only hashing, the highest reachable ratio",
    )
    args = parser.parse_args()
    if args.floor:
        floor(args)
        return

    setup_django()
    from django.urls import NoReverseMatch, reverse

    try:
        form_path = reverse("intake:form")
    except NoReverseMatch:
        print("intake:form is not merged yet: nothing to measure.")
        return
    from tests.harness.faults import model_named

    submission = model_named("intake", "submission")
    if submission is None:
        print("the intake app has no submission model yet: nothing to measure.")
        return

    overrides = dict(item.split("=", 1) for item in args.env)
    port = free_port()
    argv = gunicorn_argv(port, args.workers)
    server = start_gunicorn(argv, overrides)
    base = f"http://127.0.0.1:{port}"
    try:
        print_header("Public intake throughput: " + " ".join(argv[1:]))

        def healthz(_index):
            with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
                return response.status

        baseline, _ = requests_per_second(
            args.submissions * 5, args.concurrency, healthz, args.time_limit
        )
        # Half of the hashes timed before the submissions, half after: on a
        # shared machine the load (and so one hash's time) moves within a minute.
        hashes = hash_seconds()

        before = submission.objects.count()
        visitors = [Visitor(base, form_path) for _ in range(args.submissions)]
        with ThreadPoolExecutor(args.concurrency) as pool:
            list(pool.map(lambda v: v.open_form(), visitors))
        time.sleep(args.fill_seconds)
        cpu_before = {"gunicorn": _process_tree_cpu(server.pid), **server_cpu()}
        rate, results = requests_per_second(
            len(visitors),
            args.concurrency,
            lambda i: visitors[i].submit(i),
            args.time_limit,
        )
        shown = sum(1 for ok in results if ok)
        stored = submission.objects.count() - before
        cpu_after = {"gunicorn": _process_tree_cpu(server.pid), **server_cpu()}
        hashes_after = hash_seconds()
        _one_hash, ceiling = hash_ceiling(hashes + hashes_after)
    finally:
        server.terminate()
        server.wait(15)

    print(f"GET /healthz (baseline):  {baseline:8.1f} requests/s")
    print(
        f"intake submissions:       {rate:8.1f} submissions/s  ({rate / baseline:.3f} × baseline)"
    )
    print_ceiling(hashes, hashes_after)
    print(f"intake / ceiling:         {rate / ceiling:8.2f}  (target ≥ 0.80)")
    print(f"submitted {len(results)}, receipt code shown {shown}, rows stored {stored}")
    print(f"lost: {max(shown - stored, 0)}  (receipt shown but not stored)")
    if results:
        # Opening the form was before cpu_before: only sending it (and the
        # receipt page after the redirect) is counted.
        per = {name: (cpu_after[name] - cpu_before[name]) / len(results) for name in cpu_after}
        total = sum(per.values())
        print(
            "CPU per submission:       "
            + ", ".join(f"{name} {seconds * 1000:.1f} ms" for name, seconds in per.items())
            + f" = {total * 1000:.1f} ms"
        )
        if total:
            import statistics

            hash_cpu = statistics.median(HASH_CPU_SECONDS)
            print(
                f"hash CPU / CPU per submission: {hash_cpu / total:.2f}  (hash CPU "
                f"{hash_cpu * 1000:.1f} ms: the ratio on a machine with nothing else "
                "running; the load generator's own CPU not counted)"
            )
    if shown < len(results):
        print(
            f"refused: {len(results) - shown} (rate limit, time trap? see --env / --fill-seconds)"
        )
    if shown != stored:
        sys.exit(1)


def floor(args) -> None:
    """The same gunicorn command and the same requests, served by
    ``bench/hash_only_app.py`` (no Django, no database: one receipt-code hash
    per request): how close to the ceiling this server and client get at best."""
    setup_django()
    port = free_port()
    argv = gunicorn_argv(port, args.workers)
    argv[argv.index("advocacy.wsgi:application")] = "bench.hash_only_app:application"
    server = start_gunicorn(argv, dict(item.split("=", 1) for item in args.env))
    url = f"http://127.0.0.1:{port}/"
    fields = {"description": "Das Jobcenter hat mein Facebook-Profil angesehen.", "consent": "on"}

    def submit(seed: int) -> bool:
        body, content_type = multipart(
            fields, {"evidence": [("eins.png", png(seed)), ("zwei.png", png(seed + 1))]}
        )
        request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
        with urllib.request.urlopen(request, timeout=30) as response:
            return bool(RECEIPT_CODE.search(response.read().decode()))

    try:
        print_header("Hashing only, the same server and client: " + " ".join(argv[1:]))
        hashes = hash_seconds()
        cpu_before = _process_tree_cpu(server.pid)
        rate, results = requests_per_second(
            args.submissions, args.concurrency, submit, args.time_limit
        )
        cpu_after = _process_tree_cpu(server.pid)
        hashes_after = hash_seconds()
        _one_hash, ceiling = hash_ceiling(hashes + hashes_after)
    finally:
        server.terminate()
        server.wait(15)
    print(f"hash-only submissions:    {rate:8.1f} submissions/s ({sum(results)} of {len(results)})")
    print_ceiling(hashes, hashes_after)
    print(f"hash-only / ceiling:      {rate / ceiling:8.2f}  (the most any intake reaches here)")
    if results:
        import statistics

        per = (cpu_after - cpu_before) / len(results)
        hash_cpu = statistics.median(HASH_CPU_SECONDS)
        print(
            f"CPU per submission:       gunicorn {per * 1000:.1f} ms; hash CPU / that: "
            f"{hash_cpu / per:.2f}"
        )


if __name__ == "__main__":
    main()
