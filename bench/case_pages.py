"""Case list, search, case page and the Fristen page with 100,000 cases (300,000 incidents,
200,000 deadlines, 133,000 timeline events) in PostgreSQL: queries, p50/p95
server time, and the ratio to a trivial Django view (/healthz) measured in
the same run; as a coordinator (every case), as a caseworker of one of
ten teams (``caseworker:``) and as one of the same team with 2,550 cases
assigned to them (``assigned:``).

    python scripts/with_services.py -- python bench/case_pages.py [--cases 100000] [--repeat 30] [--explain] [--skip PATTERN]

The data is generated once with INSERT … SELECT (bench/case_data.py) and
reused while the database lives; a larger --cases adds to it. --explain
prints the plan (EXPLAIN ANALYZE) of the slowest query of each page, and of
what the list did before: COUNT(*) for the paginator and the ILIKE search.
--skip leaves out pages by name (a regular expression), for a run of old
code whose slow pages would take minutes.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import count_queries, print_header, print_timings, setup_django, timed_rounds


def coordinator_client():
    """A coordinator: sees every case."""
    return staff_client("bench-coordinator", "coordinator")


def caseworker_client():
    """A caseworker of one team (a tenth of the cases): sees its cases and
    those assigned to them (``CaseQuerySet.visible_to``)."""
    from cases.models import Team

    return staff_client("bench-caseworker", "caseworker", Team.objects.order_by("pk").first())


def assigned_caseworker_client():
    """A caseworker of the same team with cases assigned to them, as one who
    has worked there for a while: every fourth of the team's cases (2,500 at
    100,000) and 50 of other teams (``seen_by`` reads their numbers)."""
    from cases.models import Case, Team

    team = Team.objects.order_by("pk").first()
    client = staff_client("bench-caseworker-assigned", "caseworker", team)
    user = client.session_user  # type: ignore[attr-defined]
    if not Case.assignees.through.objects.filter(user=user).exists():
        own = Case.objects.filter(team=team).order_by("pk").values_list("pk", flat=True)
        other = Case.objects.exclude(team=team).order_by("pk").values_list("pk", flat=True)[:50]
        Case.assignees.through.objects.bulk_create(
            Case.assignees.through(case_id=pk, user=user) for pk in [*list(own)[::4], *other]
        )
        # As autovacuum would soon: planned on the statistics of an empty
        # table, the Fristen page's "meine" took twice as long.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Case.assignees.through._meta.db_table}")
    return client


def staff_client(username: str, group: str, team=None):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import is_mfa_enabled
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    user, _created = get_user_model().objects.get_or_create(username=username)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    if team is not None:
        team.members.add(user)
    if not is_mfa_enabled(user):
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    client.session_user = user  # type: ignore[attr-defined]
    return client


def slowest_select(action) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        action()
    selects = [q for q in queries.captured_queries if re.match(r"\s*(SELECT|DECLARE)", q["sql"])]
    slowest = max(selects, key=lambda q: float(q["time"]))
    return re.sub(r"^\s*DECLARE .*? CURSOR FOR ", "", slowest["sql"], flags=re.S)


def explain(title: str, sql: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING ON) " + sql)
        plan = "\n".join("    " + row[0] for row in cursor.fetchall())
    print(f"\n--- {title}\n    {sql[:300]}{'…' if len(sql) > 300 else ''}\n{plan}")


def explain_before(user) -> None:
    """What the case list did before (same data): count every row for the
    paginator, and search with ILIKE over joined tables."""
    from django.db.models import Q

    from cases.selectors import cases_for_list

    listing = cases_for_list(user).order_by("-created_at", "-pk")
    explain(
        "before: paginator count",
        str(listing.values("pk").query).replace("SELECT", "SELECT COUNT(*) FROM (SELECT", 1)
        + ") AS counted",
    )
    value = "aydin"
    old = listing.filter(
        Q(reference__icontains=value)
        | Q(person__name__icontains=value)
        | Q(jobcenter__name__icontains=value)
        | Q(jobcenter__city__icontains=value)
    )
    explain("before: search ?q=aydin (ILIKE), first page", _sql(old[:25]))


def _sql(queryset) -> str:
    from django.db import connection

    sql, params = queryset.query.sql_with_params()
    # With parameters bound by the server the cursor cannot write them in.
    return connection.ops.compose_sql(sql, params)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--scale", type=float, help="old spelling: 1.0 = 100,000 cases")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--skip", help="leave out the pages whose name matches this pattern")
    args = parser.parse_args()
    n_cases = int(args.scale * 100_000) if args.scale else args.cases

    setup_django()
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from bench.case_data import check_search_rows, generate
    from cases.models import Case

    generate(n_cases)
    check_search_rows()
    coordinator, caseworker = coordinator_client(), caseworker_client()
    assigned = assigned_caseworker_client()

    def get(url: str):
        """A page of ``url``; "cw:" before it: as the caseworker, "cwa:" as
        the caseworker with assigned cases."""
        client = {"cw": caseworker, "cwa": assigned}.get(url.partition(":")[0], coordinator)
        url = re.sub(r"^cwa?:", "", url)

        def action():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return action

    case = Case.objects.order_by("?").first()
    assert case is not None
    own = Case.objects.filter(team__members__username="bench-caseworker").order_by("?")[0].reference
    cases = reverse("cases:case_list")
    deadlines = reverse("deadlines:list")
    pages: list[tuple[str, str]] = [
        ("dashboard", reverse("cases:dashboard")),
        ("case list", cases),
        ("case list, page 50", cases + "?page=50"),
        ("case list, one Jobcenter", cases + "?jobcenter=Bench+399"),
        ("search, reference", cases + f"?q={case.reference}"),
        ("search, name", cases + "?q=Fatma+Aydin"),
        ("search, 8 % of cases", cases + "?q=Ausl%C3%A4nderbeh%C3%B6rde"),
        ("search, 45 % of cases", cases + "?q=nachbarn"),
        ("case page", reverse("cases:case_detail", kwargs={"reference": case.reference})),
        # A caseworker sees the cases of their team, a tenth of all. The word
        # in 8 % of all cases is in none of them (the generated data: its
        # title and this team never meet), so that search finds nothing.
        ("caseworker: case list", "cw:" + cases),
        ("caseworker: page 50", "cw:" + cases + "?page=50"),
        ("caseworker: search, name", "cw:" + cases + "?q=Fatma+Aydin"),
        ("caseworker: 8 % word (none)", "cw:" + cases + "?q=Ausl%C3%A4nderbeh%C3%B6rde"),
        ("caseworker: search, 45 %", "cw:" + cases + "?q=nachbarn"),
        ("caseworker: case page", "cw:" + reverse("cases:case_detail", kwargs={"reference": own})),
        # A caseworker with 2,550 cases assigned: their numbers are in each query.
        ("assigned: case list", "cwa:" + cases),
        ("assigned: search, 45 %", "cwa:" + cases + "?q=nachbarn"),
        ("assigned: deadlines, mine", "cwa:" + deadlines),
        # The Fristen page: a coordinator's default is every team's deadlines,
        # a caseworker's those of their cases; overdue ones first.
        ("deadlines", deadlines),
        ("deadlines, page 20", deadlines + "?page=20"),
        ("deadlines, one Jobcenter", deadlines + "?jobcenter=Bench+399"),
        ("caseworker: deadlines, team", "cw:" + deadlines + "?scope=team"),
        # A caseworker's default: the deadlines of the cases assigned to them (none).
        ("caseworker: deadlines, mine", "cw:" + deadlines),
    ]
    if args.skip:
        pages = [(name, url) for name, url in pages if not re.search(args.skip, name)]

    print_header(f"Case pages with {Case.objects.count():,} cases")
    # The baseline in every round, between the pages: all see the same load.
    measured = [("/healthz (baseline)", "/healthz"), *pages]
    timings = timed_rounds([(name, get(url)) for name, url in measured], repeat=args.repeat)
    rows = [
        (timing, count_queries(get(url)))
        for timing, (_name, url) in zip(timings, measured, strict=True)
    ]
    print_timings(rows, timings[0])
    if args.explain:
        for name, url in pages:
            explain(name, slowest_select(get(url)))
        explain_before(get_user_model().objects.get(username="bench-coordinator"))


if __name__ == "__main__":
    main()
