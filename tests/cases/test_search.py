"""The case search finds what a caseworker types, on PostgreSQL and on SQLite.

The suite runs on PostgreSQL; ``test_the_same_examples_pass_on_sqlite`` runs
this module once more against the embedded SQLite default."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from cases.models import Case, Incident
from cases.retention import case_anonymise
from cases.search import fold, query_words, snippet, snippets
from cases.services import (
    case_assign,
    case_create,
    case_note_add,
    case_update,
    incident_record,
)
from tests.factories import JobcenterFactory, PersonFactory

ROOT = Path(__file__).resolve().parents[2]


def _case(team, by, *, name="Erika Muster", title="", jobcenter=None, incident="", note=""):
    case = case_create(
        person=PersonFactory(name=name),
        jobcenter=jobcenter or JobcenterFactory(),
        team=team,
        by=by,
        title=title,
    )
    if incident:
        incident_record(case=case, by=by, kind=Incident.Kind.THIRD_PARTY, description=incident)
    if note:
        case_note_add(case=case, by=by, note=note)
    return case


@pytest.fixture(params=["caseworker", "coordinator"])
def searcher(request, team):
    """Who searches: a caseworker of ``team`` sees its cases, a coordinator
    every case (unfiltered, the search ranks the search rows alone:
    ``cases.search._newest_ranked``)."""
    return request.getfixturevalue("cw_client" if request.param == "caseworker" else "coord_client")


def _found(client, query: str) -> str:
    response = client.get(reverse("cases:case_list"), {"q": query})
    assert response.status_code == 200
    return response.text


# --- without a database -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Aydın", "aydin"),
        ("AYDIN", "aydin"),
        ("İstanbul", "istanbul"),
        ("Müller", "muller"),
        ("Straße", "strasse"),
        ("Łódź", "lodz"),
    ],
)
def test_it_folds_case_and_diacritics_like_unaccent(text, folded):
    assert fold(text) == folded


def test_a_query_keeps_letters_and_digits_only():
    assert query_words("Nachbarn & 'x:*' | !2026-0042") == [
        ("nachbarn", "nachbar"),
        ("x",),
        ("2026",),
        ("0042",),
    ]


def test_the_snippet_marks_the_match_and_escapes_the_rest():
    html = snippet("<b>Der Nachbar</b> wurde befragt & angerufen", "Nachbarn")
    assert html == "&lt;b&gt;Der <mark>Nachbar</mark>&lt;/b&gt; wurde befragt &amp; angerufen"


def test_the_snippets_of_a_page_mark_a_word_in_every_row_it_is_in():
    """A page's snippets compare each different word with the query once:
    a word seen in one row is still marked (or not) in the next."""
    bodies = [
        "Nachbarn befragt, dann das Profil",
        "kein Treffer hier",
        "Profil angesehen; die Nachbarn erzählten es",
        "",
    ]
    assert snippets(bodies, "nachbarn") == [
        "<mark>Nachbarn</mark> befragt, dann das Profil",
        "",
        "Profil angesehen; die <mark>Nachbarn</mark> erzählten es",
        "",
    ]
    assert snippets(bodies, "profil") == [snippet(body, "profil") for body in bodies]


# --- the examples, through the case list ----------------------------


@pytest.mark.django_db
def test_facebook_finds_both_cases_with_it_in_the_title(searcher, team, caseworker):
    first = _case(team, caseworker, title="Recherche auf Facebook")
    second = _case(team, caseworker, title="Facebook-Freundschaftsanfrage vom Fake-Profil")
    other = _case(team, caseworker, title="Vermieter angerufen")
    text = _found(searcher, "facebook")
    assert first.reference in text and second.reference in text
    assert other.reference not in text


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Aydin", "aydın", "AYDIN", "fatma aydin"])
def test_aydin_finds_fatma_aydin(searcher, team, caseworker, query):
    case = _case(team, caseworker, name="Fatma Aydın")
    _case(team, caseworker, name="Fatma Yilmaz")
    text = _found(searcher, query)
    assert case.reference in text
    assert "Yilmaz" not in text


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Fatma Ayd", "fatma aydin", "Fatma Aydıns"])
def test_the_last_word_may_be_the_beginning_of_a_word(cw_client, team, caseworker, query):
    """Typed so far: the last word is a prefix, the words before it are whole
    words (stemmed: "Aydıns" is found as Aydın, the stem of both)."""
    case = _case(team, caseworker, name="Fatma Aydın")
    text = _found(cw_client, query)
    assert case.reference in text


@pytest.mark.django_db
def test_a_word_before_the_last_is_a_whole_word(cw_client, team, caseworker):
    case = _case(team, caseworker, name="Fatma Aydın")
    text = _found(cw_client, "Fat Aydin")
    assert case.reference not in text.split("</form>", 1)[1].split("Ähnliche Namen")[0]
    # ... but it is offered among the similar names (trigrams on PostgreSQL).
    if connection.vendor == "postgresql":
        assert case.reference in text


@pytest.mark.django_db
def test_a_query_of_punctuation_only_shows_the_list_newest_first(cw_client, team, caseworker):
    older = _case(team, caseworker, title="Erster Fall")
    newer = _case(team, caseworker, title="Zweiter Fall")
    text = _found(cw_client, "?!")
    assert text.index(newer.reference) < text.index(older.reference)


@pytest.mark.django_db
def test_muller_finds_mueller_with_umlaut(cw_client, team, caseworker):
    case = _case(team, caseworker, name="Jana Müller")
    assert case.reference in _found(cw_client, "Muller")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Nachbarn", "nachbar", "Nachbarn befragt"])
def test_nachbarn_finds_the_case_titled_nachbarn_befragt(searcher, team, caseworker, query):
    case = _case(team, caseworker, title="Nachbarn befragt")
    other = _case(team, caseworker, title="Recherche auf Instagram")
    text = _found(searcher, query)
    assert case.reference in text and other.reference not in text


@pytest.mark.django_db
def test_nachbarn_finds_nachbar_in_an_incident(cw_client, team, caseworker):
    case = _case(team, caseworker, incident="Der Jobcenter-Mitarbeiter hat meinen Nachbar gefragt.")
    text = _found(cw_client, "Nachbarn")
    assert case.reference in text
    assert "<mark>Nachbar</mark>" in text


@pytest.mark.django_db
def test_it_finds_words_of_notes_and_incidents_and_stems_them(cw_client, team, caseworker):
    by_note = _case(
        team, caseworker, note="Rechtsanwältin Schreiberhof hat Akteneinsicht beantragt"
    )
    by_incident = _case(team, caseworker, incident="Vermieterin wurde zur Befragung einbestellt")
    assert by_note.reference in _found(cw_client, "schreiberhof")
    assert by_note.reference in _found(cw_client, "Rechtsanwaltin")
    text = _found(cw_client, "befragungen")
    assert by_incident.reference in text and by_note.reference not in text


@pytest.mark.django_db
def test_it_finds_reference_and_jobcenter_and_combines_words(searcher, team, caseworker):
    cologne = JobcenterFactory(name="Jobcenter Köln", city="Köln")
    case = _case(team, caseworker, name="Fatma Aydın", jobcenter=cologne)
    elsewhere = _case(team, caseworker, name="Fatma Aydın")
    assert case.reference in _found(searcher, case.reference)
    number = case.reference.split("-")[1]
    assert case.reference in _found(searcher, number)
    text = _found(searcher, "aydin koln")
    assert case.reference in text and elsewhere.reference not in text


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["aydin", "Selin Aydın", "aydıns", "selin ay"])
def test_a_name_match_ranks_before_a_mention_in_a_title_or_a_note(
    searcher, team, caseworker, query
):
    person = _case(team, caseworker, name="Selin Aydın", title="Profil durchsucht")
    # Newer, so they would come first if they ranked alike.
    by_note = _case(team, caseworker, name="Jonas Weber", note="Frau Selin Aydın rief an")
    by_title = _case(team, caseworker, name="Lea Brandt", title="Anruf von Selin Aydın")
    text = _found(searcher, query)
    assert text.index(person.reference) < text.index(by_note.reference)
    assert text.index(person.reference) < text.index(by_title.reference)


@pytest.mark.django_db
def test_the_newest_matches_are_ranked_and_the_older_ones_follow_newest_first(
    searcher, team, caseworker, monkeypatch
):
    monkeypatch.setattr("cases.search.RANKED", 2)
    monkeypatch.setattr("cases.views.cases.PAGE_SIZE", 2)
    # The oldest names the word twice in its title: ranked, it would come
    # first, but only the newest two matches are ranked.
    oldest = _case(team, caseworker, title="Nachbarn befragt, Nachbarn angerufen")
    older, middle, newest = (_case(team, caseworker, title="Nachbarn befragt") for _ in range(3))
    first = _found(searcher, "nachbarn")
    assert middle.reference in first and newest.reference in first
    # Ranked alike (the same title): the newest first.
    assert first.index(newest.reference) < first.index(middle.reference)
    assert oldest.reference not in first and older.reference not in first
    assert "data-older-by-date" not in first
    # Every match is shown: the older ones on the next page, newest first, and
    # the page says that they are in order of date.
    second = searcher.get(reverse("cases:case_list"), {"q": "nachbarn", "page": 2}).text
    assert second.index(older.reference) < second.index(oldest.reference)
    assert "data-older-by-date" in second and "folgen nach Datum" in second
    assert newest.reference not in second and middle.reference not in second
    assert "<mark>Nachbarn</mark>" in second
    by_date = searcher.get(reverse("cases:case_list"), {"q": "nachbarn", "sort": "created_at"})
    assert oldest.reference in by_date.text and older.reference in by_date.text
    assert "<mark>Nachbarn</mark>" in by_date.text


@pytest.mark.django_db
def test_every_filter_narrows_a_coordinators_search(coord_client, team, caseworker):
    """A coordinator without filters is ranked from the search rows alone; a
    filter besides the search narrows the matches as for everybody else."""
    cologne = JobcenterFactory(name="Jobcenter Köln", city="Köln")
    in_cologne = _case(team, caseworker, title="Nachbarn befragt", jobcenter=cologne)
    waiting = _case(team, caseworker, title="Nachbarn befragt")
    Case.objects.filter(pk=waiting.pk).update(status=Case.Status.WAITING)
    assigned = _case(team, caseworker, title="Nachbarn angerufen")
    assigned.assignees.add(caseworker)
    cases = (in_cologne, waiting, assigned)

    def listed(**filters) -> set[str]:
        text = coord_client.get(reverse("cases:case_list"), {"q": "nachbarn", **filters}).text
        return {case.reference for case in cases if case.reference in text}

    assert listed() == {case.reference for case in cases}
    assert listed(jobcenter="Köln") == {in_cologne.reference}
    assert listed(status="waiting") == {waiting.reference}
    assert listed(assignee=caseworker.pk) == {assigned.reference}


@pytest.mark.django_db
def test_a_misspelt_name_is_offered_when_nothing_matches(cw_client, team, caseworker):
    case = _case(team, caseworker, name="Fatma Aydın")
    text = _found(cw_client, "Aydinn")
    assert "Keine Fälle passen" in text
    if connection.vendor == "postgresql":  # trigram similarity (pg_trgm)
        assert "Ähnliche Namen und Aktenzeichen" in text and case.reference in text


@pytest.mark.django_db
def test_the_snippet_in_the_list_is_escaped(cw_client, team, caseworker):
    _case(team, caseworker, note='<script>alert("x")</script> Nachbarn befragt')
    text = _found(cw_client, "nachbarn")
    assert "<mark>Nachbarn</mark>" in text
    assert '<script>alert("x")' not in text and "&lt;script&gt;" in text


@pytest.mark.django_db
def test_search_shows_only_the_users_cases(cw_client, team, other_team, caseworker):
    _case(other_team, caseworker, name="Fatma Aydın")
    assert "Aydın" not in _found(cw_client, "aydin").split("</form>", 1)[1]


@pytest.mark.django_db
def test_a_caseworker_finds_the_cases_assigned_to_them_in_another_team(
    cw_client, team, other_team, caseworker, coordinator
):
    """The search rows carry the team; a case of another team is found by
    its assignment (``cases.search._ranked_search_rows``)."""
    assigned = _case(other_team, coordinator, name="Fatma Aydın", title="Nachbarn befragt")
    case_assign(case=assigned, by=coordinator, assignees=[caseworker])
    not_assigned = _case(other_team, coordinator, name="Fatma Aydın", title="Nachbarn befragt")
    for query in ("aydin", "nachbarn"):
        text = _found(cw_client, query)
        assert assigned.reference in text and not_assigned.reference not in text


@pytest.mark.django_db
def test_a_case_moved_to_another_team_is_found_by_that_team_only(
    cw_client, other_client, team, other_team, caseworker, coordinator
):
    """The search row follows the case's team (``case_assign``)."""
    case = _case(team, caseworker, name="Fatma Aydın", title="Nachbarn befragt")
    assert case.reference in _found(cw_client, "aydin")
    assert case.reference not in _found(other_client, "aydin")
    case_assign(case=case, by=coordinator, assignees=[], team=other_team)
    for query in ("aydin", "nachbarn"):
        assert case.reference not in _found(cw_client, query)
        assert case.reference in _found(other_client, query)


@pytest.mark.django_db
def test_a_team_is_not_ranked_by_the_words_of_a_team_whose_number_starts_alike(
    team, caseworker, coordinator
):
    """A team's words are its number, a dot and the word (``team_words``):
    without the dot, team 900's "1nachbarn" and team 9001's "nachbarn" would
    be the same word. The page reads its rows through what the caseworker
    sees, so another team's case would not be shown; it would take the place
    of the team's own among the ranked matches (250 of them)."""
    if connection.vendor != "postgresql":
        pytest.skip("the team's words are PostgreSQL's")
    from cases.models import Team
    from cases.search import _ranked_search_rows

    team_900 = Team.objects.create(pk=900, name="Team 900")
    team_9001 = Team.objects.create(pk=9001, name="Team 9001")
    team_900.members.add(caseworker)
    own = _case(team_900, coordinator, title="Akte 1Nachbarn")
    _case(team_9001, coordinator, title="Nachbarn befragt")
    for query in ("1nachbarn", "1nach"):
        assert _ranked_search_rows(query_words(query), caseworker) == ([own.pk], own.pk, 1)


def _statistics(monkeypatch, **kwargs):
    """``cases.search._walks_the_team`` deciding from these statistics."""
    from cases import search

    statistics = search.TeamWordStatistics(**kwargs)
    monkeypatch.setattr(search, "team_word_statistics", lambda: statistics)


@pytest.mark.parametrize(
    ("query", "team_rows", "in_team", "walks"),
    [
        # 43 % of 10,000: the walk reads about 580 rows, the word index 4,300.
        ("nachbarn", 10_000, 0.43, True),
        # The last word is a prefix: its most frequent completion counts.
        ("nachba", 10_000, 0.43, True),
        # 5 % of 10,000: the walk would read 5,000 rows for 500 matches.
        ("nachbarn", 10_000, 0.05, False),
        # 5 % of 100,000: 5,000 rows walked against 5,000 matches from the index.
        ("nachbarn", 100_000, 0.05, True),
        # Absent from the team (common in another): the walk would read every row.
        ("profil", 10_000, 0.0, False),
        # Two words: their shares multiplied, as PostgreSQL takes them.
        ("nachbarn profil", 10_000, 0.43, True),
        ("nachbarn google", 10_000, 0.43, False),
    ],
)
def test_a_caseworker_walks_the_teams_newest_rows_only_where_it_reads_less(
    monkeypatch, query, team_rows, in_team, walks
):
    from cases.search import _walks_the_team

    rows = team_rows * 10
    _statistics(
        monkeypatch,
        rows=rows,
        words={
            "7.nachbarn": in_team / 10,
            "7.nachbar": in_team / 20,
            "7.profil": 0.9 / 10,
            "8.profil": 0.5 / 10,
            "7.googl": 0.001 / 10,
        },
        teams={7: 0.1, 8: 0.1},
    )
    if query == "profil":  # the team's word is absent: only the other team has it
        _statistics(monkeypatch, rows=rows, words={"8.profil": 0.5 / 10}, teams={7: 0.1, 8: 0.1})
    assert _walks_the_team(query_words(query), 7) is walks


def test_a_team_with_half_of_all_cases_or_unknown_to_the_statistics_is_not_walked(monkeypatch):
    """Half of all rows: the newest-first walk over all of them reads about
    as many rows, and cheaper ones (they lie side by side)."""
    from cases.search import _walks_the_team

    _statistics(monkeypatch, rows=100_000, words={"7.nachbarn": 0.4}, teams={7: 0.5})
    assert not _walks_the_team(query_words("nachbarn"), 7)
    assert not _walks_the_team(query_words("nachbarn"), 9)


@pytest.mark.django_db
def test_a_word_common_in_the_team_is_found_by_walking_its_newest_rows(
    monkeypatch, team, other_team, caseworker, coordinator
):
    """With PostgreSQL's statistics of real rows (ANALYZE), the team's common
    word is walked through the team's index (migration 0026), the other
    team's rare one is not; either way the caseworker gets the same ranked
    matches as from the word index, with the cases assigned to them in
    another team among them."""
    if connection.vendor != "postgresql":
        pytest.skip("the team's words and PostgreSQL's statistics")
    from django.test.utils import CaptureQueriesContext

    from cases import search
    from cases.models import CaseSearch
    from tests.factories import CaseFactory

    # 300 of the team's cases, two thirds with the word: walking them reads
    # fewer rows (about 0.4 × 250 / ⅔) than the word index would (⅔ × 300).
    # 310 of the other team's, none with the word but one.
    jobcenter = JobcenterFactory()
    titles = ["Nachbarn befragt", "Nachbarn angerufen", "Profil angesehen"]
    for index in range(300):
        CaseFactory(team=team, jobcenter=jobcenter, title=titles[index % 3])
    for _index in range(310):
        CaseFactory(team=other_team, jobcenter=jobcenter, title="Profil angesehen")
    # One of the other team's cases, and with the word, is assigned to the caseworker.
    theirs = CaseFactory(team=other_team, jobcenter=jobcenter, title="Nachbarn befragt")
    case_assign(case=theirs, by=coordinator, assignees=[caseworker])
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {CaseSearch._meta.db_table}")
    monkeypatch.setattr(search, "_statistics", (float("-inf"), None))  # read them again

    assert search._walks_the_team(query_words("nachbarn"), team.pk)
    assert not search._walks_the_team(query_words("nachbarn"), other_team.pk)
    words = query_words("nachbarn")
    with CaptureQueriesContext(connection) as queries:
        walked = search._ranked_search_rows(words, caseworker)
    (statement,) = [q["sql"] for q in queries.captured_queries if "array_agg" in q["sql"]]
    assert "ts_match_vq" in statement and "UNION" in statement
    # The walk's order is the index's (a table of 600 rows PostgreSQL reads
    # whole and sorts: told not to, it walks the index, without a sort).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + statement)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_bitmapscan")
    walk = plan[plan.index("ts_match_vq") - 400 : plan.index("ts_match_vq")]
    assert "Index Scan using case_search_team_newest" in walk and "Sort" not in walk, plan

    monkeypatch.setattr(search, "_walks_the_team", lambda words, team: False)
    from_index = search._ranked_search_rows(words, caseworker)
    assert walked == from_index
    ids, oldest, count = walked
    # The team's 200 cases with the word and the assigned one.
    expected = set(
        Case.objects.filter(team=team, title__startswith="Nachbarn").values_list("pk", flat=True)
    ) | {theirs.pk}
    assert count == 201 and set(ids) == expected and oldest == min(expected)


@pytest.mark.django_db
def test_a_caseworker_finds_a_word_that_folds_to_an_apostrophe(searcher, team, caseworker):
    """unaccent makes "ŉ" the two characters 'n: a quote inside a word of the
    query, which the team's query keeps as the document does."""
    case = _case(team, caseworker, title="Gespräch mit Daŉiel")
    for query in ("daŉiel", "Daŉi"):
        assert case.reference in _found(searcher, query), query


@pytest.mark.django_db
def test_a_renamed_person_is_found_by_the_new_name(cw_client, team, caseworker):
    case = _case(team, caseworker, name="Fatma Aydın")
    case_update(
        case=case,
        by=caseworker,
        title=case.title,
        jobcenter=case.jobcenter,
        person_fields={"name": "Fatma Demir"},
    )
    assert case.reference in _found(cw_client, "demir")
    assert case.reference not in _found(cw_client, "aydin")


@pytest.mark.django_db
def test_an_anonymised_case_is_no_longer_found_by_what_was_erased(cw_client, team, caseworker):
    case = _case(team, caseworker, name="Fatma Aydın", note="Nachbarn befragt")
    case_anonymise(case=case, by=caseworker)
    assert case.reference not in _found(cw_client, "aydin")
    assert case.reference not in _found(cw_client, "nachbarn")
    assert case.reference in _found(cw_client, case.reference)


@pytest.mark.django_db
def test_the_search_indexes_take_new_rows_directly_not_through_a_pending_list():
    """A GIN pending list is read by every search until a vacuum empties it
    (up to 4 MB: the name search's index part 3.1 ms instead of 0.4 ms at
    100,000 cases). Migration cases/0022 switches it off."""
    if connection.vendor != "postgresql":
        pytest.skip("GIN indexes exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname IN "
            "('case_search_document', 'case_search_names_trgm', 'case_search_team_words') "
            "ORDER BY relname"
        )
        options = cursor.fetchall()
    assert options == [
        ("case_search_document", ["fastupdate=off"]),
        ("case_search_names_trgm", ["fastupdate=off"]),
        ("case_search_team_words", ["fastupdate=off"]),
    ]


@pytest.mark.django_db
def test_pages_are_prepared_and_each_search_is_planned_for_its_words(cw_client, team, caseworker):
    """Statements run again on a connection are prepared (settings:
    ``DATABASES``), so PostgreSQL plans a page's queries once. A prepared
    statement's plan is made for any value of its parameters, so a search's
    words are written into the statement (``cases.search.Literal``): a plan
    made for a word in ten cases would walk every case for a word in half of
    them, and the other way round."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements: PostgreSQL")
    case = _case(team, caseworker, name="Fatma Aydın", title="Nachbarn befragt")
    for query in ("Fatma Aydin", "nachbarn", "Aydinn"):
        for _ in range(3):
            assert case.reference in _found(cw_client, query) or query == "Aydinn"
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert any('FROM "cases_savedsearch"' in statement for statement in statements)
    searches = [s for s in statements if "@@" in s or "%>" in s]
    words = ["'(fatma) & (aydin:*)'", "'(nachbarn:* | nachbar:*)'", "'aydinn'"]
    for written in words:
        assert any(written in statement for statement in searches), written
    for statement in searches:
        conditions = re.findall(r"(?:@@|%>) \(?(?:to_tsquery\()?([^)]*)", statement)
        assert conditions and all("$" not in c for c in conditions), statement
    # The rank too (or PostgreSQL plans the statement again on every run, to
    # fold its to_tsquery into a constant).
    ranks = [
        s[s.index("GREATEST(") : s.index('AS "search_rank"')] for s in searches if "ts_rank" in s
    ]
    assert ranks and all("$" not in rank for rank in ranks), ranks


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ["O'Brien", "a\\b", "100 %", "$1 '); DROP TABLE cases_case; --", "Дмитрий Ölçü"]
)
def test_a_literal_in_a_statement_reaches_postgresql_as_typed(text):
    """``Literal`` quotes what it writes into a statement: it comes back
    unchanged, and nothing of it is taken for SQL or for a placeholder."""
    if connection.vendor != "postgresql":
        pytest.skip("Literal is used on PostgreSQL")
    from django.db.models.functions import Concat

    from cases.models import Team
    from cases.search import Literal

    Team.objects.create(name="Lesen")
    value = (
        Team.objects.annotate(text=Concat(Literal(text), Literal("")))
        .values_list("text", flat=True)
        .first()
    )
    assert value == text


@pytest.mark.django_db
def test_the_same_examples_pass_on_sqlite(tmp_path):
    """The embedded default keeps a working search: this module on SQLite."""
    if connection.vendor == "sqlite":
        pytest.skip("this is the SQLite run")
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


# --- the Jobcenter field of the case list ------------------------------------


@pytest.mark.django_db
def test_the_case_list_does_not_ship_every_jobcenter(cw_client, team, caseworker):
    for number in range(30):
        JobcenterFactory(name=f"Jobcenter Nirgendwo {number}")
    _case(team, caseworker)
    page = cw_client.get(reverse("cases:case_list")).text
    assert "Nirgendwo" not in page
    assert 'list="jobcenter-suggestions"' in page


@pytest.mark.django_db
def test_jobcenter_suggestions_while_typing(cw_client):
    JobcenterFactory(name="Jobcenter Köln", city="Köln")
    JobcenterFactory(name="Jobcenter <b>Bonn</b>", city="Bonn")
    url = reverse("cases:jobcenter_suggestions")
    assert (
        '<option value="Jobcenter Köln">Jobcenter Köln (Köln)</option>'
        in cw_client.get(url, {"jobcenter": "koln"}).text
    )
    bonn = cw_client.get(url, {"jobcenter": "bonn"}).text
    assert "&lt;b&gt;Bonn" in bonn and "<b>" not in bonn and "Köln" not in bonn
    assert "<option" not in cw_client.get(url, {"jobcenter": "k"}).text


@pytest.mark.django_db
def test_the_case_list_filters_by_jobcenter_name_or_number(cw_client, team, caseworker):
    cologne = JobcenterFactory(name="Jobcenter Köln", city="Köln")
    in_cologne = _case(team, caseworker, jobcenter=cologne)
    elsewhere = _case(team, caseworker)
    for value in ["Jobcenter Köln", "Koln", str(cologne.pk)]:
        text = cw_client.get(reverse("cases:case_list"), {"jobcenter": value}).text
        assert in_cologne.reference in text and elsewhere.reference not in text, value


def _migrated_back_to(migration: str):
    """The database migrated back to this migration of cases; its models."""
    from django.db.migrations.executor import MigrationExecutor

    target = [("cases", migration)]
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _migrated_to_the_latest() -> None:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_search_row_its_teams_words(team, other_team, cw_client):
    """0025: the rows that exist get their team's words from their document,
    and a caseworker finds their team's cases by them, not another team's."""
    if connection.vendor != "postgresql":
        pytest.skip("the team's words are PostgreSQL's")
    old = _migrated_back_to("0024_search_row_team")
    OldCase, OldSearch = old.get_model("cases", "Case"), old.get_model("cases", "CaseSearch")
    Person, Jobcenter = old.get_model("cases", "Person"), old.get_model("cases", "Jobcenter")
    jobcenter = Jobcenter.objects.create(name="Jobcenter Alt", kind="gE", state="BE")
    for number, owner in ((1, team), (2, other_team)):
        case = OldCase.objects.create(
            reference=f"2026-900{number}",
            person=Person.objects.create(name="Fatma Aydın"),
            jobcenter=jobcenter,
            team_id=owner.pk,
            title="Nachbarn befragt",
        )
        OldSearch.objects.create(case=case, team_id=owner.pk, names="fatma aydin", body=case.title)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_casesearch SET document = to_tsvector('fallakte_de', names || ' ' || body)"
        )

    _migrated_to_the_latest()
    for query in ("aydin", "Nachbarn", "Fatma Ayd"):
        text = _found(cw_client, query)
        assert "2026-9001" in text and "2026-9002" not in text, query


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_search_row_its_cases_team(team, cw_client):
    """0024: the rows that exist get their case's team; a case without a row
    (made before 0007 built them) gets one (in 0025). Both are then found by
    the team."""
    old = _migrated_back_to("0023_case_list_of_one_jobcenter")
    OldCase, OldSearch = old.get_model("cases", "Case"), old.get_model("cases", "CaseSearch")
    Person, Jobcenter = old.get_model("cases", "Person"), old.get_model("cases", "Jobcenter")
    jobcenter = Jobcenter.objects.create(name="Jobcenter Alt", kind="gE", state="BE")
    with_row, without_row = (
        OldCase.objects.create(
            reference=f"2026-900{number}",
            person=Person.objects.create(name=name),
            jobcenter=jobcenter,
            team_id=team.pk,
            title="Nachbarn befragt",
        )
        for number, name in ((1, "Fatma Aydın"), (2, "Selin Aydın"))
    )
    OldSearch.objects.create(case=with_row, names="2026 9001 fatma aydin", body="Nachbarn befragt")
    from cases.search import case_search_refresh

    _migrated_to_the_latest()
    from cases.models import CaseSearch

    assert dict(CaseSearch.objects.values_list("case_id", "team_id")) == {
        with_row.pk: team.pk,
        without_row.pk: team.pk,
    }
    case_search_refresh(case_ids=[with_row.pk])  # the old row's document was empty
    text = _found(cw_client, "aydin")
    assert "2026-9001" in text and "2026-9002" in text
