"""Case list and case detail with 100,000 cases, 300,000 incidents and
200,000 deadlines in PostgreSQL: queries, p50/p95 server time, and the ratio
to a trivial Django view (/healthz) measured in the same run.

    python scripts/with_services.py -- python bench/case_pages.py [--scale 0.1] [--repeat 50]

The data is generated once (bulk_create) and reused while the database lives.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import count_queries, print_header, print_timings, setup_django, timed

BATCH = 5000


def generate(scale: float) -> None:
    from django.db import transaction

    from cases.deadlines.models import Deadline
    from cases.models import Case, Incident, Jobcenter, Person, Team

    n_cases = int(100_000 * scale)
    if Case.objects.count() >= n_cases:
        print(f"data present: {Case.objects.count():,} cases")
        return
    started = time.monotonic()
    rng = random.Random(42)
    states = ["BE", "BY", "NW", "SN", "HH", "NI", "TH", "HE"]
    with transaction.atomic():
        teams = [Team.objects.get_or_create(name=f"Bench-Team {i}")[0] for i in range(10)]
        Jobcenter.objects.bulk_create(
            [
                Jobcenter(
                    name=f"Jobcenter Bench {i}",
                    kind=Jobcenter.Kind.GE if i % 4 else Jobcenter.Kind.ZKT,
                    city=f"Stadt {i}",
                    state=states[i % len(states)],
                )
                for i in range(400)
            ],
            ignore_conflicts=True,
        )
        jobcenters = list(Jobcenter.objects.filter(name__startswith="Jobcenter Bench"))
        start = Case.objects.count()
        for offset in range(start, n_cases, BATCH):
            size = min(BATCH, n_cases - offset)
            people = Person.objects.bulk_create(
                [Person(name=f"Person {offset + i}", city="Berlin") for i in range(size)]
            )
            cases = Case.objects.bulk_create(
                [
                    Case(
                        reference=f"{2000 + (offset + i) // 9999}-{(offset + i) % 9999 + 1:04d}",
                        title=f"Bench-Fall {offset + i}",
                        person=person,
                        jobcenter=rng.choice(jobcenters),
                        team=teams[(offset + i) % len(teams)],
                        status=rng.choice(list(Case.Status.values)),
                    )
                    for i, person in enumerate(people)
                ]
            )
            Incident.objects.bulk_create(
                [
                    Incident(
                        case=case,
                        kind=rng.choice(list(Incident.Kind.values)),
                        platform=rng.choice(list(Incident.Platform.values)),
                        occurred_on=dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(600)),
                        description="Recherche im Profil.",
                    )
                    for case in cases
                    for _ in range(3)
                ]
            )
            Deadline.objects.bulk_create(
                [
                    Deadline(
                        case=case,
                        rule="objection",
                        title="Widerspruchsfrist",
                        trigger_on=dt.date(2025, 3, 7),
                        computed_due_on=(due := dt.date(2025, 4, 7) + dt.timedelta(days=k)),
                        due_on=due,
                        explanation=[{"text": "Bekanntgabe (§ 37 Abs. 2 SGB X)"}],
                    )
                    for case in cases
                    for k in range(2)
                ]
            )
            print(f"  {offset + size:,} cases", end="\r", flush=True)
    print(f"\ngenerated {n_cases:,} cases in {time.monotonic() - started:.0f}s")


def coordinator_client():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import is_mfa_enabled
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    user, _created = get_user_model().objects.get_or_create(username="bench-coordinator")
    user.groups.add(Group.objects.get_or_create(name="coordinator")[0])
    if not is_mfa_enabled(user):
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 cases")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    setup_django()
    from django.urls import NoReverseMatch, reverse

    from cases.models import Case

    generate(args.scale)
    client = coordinator_client()

    def get(url: str):
        def action():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return action

    pages: list[tuple[str, str]] = [("dashboard", reverse("cases:dashboard"))]
    case = Case.objects.order_by("?").first()
    try:
        pages.append(("case list", reverse("cases:case_list")))
        pages.append(("case list, page 50", reverse("cases:case_list") + "?page=50"))
        pages.append(("case list, search", reverse("cases:case_list") + "?q=Person+4711"))
        pages.append(
            ("case detail", reverse("cases:case_detail", kwargs={"reference": case.reference}))
        )
    except NoReverseMatch:
        print("cases:case_list / cases:case_detail not merged yet: measuring the dashboard only")

    print_header(f"Case pages with {Case.objects.count():,} cases")
    baseline = timed("/healthz (baseline)", get("/healthz"), repeat=args.repeat * 4)
    rows = [(baseline, count_queries(get("/healthz")))]
    for name, url in pages:
        rows.append((timed(name, get(url), repeat=args.repeat), count_queries(get(url))))
    print_timings(rows, baseline)


if __name__ == "__main__":
    main()
