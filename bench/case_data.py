"""Bench data in PostgreSQL with INSERT … SELECT over generate_series: 100,000
cases (people, 3 incidents and 2 deadlines each, a "created" event each and a
note on every third) in well under a minute, 1,000,000 in a few minutes.

Columns the script does not name get what the model declares (its default,
NULL, "" or now()), so fields added later do not break it. The search rows
are written by SQL that mirrors ``cases.search.case_search_refresh``;
``check_search_rows`` rebuilds a sample with the real function and stops the
benchmark if the two disagree.
"""

from __future__ import annotations

import time

FIRST = ["Fatma", "Jana", "Erika", "Selin", "Jonas", "Mehmet", "Anna", "Olga", "Paul", "Lea",
         "Murat", "Sven", "Ayşe", "Jürgen", "Zofia", "Tim"]  # fmt: skip
LAST = ["Aydın", "Müller", "Schmidt", "Yılmaz", "Nowak", "Weber", "Özdemir", "Becker",
        "Hoffmann", "Kowalski", "Schäfer", "Krüger", "Demir", "Wagner", "Lehmann", "Fischer",
        "Braun", "Zimmermann", "Hartmann", "Šimić"]  # fmt: skip
TITLES = ["Recherche auf Facebook", "Nachbarn befragt", "Fake-Profil auf Instagram",
          "Freundschaftsanfrage vom Jobcenter", "Vermieterin angerufen",
          "Google-Suche nach Kleinanzeigen", "Arbeitgeber befragt", "Daten an Ausländerbehörde",
          "TikTok-Videos ausgewertet", "LinkedIn-Profil durchsucht", "Hausbesuch ohne Anlass",
          "Fotos aus dem Profil ausgedruckt"]  # fmt: skip
DESCRIPTIONS = ["Die Sachbearbeiterin hat Fotos aus meinem Profil ausgedruckt.",
                "Ein Mitarbeiter hat bei meinen Nachbarn nach meinem Einkommen gefragt.",
                "Im Bescheid steht, man habe mich im Internet gesucht.",
                "Ich bekam eine Freundschaftsanfrage von einem Profil ohne Bild.",
                "Der Vermieter wurde angerufen und nach Untermietern gefragt.",
                "Man hat meine Kleinanzeigen ausgewertet und mir Einnahmen unterstellt.",
                "Die Leistungsabteilung zitierte aus meinen öffentlichen Beiträgen."]  # fmt: skip
NOTES = ["Rückruf vereinbart, Unterlagen angefordert.",
         "Akteneinsicht beantragt, Antwort steht aus.",
         "Person möchte Strafantrag stellen; Frist beachten.",
         "Beratung mit der Anwältin am Donnerstag."]  # fmt: skip
BATCH = 100_000


def _array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _pick(values: list[str], index_sql: str) -> str:
    return f"({_array(values)})[1 + mod(({index_sql}), {len(values)})]"


def _insert_select(cursor, model, values: dict[str, str], source: str, params=()) -> int:
    from django.db import connection

    columns, expressions, args = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        if field.column in values:
            expressions.append(values[field.column])
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            expressions.append("now()")
        elif field.has_default():
            expressions.append("%s")
            args.append(field.get_db_prep_save(field.get_default(), connection))
        elif field.null:
            expressions.append("NULL")
        elif field.get_internal_type() in {"CharField", "TextField", "EmailField"}:
            expressions.append("''")
        else:
            raise RuntimeError(f"{model.__name__}.{field.name}: no value for the bench data")
    cursor.execute(
        f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
        f"SELECT {', '.join(expressions)} {source}",
        [*args, *params],
    )
    return cursor.rowcount


def generate(n_cases: int) -> None:
    """Add cases until there are ``n_cases``; reuse what exists."""
    from django.db import connection, transaction

    from cases.deadlines.models import Deadline
    from cases.models import Case, CaseEvent, Incident, Jobcenter, Person, Team

    present = Case.objects.count()
    if present >= n_cases:
        print(f"data present: {present:,} cases")
        return
    started = time.monotonic()
    states = ["BE", "BY", "NW", "SN", "HH", "NI", "TH", "HE"]
    with transaction.atomic():
        teams = [Team.objects.get_or_create(name=f"Bench-Team {i}")[0].pk for i in range(10)]
        Jobcenter.objects.bulk_create(
            [
                Jobcenter(
                    name=f"Jobcenter Bench {i}",
                    kind=Jobcenter.Kind.GE if i % 4 else Jobcenter.Kind.ZKT,
                    city=["Köln", "München", "Berlin", "Leipzig", "Essen"][i % 5] + f" {i}",
                    state=states[i % len(states)],
                )
                for i in range(400)
            ],
            ignore_conflicts=True,
        )
        jobcenters = list(
            Jobcenter.objects.filter(name__startswith="Jobcenter Bench").values_list(
                "pk", flat=True
            )
        )
    statuses = list(Case.Status.values)
    kinds = list(Incident.Kind.values)
    platforms = list(Incident.Platform.values)
    for start in range(present, n_cases, BATCH):
        end = min(n_cases, start + BATCH)
        with transaction.atomic(), connection.cursor() as cursor:
            series = "FROM generate_series(%s::int, %s::int) AS g"
            first_person = Person.objects.order_by("-pk").values_list("pk", flat=True).first()
            _insert_select(
                cursor,
                Person,
                {
                    "name": f"{_pick(FIRST, 'g * 7')} || ' ' || {_pick(LAST, 'g / 16')}",
                    "city": "'Berlin'",
                    "is_anonymous": "false",
                },  # fmt: skip
                series,
                (start, end - 1),
            )
            # Case g gets person number g of this batch; newest case = highest g.
            _insert_select(
                cursor,
                Case,
                {
                    "reference": "(2000 + g / 9999)::text || '-' || lpad((mod(g, 9999) + 1)::text, 4, '0')",
                    "title": _pick(TITLES, "g * 5"),
                    "person_id": f"%s::bigint + g - {start} + 1",
                    "jobcenter_id": f"({'ARRAY[' + ','.join(map(str, jobcenters)) + ']'})"
                    f"[1 + mod(g * 31, {len(jobcenters)})]",
                    "team_id": f"(ARRAY[{','.join(map(str, teams))}])[1 + mod(g, {len(teams)})]",
                    "status": _pick(statuses, "g * 3"),
                    "created_at": f"now() - ({n_cases} - g) * interval '5 minutes'",
                    "updated_at": f"now() - ({n_cases} - g) * interval '5 minutes'",
                },
                "FROM generate_series(%s::int, %s::int) AS g",
                (first_person or 0, start, end - 1),
            )
            cases = (
                "FROM cases_case c CROSS JOIN generate_series(1, {k}) AS k "
                "WHERE c.id > %s::bigint AND c.id <= %s::bigint"
            )
            high = _max_id(cursor, Case)
            low = high - (end - start)
            _insert_select(
                cursor,
                Incident,
                {
                    "case_id": "c.id",
                    "kind": _pick(kinds, "c.id + k"),
                    "platform": _pick(platforms, "c.id * 3 + k"),
                    "occurred_on": "DATE '2025-01-01' + mod(c.id * 7 + k * 13, 600)::int",
                    "description": _pick(DESCRIPTIONS, "c.id + k * 3"),
                },
                cases.format(k=3),
                (low, high),
            )
            _insert_select(
                cursor,
                Deadline,
                {
                    "case_id": "c.id",
                    "rule": "'objection'",
                    "title": "'Widerspruchsfrist'",
                    "trigger_on": "DATE '2025-03-07'",
                    "computed_due_on": "DATE '2025-04-07' + mod(c.id, 400)::int + k",
                    "due_on": "DATE '2025-04-07' + mod(c.id, 400)::int + k",
                    "explanation": """'[{"text": "Bekanntgabe (§ 37 Abs. 2 SGB X)"}]'::jsonb""",
                },
                cases.format(k=2),
                (low, high),
            )
            _insert_select(
                cursor,
                CaseEvent,
                {
                    "case_id": "c.id",
                    "kind": "'created'",
                    "at": "c.created_at",
                    "summary": "'Fall angelegt'",
                },  # fmt: skip
                cases.format(k=1),
                (low, high),
            )
            _insert_select(
                cursor,
                CaseEvent,
                {
                    "case_id": "c.id",
                    "kind": "'note'",
                    "at": "c.created_at + interval '1 hour'",
                    "summary": "'Notiz'",
                    "note": _pick(NOTES, "c.id / 3"),
                },  # fmt: skip
                cases.format(k=1) + " AND mod(c.id, 3) = 0",
                (low, high),
            )
            _search_rows(cursor, low, high)
        print(f"  {end:,} cases ({time.monotonic() - started:.0f}s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"generated {n_cases - present:,} cases in {time.monotonic() - started:.0f}s")


def _max_id(cursor, model) -> int:
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {model._meta.db_table}")
    return cursor.fetchone()[0]


def _search_rows(cursor, low: int, high: int) -> None:
    """What ``case_search_refresh`` stores, for cases low < id <= high, in SQL."""
    from django.utils import translation

    from cases.models import Incident
    from cases.search import SEARCH_CONFIG, team_words_sql

    with translation.override("de"):
        labels = " ".join(
            f"WHEN '{value}' THEN '{str(label)}'" for value, label in Incident.Platform.choices
        )
    cursor.execute(
        f"""
        INSERT INTO cases_casesearch (case_id, team_id, names, body, words, document, team_words)
        SELECT c.id, c.team_id, x.names, x.body, '', d.document,
            {team_words_sql("c.team_id", "d.document")}
        FROM cases_case c
        JOIN cases_person p ON p.id = c.person_id
        JOIN cases_jobcenter j ON j.id = c.jobcenter_id
        CROSS JOIN LATERAL (
            SELECT
                trim(regexp_replace(lower(unaccent(c.reference || ' ' || p.name)),
                                    '[^[:alnum:]]+', ' ', 'g')) AS names,
                concat_ws(' · ', nullif(c.title, ''),
                    (SELECT string_agg(concat_ws(' ', nullif(i.description, ''),
                                                 CASE i.platform {labels} END,
                                                 nullif(i.staff_member, '')), ' · ' ORDER BY i.id)
                     FROM cases_incident i WHERE i.case_id = c.id),
                    (SELECT string_agg(e.note, ' · ' ORDER BY e.at, e.id)
                     FROM cases_caseevent e
                     WHERE e.case_id = c.id AND e.kind = 'note' AND e.note <> '')) AS body
        ) x
        CROSS JOIN LATERAL (
            SELECT setweight(to_tsvector('{SEARCH_CONFIG}', x.names || ' ' || c.title), 'A')
                || setweight(to_tsvector('{SEARCH_CONFIG}', j.name || ' ' || j.city), 'B')
                || setweight(to_tsvector('{SEARCH_CONFIG}', x.body), 'C') AS document
        ) d
        WHERE c.id > %s::bigint AND c.id <= %s::bigint
        """,
        (low, high),
    )


def check_search_rows(sample: int = 20) -> None:
    """The SQL above must store what the application stores."""
    from cases.models import CaseSearch
    from cases.search import case_search_refresh

    ids = list(CaseSearch.objects.order_by("?").values_list("case_id", flat=True)[:sample])

    def stored() -> dict[int, dict[str, str]]:
        return {
            row["case_id"]: {name: str(value) for name, value in row.items()}
            for row in CaseSearch.objects.filter(case_id__in=ids).values(
                "case_id", "team_id", "names", "body", "document", "team_words"
            )
        }

    generated = stored()
    case_search_refresh(case_ids=ids)
    fresh = stored()
    for pk in ids:
        if generated.get(pk) != fresh.get(pk):
            raise SystemExit(
                f"bench search row differs from the application's: {generated.get(pk)} / {fresh.get(pk)}"
            )
