"""Benchmark: the weekly digest for 1,000 caseworkers and 100,000 deadlines.

    python scripts/with_services.py -- python bench/digest.py [--users 1000] [--deadlines 100000]

Needs an empty, throw-away PostgreSQL (``with_services`` starts one). It
migrates, bulk-creates the caseworkers, cases and deadlines, then runs the
digest twice: with a tenth of the deadlines and with all of them. It prints
the number of queries of both runs (they must be equal: the digest fetches
the deadlines in a fixed number of queries and groups them in Python), the
time per user, and the ratio against a baseline measured in the same run:
rendering and sending one trivial e-mail per user.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault(
    "DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
)
os.environ.setdefault("EMAIL_URL", "locmem://")
os.environ.setdefault("SITE_URL", "https://fallakte.example.org")


def ensure_database() -> None:
    """``with_services`` starts an empty cluster: create the database first."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "Run it against PostgreSQL: python scripts/with_services.py -- python bench/digest.py"
        )
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            conn.execute(f'create database "{name}"')


ensure_database()

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.mail import EmailMultiAlternatives  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases.deadlines.digest import send_weekly_digests  # noqa: E402
from cases.deadlines.models import Deadline, DigestLog  # noqa: E402
from cases.models import Case, Jobcenter, Person, Team  # noqa: E402

User = get_user_model()
TEAM_SIZE = 20
CASES_PER_USER = 10
BATCH = 5000


def create_people(users: int) -> tuple[list, list[Case]]:
    group, _ = Group.objects.get_or_create(name="caseworker")
    teams = Team.objects.bulk_create(
        [Team(name=f"Bench-Team {n}") for n in range(users // TEAM_SIZE + 1)]
    )
    people = User.objects.bulk_create(
        [
            User(username=f"bench{n}", email=f"bench{n}@example.org", password="!")
            for n in range(users)
        ],
        batch_size=BATCH,
    )
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=group.pk) for u in people], batch_size=BATCH
    )
    Team.members.through.objects.bulk_create(
        [
            Team.members.through(team_id=teams[i // TEAM_SIZE].pk, user_id=u.pk)
            for i, u in enumerate(people)
        ],
        batch_size=BATCH,
    )
    jobcenters = Jobcenter.objects.bulk_create(
        [
            Jobcenter(name=f"Jobcenter Bench {n}", kind="gE", city=f"Stadt {n}", state="BE")
            for n in range(20)
        ]
    )
    count = users * CASES_PER_USER
    persons = Person.objects.bulk_create(
        [Person(name=f"Person {n}") for n in range(count)], batch_size=BATCH
    )
    cases = Case.objects.bulk_create(
        [
            Case(
                reference=f"B-{n:07d}",
                person=persons[n],
                jobcenter=jobcenters[n % len(jobcenters)],
                team=teams[(n // CASES_PER_USER) // TEAM_SIZE],
                status="open",
            )
            for n in range(count)
        ],
        batch_size=BATCH,
    )
    Case.assignees.through.objects.bulk_create(
        [
            Case.assignees.through(case_id=c.pk, user_id=people[n // CASES_PER_USER].pk)
            for n, c in enumerate(cases)
        ],
        batch_size=BATCH,
    )
    return people, cases


def create_deadlines(cases: list[Case], count: int, start: int, today) -> None:
    rng = random.Random(start)
    explanation = [
        "Bekanntgabe am 4. Tag nach Aufgabe zur Post (§ 37 Abs. 2 Satz 1 SGB X): Fr 07.03.2025",
        "Fristende: Tag des späteren Monats mit derselben Zahl wie der Ereignistag "
        "(§ 64 Abs. 2 SGG): Mo 07.04.2025",
    ]
    batch: list[Deadline] = []
    for n in range(start, start + count):
        due_on = today + timedelta(days=rng.randint(-30, 335))
        # Each caseworker's first case gets one unconfirmed deadline, so that
        # everybody gets a digest in both runs and the counts compare.
        confirmed = rng.random() < 0.8 and not (n < len(cases) and n % CASES_PER_USER == 0)
        batch.append(
            Deadline(
                case=cases[n % len(cases)],
                rule="objection",
                title=f"Widerspruchsfrist (§ 84 SGG) #{n}",
                trigger_on=due_on - timedelta(days=31),
                computed_due_on=due_on,
                due_on=due_on,
                explanation=explanation,
                status="missed" if due_on < today else "open",
                confirmed_at=timezone.now() if confirmed else None,
            )
        )
        if len(batch) == BATCH:
            Deadline.objects.bulk_create(batch)
            batch = []
    Deadline.objects.bulk_create(batch)


def baseline(users: list) -> float:
    """Render and send one trivial e-mail per user."""
    template = Template("Hallo {{ name }}, {{ n }} Fristen.")
    mail.outbox = []
    started = time.perf_counter()
    for n, user in enumerate(users):
        body = template.render(Context({"name": user.username, "n": n}))
        message = EmailMultiAlternatives("Test", body, None, [user.email])
        message.attach_alternative(f"<p>{body}</p>", "text/html")
        message.send()
    return time.perf_counter() - started


class QueryCounter:
    """Counts every query (``connection.queries`` keeps only the last 9000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def run_digest(monday) -> tuple[int, float, int]:
    DigestLog.objects.all().delete()
    mail.outbox = []
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        counts = send_weekly_digests(monday)
        elapsed = time.perf_counter() - started
    return counter.count, elapsed, counts["sent"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--deadlines", type=int, default=100_000)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    monday = today + timedelta(days=(7 - today.weekday()) % 7)
    started = time.perf_counter()
    people, cases = create_people(args.users)
    small = args.deadlines // 10
    create_deadlines(cases, small, 0, monday)
    print(
        f"setup: {args.users} caseworkers, {len(cases)} cases, {small} deadlines "
        f"in {time.perf_counter() - started:.1f}s"
    )

    base = baseline(people)
    q_small, t_small, sent_small = run_digest(monday)
    create_deadlines(cases, args.deadlines - small, small, monday)
    q_big, t_big, sent_big = run_digest(monday)

    users = len(people)
    print(f"baseline (one trivial e-mail per user): {base:.2f}s, {base / users * 1000:.2f} ms/user")
    for label, deadlines, queries, elapsed, sent in (
        ("small", small, q_small, t_small, sent_small),
        ("full", args.deadlines, q_big, t_big, sent_big),
    ):
        print(
            f"digest {label:5} {deadlines:>7} deadlines: {queries} queries, {sent} mails, "
            f"{elapsed:.2f}s, {elapsed / users * 1000:.2f} ms/user, "
            f"{elapsed / base:.1f}x baseline"
        )
    print(f"queries full/small: {q_big / q_small:.2f} (1.00 = does not grow with deadlines)")
    print(f"time full/small: {t_big / t_small:.2f} for {args.deadlines / small:.0f}x the deadlines")
    if q_big != q_small:
        sys.exit("FAIL: the number of queries grew with the number of deadlines")


if __name__ == "__main__":
    main()
