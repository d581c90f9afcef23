"""Benchmark: render every letter kind and compare with raw WeasyPrint.

    python scripts/with_services.py -- python bench/letters.py

For each kind it times the full path the app takes for a PDF preview or a
finalisation (context from the database, body and layout templates,
WeasyPrint with the static-only fetcher) against WeasyPrint alone on the
very same HTML (same fetcher, so that both load the same CSS and fonts),
interleaved in the same run, and reports the median ratio (target ≤ 1.2×)
and the peak memory of one render (tracemalloc) plus the process's maximum
resident set size. Not part of the test suite.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "advocacy.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("ADVOCACY_TESTING", "1")


def ensure_database() -> None:
    """The throw-away server of with_services.py starts without the
    database named in DATABASE_URL: create it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


ensure_database()

import django  # noqa: E402

django.setup()

import pikepdf  # noqa: E402
import weasyprint  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from cases.models import (  # noqa: E402
    Authority,
    Case,
    Decision,
    Incident,
    Jobcenter,
    OrganisationProfile,
    Person,
    Team,
)
from letters.fetcher import BASE_URL, StaticOnlyURLFetcher  # noqa: E402
from letters.kinds import DecisionMissing  # noqa: E402
from letters.models import Letter  # noqa: E402
from letters.rendering import letter_html, letter_pdf  # noqa: E402
from letters.routing import RecipientMissing  # noqa: E402
from letters.services import letter_document_for, letter_draft_create  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))


def setup_case() -> Case:
    jobcenter = Jobcenter.objects.create(
        name="Jobcenter Landkreis Bench",
        kind=Jobcenter.Kind.ZKT,
        street="Hauptstraße 1",
        postcode="83714",
        city="Miesbach",
        state="BY",
        # A zugelassener kommunaler Träger: before a court, the Kreis.
        court_party="Landkreis Miesbach",
        supervisor_name="Landrat des Landkreises Miesbach",
        supervisor_address="Rosenheimer Straße 1\n83714 Miesbach",
        dpo_name="Datenschutzbeauftragte des Jobcenters",
        dpo_address="Hauptstraße 1\n83714 Miesbach",
    )
    authorities: dict[str, Authority] = {}
    for kind, name, extra in [
        ("dsb", "Der Bayerische Landesbeauftragte für den Datenschutz", {}),
        ("sta", "Staatsanwaltschaft München II", {}),
        ("sg", "Sozialgericht München", {}),
        ("petition", "Bayerischer Landtag, Petitionsausschuss", {}),
    ]:
        authorities[kind] = Authority.objects.create(
            kind=kind,
            name=name,
            street="Straße 1",
            postcode="80538",
            city="München",
            state="BY",
            jurisdiction_state="BY",
            **extra,
        )
    # The directory's assignments (§ 57 Abs. 1 SGG, § 143 Abs. 1 GVG).
    jobcenter.social_court = authorities["sg"]
    jobcenter.prosecutor = authorities["sta"]
    jobcenter.save()
    person = Person.objects.create(
        name="Erika Mustermann",
        street="Beispielweg 5",
        postcode="83734",
        city="Hausham",
        customer_number="835D123456",
    )
    OrganisationProfile.objects.update_or_create(
        id=1,
        defaults={
            "name": "Bench-Gruppe e. V.",
            "street": "Vereinsweg 1",
            "postcode": "80331",
            "city": "München",
            "may_represent_in_court": True,
        },
    )
    team = Team.objects.create(name="Bench")
    case = Case.objects.create(reference="2026-9999", person=person, jobcenter=jobcenter, team=team)
    for n in range(3):
        Incident.objects.create(
            case=case,
            kind=Incident.Kind.PROFILE_RESEARCH,
            platform=Incident.Platform.FACEBOOK,
            occurred_on=dt.date(2025, 3, 1 + n),
            learned_of_offender_on=dt.date(2025, 3, 10),
            description="Die Sachbearbeiterin hat Fotos aus meinem Profil ausgedruckt. " * 3,
            was_asked_first=False,
            was_informed_afterwards=False,
            was_fraud_suspicion_stated=False,
        )
    Decision.objects.create(
        case=case, kind=Decision.Kind.SANCTION, dated_on=dt.date(2025, 2, 28), reference="AZ-1"
    )
    Decision.objects.create(
        case=case,
        kind=Decision.Kind.OBJECTION_DECISION,
        dated_on=dt.date(2025, 4, 2),
        reference="W-1",
    )
    return case


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        case = setup_case()
        letters, skipped = [], []
        for kind in Letter.Kind.values:
            try:
                letters.append(letter_draft_create(case=case, kind=kind, by=None))
            except (DecisionMissing, RecipientMissing) as refused:  # as the app refuses it
                skipped.append(f"{kind}: {refused}")
        rows = []
        for letter in letters:
            html = letter_html(letter_document_for(letter))

            def app(letter=letter):
                return letter_pdf(letter_document_for(letter))

            def raw(html=html):
                return weasyprint.HTML(
                    string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher()
                ).write_pdf()

            def prepare(letter=letter):
                return letter_html(letter_document_for(letter))

            app()
            raw()  # warm up caches (fonts, templates) for both
            app_times, raw_times, prepare_times = [], [], []
            for _ in range(ROUNDS):
                app_times.append(timed(app))
                raw_times.append(timed(raw))
                prepare_times.append(timed(prepare))
            tracemalloc.start()
            pdf = app()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            with pikepdf.open(io.BytesIO(pdf)) as doc:
                pages = len(doc.pages)
            rows.append(
                (
                    letter.get_kind_display(),
                    pages,
                    min(app_times) * 1000,
                    min(raw_times) * 1000,
                    statistics.median(app_times) / statistics.median(raw_times),
                    statistics.median(prepare_times) * 1000,
                    peak,
                )
            )
        transaction.set_rollback(True)

    print(
        f"rounds per kind: {ROUNDS} (median), Python {sys.version.split()[0]}, "
        f"WeasyPrint {weasyprint.__version__}"
    )
    print(
        f"| {'kind':40} | pages | app ms | raw ms | ratio (min) | ratio (median) "
        f"| context+HTML ms | 1 + overhead/raw | peak Python MiB |"
    )
    print("|" + "|".join(["---"] * 9) + "|")
    worst = 0.0
    for label, pages, app_ms, raw_ms, median_ratio, prepare_ms, peak in rows:
        ratio = app_ms / raw_ms
        worst = max(worst, ratio)
        print(
            f"| {label:40} | {pages} | {app_ms:.0f} | {raw_ms:.0f} | {ratio:.2f} "
            f"| {median_ratio:.2f} | {prepare_ms:.1f} | {1 + prepare_ms / raw_ms:.3f} "
            f"| {peak / 2**20:.1f} |"
        )
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"worst ratio (min of rounds): {worst:.2f}x (target <= 1.2x)")
    print(f"process max RSS: {max_rss:.0f} MiB")
    for refused in skipped:
        print(f"not drafted (the bench case lacks what it needs): {refused}")


if __name__ == "__main__":
    main()
