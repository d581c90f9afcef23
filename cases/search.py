"""Finding cases: one search row per case, kept up to date by the services.

What is searched: reference, person, title, Jobcenter (name and city), the
incidents (description, platform, staff member) and the notes of the
timeline. A query finds a case when every word of it occurs there,
regardless of case and diacritics (Aydın = Aydin, Müller = Muller), of
German inflection (Snowball's German stemmer: Befragung = befragen) and of
word endings (the last word of the query is a prefix, as it may still be
being typed: "Nachbar" finds "Nachbarn", "Fatma Ayd" finds Fatma Aydın; the
words before it are whole words after stemming, which the index finds ten
times faster at 1,000,000 cases than a prefix; a word ending in -rn/-ln is
also tried without its -n, which the stemmer keeps: "Nachbarn" finds
"Nachbar").

PostgreSQL: a ``tsvector`` with the text search configuration
``fallakte_de`` (German Snowball stemmer after ``unaccent``; migration
``cases/0007``) under a GIN index, ranked with ``ts_rank``; the same words
after the case's team's number for a caseworker's search (``team_words``,
``cases/0025``), whose team's newest rows are walked instead for a word
common in the team (``_walks_the_team``, ``cases/0026``); plus a trigram
index (``pg_trgm``) over reference and person that offers similar ones when
nothing matches (misspelt names: "Aydinn"). Elsewhere (the embedded SQLite
default) the same words are stemmed in Python and matched
with ``LIKE``. On both, a case whose reference or person's name holds the
query's words comes first.
"""

from __future__ import annotations

import bisect
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import snowballstemmer
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import F, FloatField, Func, Q, QuerySet, Value
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from advocacy.auth import Staff, is_coordinator
from cases.models import Case, CaseEvent, CaseSearch, Incident, Jobcenter, seen_by

SEARCH_CONFIG = "fallakte_de"
MAX_WORDS = 8
SNIPPET_WORDS = 24
RANKED = 250
PAGE_OF_GUESSES = 10
# A team's word is the team's number, this, and the word (``team_words_sql``).
TEAM_WORD = "."
# A word in the text of a ``tsquery`` (quoted, a quote in it doubled), and
# the same word among a team's words, for regexp_replace.
LEXEME = "'((?:[^']|'')*)'"
TEAM_LEXEME = "'{team}" + TEAM_WORD + "\\1'"
# Letters and digits; "_" and punctuation separate words (as PostgreSQL's parser does).
WORD = re.compile(r"[^\W_]+")
# Letters that have no decomposition in Unicode and that unaccent.rules maps.
FOLD = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "þ": "th"})


def fold(text: str) -> str:
    """Lower case without diacritics: "Aydın" → "aydin", "Müller" → "muller"."""
    if text.isascii():
        return text.lower()  # nothing to decompose (the snippets ask for every word)
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def jobcenters_named(text: str) -> QuerySet[Jobcenter]:
    """Jobcenters whose name or town contains ``text``, regardless of case
    (and, on PostgreSQL, of diacritics: "Koln" finds Köln)."""
    text = text.strip()
    if connection.vendor == "postgresql":
        return Jobcenter.objects.filter(
            Q(name__unaccent__icontains=text) | Q(city__unaccent__icontains=text)
        )
    return Jobcenter.objects.filter(pk__in=jobcenter_ids_named(text))


def jobcenter_ids_named(text: str) -> list[int]:
    """The ids of ``jobcenters_named``, in one query on either database."""
    text = text.strip()
    if connection.vendor == "postgresql":
        return list(jobcenters_named(text).order_by().values_list("pk", flat=True))
    # Elsewhere folded in Python: the directory has a few hundred rows.
    folded = fold(text)
    return [
        pk
        for pk, name, city in Jobcenter.objects.values_list("pk", "name", "city")
        if folded in fold(name) or folded in fold(city)
    ]


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """The German Snowball stem of a folded word (what ``german_stem`` gives)."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("german")


def query_words(query: str) -> list[tuple[str, ...]]:
    """The words of a query, folded, each with the forms it may be found as."""
    words = []
    for word in WORD.findall(fold(query))[:MAX_WORDS]:
        forms = [word]
        if len(word) > 4 and word.endswith(("rn", "ln")):
            forms.append(word[:-1])
        words.append(tuple(forms))
    return words


def _matches(token: str, words: list[tuple[str, ...]]) -> bool:
    folded = fold(token)
    stemmed = stem(folded)
    return any(
        folded.startswith(form) or stemmed.startswith(stem(form))
        for forms in words
        for form in forms
    )


# --- The search row ---------------------------------------------------------


def _texts(case: Case, incidents: list[Incident], notes: list[str]) -> tuple[str, str, str, str]:
    names = " ".join(WORD.findall(fold(f"{case.reference} {case.person.name}")))
    jobcenter = f"{case.jobcenter.name} {case.jobcenter.city}"
    body = " · ".join(
        part
        for part in [
            case.title,
            *(
                " ".join(filter(None, [i.description, i.get_platform_display(), i.staff_member]))
                for i in incidents
            ),
            *notes,
        ]
        if part
    )
    return names, f"{names} {case.title}", jobcenter, body


def case_search_refresh(*, case_ids: Iterable[int]) -> None:
    """Build the search rows of these cases again from what they contain now
    (called by every service that changes what a case can be found by). A
    fixed number of queries however many cases."""
    ids = list(case_ids)
    if not ids:
        return
    # Only the columns the search reads: the data migration that fills the
    # rows (0007_case_search) runs this with today's models, and columns
    # added by later migrations do not exist yet at that point.
    cases = (
        Case.objects.filter(pk__in=ids)
        .select_related("person", "jobcenter")
        .only("reference", "title", "team", "person__name", "jobcenter__name", "jobcenter__city")
    )
    incidents: dict[int, list[Incident]] = {}
    for incident in (
        Incident.objects.filter(case_id__in=ids)
        .only("case_id", "description", "platform", "staff_member")
        .order_by("pk")
    ):
        incidents.setdefault(incident.case_id, []).append(incident)
    notes: dict[int, list[str]] = {}
    for case_id, note in (
        CaseEvent.objects.filter(case_id__in=ids, kind=CaseEvent.Kind.NOTE)
        .exclude(note="")
        .order_by("at", "pk")
        .values_list("case_id", "note")
    ):
        notes.setdefault(case_id, []).append(note)
    with translation.override("de"):  # the platform's name, whoever made the change
        rows = [
            (
                case.pk,
                case.team_id,
                *_texts(case, incidents.get(case.pk, []), notes.get(case.pk, [])),
            )
            for case in cases
        ]
    if connection.vendor == "postgresql":
        _store_postgresql(rows)
    else:
        _store_words(rows)


def case_search_rebuild(*, batch: int = 2000) -> int:
    """Build every case's search row again (after an import or a change of the
    rules above); returns the number of cases."""
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        case_search_refresh(case_ids=ids[start : start + batch])
    return len(ids)


def _store_postgresql(rows: list[tuple[int, int, str, str, str, str]]) -> None:
    """Weights: A reference, person, title; B Jobcenter; C incidents and notes.
    The team's words from the same document, in the same write."""
    c = SEARCH_CONFIG
    with connection.cursor() as cursor:
        cursor.executemany(
            f"""
            INSERT INTO cases_casesearch (case_id, team_id, names, body, words, document, team_words)
            SELECT pk, team, names, body, '', document, {team_words_sql("team", "document")}
            FROM (SELECT %s::bigint, %s::bigint, %s::text, %s::text,
                setweight(to_tsvector(%s::regconfig, %s::text), 'A')
                || setweight(to_tsvector(%s::regconfig, %s::text), 'B')
                || setweight(to_tsvector(%s::regconfig, %s::text), 'C')
            ) AS fresh (pk, team, names, body, document)
            ON CONFLICT (case_id) DO UPDATE SET
                team_id = EXCLUDED.team_id, names = EXCLUDED.names, body = EXCLUDED.body,
                document = EXCLUDED.document, team_words = EXCLUDED.team_words
            """,  # noqa: S608 (column names)
            [
                (pk, team, names, body, *(c, heading), *(c, jobcenter), *(c, body))
                for pk, team, names, heading, jobcenter, body in rows
            ],
        )


def team_words_sql(team: str, document: str) -> str:
    """SQL for the search row's ``team_words`` from the columns (or values)
    ``team`` and ``document``: each word of the document after the team's
    number and a dot ("7.nachbar"; NULL without a team). The dot keeps team
    1's prefixes from reaching team 12's words. ``_team_tsquery_sql`` asks
    for words of this form."""
    return (
        f"CASE WHEN {team} IS NOT NULL THEN array_to_tsvector(ARRAY("  # noqa: S608 (columns)
        f"SELECT {team} || {_quoted(TEAM_WORD)} || lexeme FROM unnest({document}))) END"
    )


def _store_words(rows: list[tuple[int, int, str, str, str, str]]) -> None:
    for pk, team, names, heading, jobcenter, body in rows:
        tokens = WORD.findall(fold(f"{heading} {jobcenter} {body}"))
        words = " ".join(dict.fromkeys(stem(token) for token in tokens))
        CaseSearch.objects.update_or_create(
            case_id=pk,
            defaults={"team_id": team, "names": names, "body": body, "words": f" {words} "},
        )


# --- Searching --------------------------------------------------------------


def cases_matching(queryset: QuerySet[Case], query: str) -> QuerySet[Case]:
    """The cases of ``queryset`` that match ``query`` (every word of it)."""
    words = query_words(query)
    if not words:
        return queryset
    phrase = " ".join(WORD.findall(fold(query)))
    if connection.vendor == "postgresql":
        # Reference and name are part of the document (weight A), so the
        # full-text index finds them and PostgreSQL can estimate how many
        # match (from the words written into the statement: ``_TsQuery``).
        return queryset.filter(search__document=_TsQuery(words))
    condition = Q()
    for index, forms in enumerate(words):
        # The last word a prefix, the others whole (stemmed) words, as in _ts_text.
        end = "" if index == len(words) - 1 else " "
        alternatives = Q()
        for form in forms:
            stemmed = stem(form)
            alternatives |= Q(search__words__contains=f" {stemmed}{end}")
            if stemmed != form:
                alternatives |= Q(search__words__contains=f" {form}{end}")
        condition &= alternatives
    return queryset.filter(condition | Q(search__names__contains=phrase))


class RankedCases:
    """Matches in order of relevance, read a page at a time: slicing gives the
    rows of that part of the order, as ``read`` makes them (``best_first``).
    First the ranked ones, in one query of their page's rows by primary key;
    after them the older matches (``rest``), newest first, as the list reads
    them."""

    def __init__(
        self,
        ids: list[int],
        base: QuerySet[Case, dict[str, Any]],
        rest: Callable[[], QuerySet[Case, dict[str, Any]]] | None,
    ) -> None:
        self.ids = ids
        self.base = base
        # Made when a page reaches the older matches (building the queryset
        # costs 0.3 ms of CPU, which the first pages do not need).
        self.rest = rest

    @property
    def by_date_from(self) -> int | None:
        """The number of ranked matches after which older ones follow by date
        (None: there are no older ones)."""
        return len(self.ids) if self.rest is not None else None

    def __getitem__(self, part: slice) -> list[dict]:
        start, stop = part.start or 0, part.stop
        found: list[dict] = []
        ids = self.ids[start:stop]
        if ids:
            # In the order of ``ids``: the list's own order would only cost a sort.
            rows = {row["pk"]: row for row in self.base.filter(pk__in=ids).order_by()}
            found = [rows[pk] for pk in ids if pk in rows]
        if self.rest is not None and (stop is None or stop > len(self.ids)):
            after = max(0, start - len(self.ids))
            found += list(self.rest()[after : None if stop is None else stop - len(self.ids)])
        return found


def best_first(
    matching: QuerySet[Case],
    query: str,
    *,
    base: QuerySet[Case],
    user: Staff,
    read: Callable[[QuerySet[Case]], QuerySet[Case, dict[str, Any]]],
) -> RankedCases | QuerySet[Case, dict[str, Any]]:
    """The cases of ``matching`` (a queryset filtered with ``cases_matching``
    among others) ordered by relevance, best first, read through ``base``
    (the same list unfiltered: the cases ``user`` sees, ``visible_to``) and
    ``read`` (what makes a page's rows of a
    queryset: dicts with ``pk`` and the search row's text for the snippets,
    ``selectors.list_rows``).

    The newest ``RANKED`` matches (ten pages) are ranked and shown first; the
    older ones follow, newest first. Ranking every match of a word that half
    of all cases contain would cost time in proportion to the number of cases
    (0.8 s at 100,000; 1,000 of them 8–14 ms, 250 of them 2–4 ms); a longer
    query, a filter or a sort order narrows the list instead. "Newest" is by
    number: cases are numbered as they are entered (``created_at`` is set
    then and never changed), and the older matches are read by it too.

    One query ranks them: the newest matches in primary-key order (an index
    walk that stops after ``RANKED`` rows, or a bitmap of the GIN index for a
    rare word), each with its rank (``_Rank``), computed for those rows only
    and sorted by it, equal ranks newest first (``_best``; on PostgreSQL in
    the same query: ``_ranked``, or ``_ranked_search_rows`` when only the
    search narrows the cases the user sees); the page's rows are
    then read by primary key. (Ranking in the page's query made PostgreSQL
    scan every case for the ``IN`` list of ids.) The older matches are those
    below the oldest ranked primary key, read in index order like the list
    without a search."""
    words = query_words(query)
    if not words:  # nothing to rank by (no letter or digit): the list, newest first
        return read(matching.order_by("-created_at", "-pk"))
    if connection.vendor == "postgresql" and _only_searched(matching, base):
        ranked, oldest, count = _ranked_search_rows(words, user)
    else:
        newest = (
            matching.order_by("-pk")
            .annotate(search_rank=_Rank(words))
            .values_list("pk", "search_rank")[:RANKED]
        )
        if connection.vendor == "postgresql":
            ranked, oldest, count = _ranked(*newest.query.sql_with_params())
        else:
            ranked = [pk for pk, _rank in sorted(newest, key=_best, reverse=True)]
            oldest, count = min(ranked, default=None), len(ranked)
    rest = None
    if count == RANKED:

        def rest() -> QuerySet[Case, dict[str, Any]]:
            return read(matching.filter(pk__lt=oldest).order_by("-pk"))

    return RankedCases(ranked, read(base), rest)


def _only_searched(matching: QuerySet[Case], base: QuerySet[Case]) -> bool:
    """Whether the search is all that narrows the cases the user sees:
    ``matching`` has the conditions of ``base`` (none for a coordinator; the
    one of ``visible_to`` for a caseworker) and only the one that
    ``cases_matching`` adds (any filter adds one more)."""
    return len(matching.query.where.children) == len(base.query.where.children) + 1


def _best(row: tuple[int, float]) -> tuple[float, int]:
    """The order of the ranked matches (id, rank): by rank, equal ranks newest first."""
    pk, rank = row
    return rank, pk


def _ranked(newest: str, params: Sequence[Any]) -> tuple[list[int], int | None, int]:
    """The ids of ``newest`` (a statement of the newest matches' id and rank)
    in the order of ``_best``, the smallest id and how many there are,
    sorted by PostgreSQL and read as one row (250 rows cost 0.3 ms of CPU
    to read)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(pk ORDER BY search_rank DESC, pk DESC), "  # noqa: S608
            f"min(pk), count(*) FROM ({newest}) AS newest (pk, search_rank)",
            params,  # also when empty: "%%" of the patterns is then read as "%"
        )
        ids, oldest, count = cursor.fetchone()
    return ids or [], oldest, count


def _ranked_search_rows(
    words: list[tuple[str, ...]], user: Staff
) -> tuple[list[int], int | None, int]:
    """``_ranked`` when the search is all that narrows the cases ``user``
    sees (``_only_searched``): read from the search rows alone, which hold
    all the ranking needs, and for a caseworker the words of each team
    (``seen_by``: the cases of their teams and those assigned to them).

    Joining each match's case took PostgreSQL 0.6–1.7 ms of the 2.3–4.0 ms
    of ranking a name at 100,000 cases (313 matches). For a caseworker, the
    team's matches are those of the team's words (``team_words``): the
    team's part of a word's postings in the GIN index, and a count per team
    in PostgreSQL's statistics. Asked for team and word apart, PostgreSQL
    took them for independent, and for a word common elsewhere and absent
    from the team it walked every row (473 ms at 1,000,000 cases) or
    intersected the team's postings with the word's (3 ms at 100,000, ten
    times that at 1,000,000; bench/README.md, rounds 9 and 10). For words
    common in the team of a caseworker of one team, the team's own newest
    rows are walked instead (``_walks_the_team``). The statement is written
    here: the ORM spent 1 ms of CPU to build it."""
    document = _tsquery_sql(words)
    rank = _rank_sql(words, '"document"', '"names"', on_postgresql=True)[0]

    def newest(where: str, order: str = "case_id DESC") -> str:
        return (
            f'SELECT case_id, {rank} AS "search_rank" FROM {CaseSearch._meta.db_table} '  # noqa: S608
            f"WHERE {where} ORDER BY {order} LIMIT {RANKED}"
        )

    where = f'"document" @@ {document}'
    if is_coordinator(user):
        return _ranked(newest(where), ())
    teams, assigned = seen_by(user)
    # The cases assigned to them (the number first: the document is only
    # read for these); more than can be written in by a subquery. The
    # numbers are written in: as parameters, or read in the statement,
    # PostgreSQL cannot estimate how many rows they select.
    theirs = None
    if assigned is None:
        table = Case.assignees.through._meta.db_table
        theirs = (
            f"case_id IN (SELECT case_id FROM {table} "  # noqa: S608
            f"WHERE user_id = {int(user.pk)}) AND {where}"
        )
    elif assigned:
        theirs = f"case_id = ANY({_int_array(assigned)}) AND {where}"
    if len(teams) == 1 and _walks_the_team(words, teams[0]):
        # The team's rows, newest first (index ``case_search_team_newest``,
        # migration 0026, the only one that gives this order), each tested
        # with a function the word index cannot answer: PostgreSQL can only
        # walk them.
        walk = newest(
            f'team_id = {int(teams[0])} AND ts_match_vq("document", {document})', "-case_id"
        )
        if theirs is None:
            return _ranked(walk, ())
        return _ranked(
            f"SELECT * FROM (({walk}) UNION ({newest(theirs)})) AS found "  # noqa: S608
            f"ORDER BY case_id DESC LIMIT {RANKED}",
            (),
        )
    sides = [f'"team_words" @@ ({_team_tsquery_sql(words, teams)})'] if teams else []
    if theirs is not None:
        sides.append(f"({theirs})")
    if not sides:
        return [], None, 0
    return _ranked(newest(" OR ".join(sides)), ())


# A caseworker's search walks the newest rows of their team when that reads
# fewer rows, and cheaper ones, than PostgreSQL's own plan would
# (``_walks_the_team``): the statistics are read again after this many seconds.
STATISTICS_SECONDS = 600
# Cost of a row read by the team's walk, relative to one read from the word
# index (a bitmap of the team's matches, read in full and sorted): measured
# at 100,000 cases, 0.9–1.6 ms for 500–1,500 rows against 21 ms for 4,284
# (bench/README.md, round 14).
WALK_ROW_COST = 0.4


@dataclass(frozen=True)
class TeamWordStatistics:
    """What PostgreSQL's statistics (``pg_stats``, kept by ANALYZE) say of
    the search rows: how many there are, the share of them that holds each
    frequent team word ("7.nachbar"), and the share of each frequent team."""

    rows: float
    words: dict[str, float]
    teams: dict[int, float]

    def part(self, words: list[tuple[str, ...]], team: int) -> float:
        """The estimated share of ``team``'s rows that hold every word of the
        query: for each word its most frequent form (the last word as a
        prefix: its most frequent completion), the words taken as
        independent within the team. A word that is not among the frequent
        ones counts as absent."""
        team_share = self.teams.get(team, 0.0)
        if team_share <= 0:
            return 0.0
        part = 1.0
        last = len(words) - 1
        for index, forms in enumerate(words):
            found = 0.0
            for form in forms:
                word = f"{int(team)}{TEAM_WORD}{stem(form)}"
                if index == last:
                    found = max(found, self._most_frequent_beginning(word))
                else:
                    found = max(found, self.words.get(word, 0.0))
            part *= min(1.0, found / team_share)
        return part

    @cached_property
    def _in_order(self) -> tuple[list[str], list[float]]:
        ordered = sorted(self.words.items())
        return [word for word, _share in ordered], [share for _word, share in ordered]

    def _most_frequent_beginning(self, beginning: str) -> float:
        """The share of the most frequent word that begins with ``beginning``."""
        words, shares = self._in_order
        start = bisect.bisect_left(words, beginning)
        end = bisect.bisect_left(words, beginning + "\U0010ffff", start)
        return max(shares[start:end], default=0.0)


_statistics: tuple[float, TeamWordStatistics | None] = (float("-inf"), None)


def team_word_statistics() -> TeamWordStatistics | None:
    """``TeamWordStatistics`` as PostgreSQL has them, read at most every
    ``STATISTICS_SECONDS`` per process; None before the first ANALYZE."""
    global _statistics
    read_at, statistics = _statistics
    if time.monotonic() - read_at < STATISTICS_SECONDS:
        return statistics
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.reltuples, w.most_common_elems::text::text[], w.most_common_elem_freqs,
                w.null_frac, t.most_common_vals::text::bigint[], t.most_common_freqs
            FROM pg_class c
            LEFT JOIN pg_stats w ON w.schemaname = c.relnamespace::regnamespace::text
                AND w.tablename = c.relname AND w.attname = 'team_words'
            LEFT JOIN pg_stats t ON t.schemaname = c.relnamespace::regnamespace::text
                AND t.tablename = c.relname AND t.attname = 'team_id'
            WHERE c.oid = %s::regclass
            """,
            [CaseSearch._meta.db_table],
        )
        rows, words, word_shares, without_team, teams, team_shares = cursor.fetchone()
    statistics = None
    if rows > 0 and words and teams:
        # A word's share is of the rows with team words (those with a team).
        with_team = 1.0 - (without_team or 0.0)
        statistics = TeamWordStatistics(
            rows=rows,
            words={w: f * with_team for w, f in zip(words, word_shares, strict=False)},
            teams=dict(zip(teams, team_shares, strict=True)),
        )
    _statistics = (time.monotonic(), statistics)
    return statistics


def _walks_the_team(words: list[tuple[str, ...]], team: int) -> bool:
    """Whether to find ``RANKED`` matches by walking ``team``'s newest rows:
    when that reads fewer rows, at ``WALK_ROW_COST``, than the team's
    matches read from the word index, and the team holds less than half of
    all rows (else the newest-first walk over all rows reads about as many,
    and cheaper ones). A word in a share ``p`` of the team's ``n`` rows:
    the walk reads about ``RANKED / p`` of them, the index ``p × n``.

    PostgreSQL does not make this choice itself: asked for team and word,
    it multiplies their shares (the team's words already hold the team),
    expects a tenth of the matches, and reads them all from the index (21
    ms at 100,000 cases for 4,284 matches, where the walk takes 1–1.6 ms;
    for a word absent from the team the walk would read all its rows, 16
    ms). The shares are PostgreSQL's own, per team word: a word common in
    one team and rare in another is walked for the first only."""
    statistics = team_word_statistics()
    if statistics is None:
        return False
    team_share = statistics.teams.get(team, 0.0)
    if not 0 < team_share < 0.5:
        return False
    team_rows = statistics.rows * team_share
    part = statistics.part(words, team)
    return part > 0 and WALK_ROW_COST * RANKED / part < part * team_rows


def _int_array(ids: list[int]) -> str:
    """Numbers (from the database) as an array literal of PostgreSQL."""
    return "'{" + ",".join(str(int(pk)) for pk in ids) + "}'::bigint[]"


def misspelt(queryset: QuerySet[Case], query: str) -> QuerySet[Case]:
    """When nothing matches: cases whose reference or name is like the query
    (trigram word similarity on PostgreSQL: "Aydinn" finds Aydın), most alike
    first. Elsewhere nothing."""
    phrase = " ".join(WORD.findall(fold(query)))
    if connection.vendor != "postgresql" or len(phrase) < 3:
        return queryset.none()
    from django.contrib.postgres.search import TrigramWordSimilarity

    return (
        queryset.filter(search__names__trigram_word_similar=Literal(phrase))
        .select_related("person")  # each is shown with its person's name
        .annotate(search_rank=TrigramWordSimilarity(phrase, "search__names"))
        .order_by("-search_rank", "-created_at", "-pk")[:PAGE_OF_GUESSES]
    )


def _ts_text(words: list[tuple[str, ...]]) -> str:
    """The query in ``to_tsquery`` syntax. Only letters and digits reach it,
    so it cannot break its syntax. Only the last word is a prefix: a prefix
    makes the GIN index collect every match of the word in a bitmap before
    combining (44 ms for "fatma:* & aydin:*" at 1,000,000 cases), whole words
    are intersected as they are read (4 ms)."""
    last = len(words) - 1
    return " & ".join(
        "(" + " | ".join(f"{form}:*" if index == last else form for form in forms) + ")"
        for index, forms in enumerate(words)
    )


def _tsquery_sql(words: list[tuple[str, ...]]) -> str:
    """The query for the search rows' ``document``, in SQL, with its words
    written in (as ``Literal`` does: each search is planned for its words)."""
    return f"to_tsquery({_quoted(SEARCH_CONFIG)}::regconfig, {_quoted(_ts_text(words))})"


def _team_tsquery_sql(words: list[tuple[str, ...]], teams: list[int]) -> str:
    """``_tsquery_sql`` for the words of these teams (``team_words_sql``):
    each word of the query, as the text search configuration makes it, after
    each team's number, the teams joined with OR. (In a query's text each
    word is quoted, a quote in it doubled: "ŉ" becomes 'n.)"""
    query, lexeme = _tsquery_sql(words), _quoted(LEXEME)
    return " || ".join(
        f"regexp_replace({query}::text, {lexeme}, "
        f"{_quoted(TEAM_LEXEME.format(team=int(team)))}, 'g')::tsquery"
        for team in teams
    )


class _TsQuery(SearchQuery):
    """``_tsquery_sql`` as the right-hand side of ``search__document=``."""

    def __init__(self, words: list[tuple[str, ...]]) -> None:
        super().__init__(_ts_text(words), search_type="raw")
        self.words = words

    def as_sql(self, compiler, connection, **extra):  # type: ignore[override]
        return _tsquery_sql(self.words), []


class Literal(Value):
    """A value written into the statement as a quoted literal, not sent as a
    parameter. For what decides a search's plan: statements are prepared
    (``DATABASES`` in the settings), and the plan PostgreSQL keeps for a
    prepared statement is made for any value of its parameters. It would not
    know whether the words match ten cases (read them through the index) or
    half of them (walk the newest cases until ``RANKED`` match); with the
    words in its text, each search is its own statement, planned for them."""

    def as_sql(self, compiler, connection):  # type: ignore[override]
        return _quoted(str(self.value)), []


def _quoted(text: str) -> str:
    """``text`` as a string literal of PostgreSQL, in psycopg's quoting ("%"
    doubled: a single one would be taken for a placeholder)."""
    from psycopg import sql

    return sql.quote(text).replace("%", "%%")


class _Rank(Func):
    """Reference and name first: how many words of the query begin a word of
    them (as typed or as their stem: "Aydıns" finds Aydın; ``names`` is
    folded). On PostgreSQL at least the rank of the whole document
    (``ts_rank``: the weights of the words found, for several words how
    close they stand; at most 1), that count scaled to 2 for all of the
    query's words. (``ts_rank_cd`` ranks alike but cost 0.3–0.5 ms more per
    search, over 250–313 matches at 100,000 cases.)

    Written as one expression: built of Django's lookups and functions
    (``Case``, ``When``, ``Greatest``, ``SearchRank``), the ORM took about
    1 ms of CPU to resolve and compare the tree on every search."""

    output_field = FloatField()

    def __init__(self, words: list[tuple[str, ...]]) -> None:
        super().__init__(F("search__document"), F("search__names"))
        self.words = words

    def as_sql(self, compiler, connection, **extra):  # type: ignore[override]
        document, names = (compiler.compile(e)[0] for e in self.get_source_expressions())
        return _rank_sql(
            self.words, document, names, on_postgresql=connection.vendor == "postgresql"
        )


def _rank_sql(
    words: list[tuple[str, ...]], document: str, names: str, *, on_postgresql: bool
) -> tuple[str, list[str]]:
    """``_Rank`` of the search row's columns ``document`` and ``names``."""
    hits, params = [], []
    for forms in words:
        patterns = [
            pattern
            for form in dict.fromkeys([*forms, *(stem(form) for form in forms)])
            for pattern in (f"{form}%", f"% {form}%")
        ]
        if on_postgresql:  # written into the statement, as the condition's words (Literal)
            likes = [f"{names} LIKE {_quoted(pattern)}" for pattern in patterns]
        else:
            likes = [f"{names} LIKE %s"] * len(patterns)
            params += patterns
        hits.append("CASE WHEN " + " OR ".join(likes) + " THEN 1 ELSE 0 END")
    in_names = "(" + " + ".join(hits) + ")"
    if not on_postgresql:
        return in_names, params
    return (
        f"GREATEST(ts_rank({document}, {_tsquery_sql(words)}), "
        f"{in_names} * {2.0 / len(words)}::float8)",
        [],
    )


def snippet(body: str, query: str) -> SafeString:
    """A few words around the first match in ``body``, each match in ``<mark>``;
    the text is escaped, only the marks are HTML."""
    return snippets([body], query)[0]


def snippets(bodies: list[str], query: str) -> list[SafeString]:
    """The ``snippet`` of each of ``bodies`` (the rows of a page): each
    different word of them is folded, stemmed and compared with the query
    once for all, and only up to the end of each snippet (texts repeat their
    words, and the rest is not shown)."""
    words = query_words(query)
    seen: dict[str, bool] = {}
    return [_snippet(body, words, seen) for body in bodies]


def _snippet(body: str, words: list[tuple[str, ...]], seen: dict[str, bool]) -> SafeString:
    tokens = list(WORD.finditer(body))
    if not words or not tokens:
        return mark_safe("")

    def is_hit(index: int) -> bool:
        token = tokens[index].group()
        if token not in seen:
            seen[token] = _matches(token, words)
        return seen[token]

    first_hit = next((index for index in range(len(tokens)) if is_hit(index)), None)
    if first_hit is None:
        return mark_safe("")
    first = max(0, first_hit - SNIPPET_WORDS // 3)
    last = min(len(tokens) - 1, first + SNIPPET_WORDS - 1)
    hits = [index for index in range(first_hit, last + 1) if is_hit(index)]
    start = tokens[first].start() if first > 0 else 0
    end = tokens[last].end() if last < len(tokens) - 1 else len(body)
    parts = ["… " if start > 0 else ""]
    position = start
    for index in hits:
        if not first <= index <= last:
            continue
        token = tokens[index]
        parts.append(escape(body[position : token.start()]))
        parts.append(f"<mark>{escape(token.group())}</mark>")
        position = token.end()
    parts.append(escape(body[position:end]))
    parts.append(" …" if end < len(body) else "")
    return mark_safe("".join(parts))  # noqa: S308 -- every piece of text above is escaped
