"""The pages make the same number of queries however many rows they show."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cases.search import case_search_refresh
from cases.services import case_note_add
from tests.factories import CaseFactory, DecisionFactory, IncidentFactory

pytestmark = pytest.mark.django_db

# user, TOTP check, the user's groups (coordinator?) come first on every page
# (the session is read from the cache); a caseworker's teams and assigned
# cases are read with the groups, in the same query (cases.models.seen_by).
# + page of cases (one row more, no count), assignees, the deadline columns of
# the page's rows, the staff (options of the filter and of the bulk action,
# read once)
# + the saved searches, the read entries of the cases shown (one insert)
LIST_QUERIES = 9
# + the new-reports counter of the intake inbox, my cases, triage, deadlines due
# (open and missed, in one walk of the index deadline_active_by_date), recent
# events, the read entries of the cases shown (one insert)
DASHBOARD_QUERIES = 9
# + case, assignees, events, incidents, evidence, decisions, deadlines, letters,
# the read-access audit entry (the action forms load when their panel is opened)
DETAIL_QUERIES = 12


def _workspace(team, caseworker, rows):
    cases = [CaseFactory(team=team, assignees=[caseworker]) for _ in range(rows)]
    for case in cases:
        IncidentFactory(case=case)
        IncidentFactory(case=case)
        DecisionFactory(case=case)
        case_note_add(case=case, by=caseworker, note="Notiz")
    return cases


@pytest.mark.parametrize("rows", [1, 8])
def test_case_list_query_count_is_fixed(
    cw_client, team, caseworker, rows, django_assert_num_queries
):
    _workspace(team, caseworker, rows)
    with django_assert_num_queries(LIST_QUERIES):
        response = cw_client.get(reverse("cases:case_list"))
    assert response.text.count("/faelle/2026-") >= rows


@pytest.mark.parametrize("rows", [1, 8])
def test_filtered_case_list_query_count_is_fixed(
    cw_client, team, caseworker, rows, django_assert_num_queries
):
    _workspace(team, caseworker, rows)
    query = {
        "q": "2026",
        "incident_kind": "profile_research",
        "has_overdue": "false",
        "sort": "-person",
    }
    with django_assert_num_queries(LIST_QUERIES):
        response = cw_client.get(reverse("cases:case_list"), query)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 8])
def test_case_list_of_a_jobcenter_by_name_query_count_is_fixed(
    cw_client, team, caseworker, rows, django_assert_num_queries
):
    cases = _workspace(team, caseworker, rows)
    name = cases[0].jobcenter.name
    # + the Jobcenters of that name (then the list by the index of its
    # Jobcenter: case_jobcenter_newest_first)
    with django_assert_num_queries(LIST_QUERIES + 1):
        response = cw_client.get(reverse("cases:case_list"), {"jobcenter": name})
    assert cases[0].reference in response.text


@pytest.mark.parametrize("rows", [1, 8])
def test_dashboard_query_count_is_fixed(
    cw_client, team, caseworker, rows, django_assert_num_queries
):
    _workspace(team, caseworker, rows)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = cw_client.get(reverse("cases:dashboard"))
    assert response.status_code == 200


@pytest.mark.parametrize("incidents", [1, 6])
@pytest.mark.parametrize("as_coordinator", [False, True])
def test_case_page_query_count_is_fixed(
    cw_client, coord_client, team, caseworker, incidents, as_coordinator, django_assert_num_queries
):
    (case,) = _workspace(team, caseworker, 1)
    for _ in range(incidents):
        IncidentFactory(case=case)
        case_note_add(case=case, by=caseworker, note="noch eine")
    client = coord_client if as_coordinator else cw_client
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(reverse("cases:case_detail", args=[case.reference]))
    assert response.status_code == 200
    # The action forms are not rendered with the page: each loads when its
    # panel is opened, and without JavaScript its link opens it on a page of its own.
    for action in ("note_add", "transition", "assignment", "incident_add", "decision_add"):
        url = reverse(f"cases:{action}", args=[case.reference])
        assert f'hx-get="{url}" hx-trigger="intersect once"><a href="{url}">' in response.text
    # Every incident is an option of the evidence form and a box of the Bescheid form.
    evidence_form = client.get(reverse("cases:evidence_upload", args=[case.reference])).text
    decision_form = client.get(reverse("cases:decision_add", args=[case.reference])).text
    for incident in case.incidents.all():
        assert f'<option value="{incident.pk}">{incident}</option>' in evidence_form
        assert f'name="incidents" value="{incident.pk}"' in decision_form


# user, TOTP check, groups first (as above, the session from the cache), then:
USER_LIST_QUERIES = 7  # + count, page of users with roles, teams and 2FA state
JOBCENTER_LIST_QUERIES = 5  # + count, page of Jobcenters with their case counts
AUDIT_LIST_QUERIES = 11  # + count, page of entries with actors, content types,
# then one query per kind of object for the links (case, person, incident, evidence,
# decision) and the timeline events with their case


@pytest.mark.parametrize("rows", [1, 8])
def test_user_list_query_count_is_fixed(coord_client, team, rows, django_assert_num_queries):
    from tests.factories import UserFactory

    users = [UserFactory() for _ in range(rows)]
    for user in users:
        user.teams.add(team)
    with django_assert_num_queries(USER_LIST_QUERIES):
        response = coord_client.get(reverse("users:list"))
    assert all(user.username in response.text for user in users)


@pytest.mark.parametrize("rows", [1, 8])
def test_jobcenter_list_query_count_is_fixed(
    cw_client, team, caseworker, rows, django_assert_num_queries
):
    from tests.factories import JobcenterFactory

    centers = [JobcenterFactory(name=f"Jobcenter Probe {n}") for n in range(rows)]
    for center in centers:
        CaseFactory(team=team, jobcenter=center, assignees=[caseworker])
    with django_assert_num_queries(JOBCENTER_LIST_QUERIES):
        response = cw_client.get(reverse("cases:jobcenter_list"), {"q": "Probe"})
    assert all(center.name in response.text for center in centers)


@pytest.mark.parametrize("rows", [1, 8])
def test_audit_log_query_count_is_fixed(
    coord_client, team, caseworker, rows, django_assert_num_queries
):
    _workspace(team, caseworker, rows)
    with django_assert_num_queries(AUDIT_LIST_QUERIES):
        response = coord_client.get(reverse("cases:audit_log"))
    assert response.status_code == 200


def test_the_assignment_form_loads_when_opened(cw_client, team, caseworker):
    (case,) = _workspace(team, caseworker, 1)
    url = reverse("cases:assignment", args=[case.reference])
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert f'hx-get="{url}" hx-trigger="intersect once"' in page
    partial = cw_client.get(url, headers={"HX-Request": "true"})
    assert partial["HX-Retarget"] == "#form-assignment"
    assert 'name="assignees"' in partial.text and caseworker.get_full_name() in partial.text
    # Without JavaScript the link opens the form on a page of its own.
    assert 'name="assignees"' in cw_client.get(url).text


@pytest.mark.parametrize("rows", [1, 8])
def test_the_similar_names_offered_for_a_search_without_matches_cost_fixed_queries(
    cw_client, team, caseworker, rows, django_assert_num_queries
):
    if connection.vendor != "postgresql":
        pytest.skip("similar names are offered with pg_trgm")
    for case in _workspace(team, caseworker, rows):
        case.person.name = "Fatma Aydın"
        case.person.save()
        case_search_refresh(case_ids=[case.pk])
    # As the list, without the assignees and deadline columns of rows it has
    # none of, with the similar names (each with its person, in the same
    # query). The caseworker's teams and assigned cases come with their
    # groups, in one query (cases.models.seen_by), as on the list.
    with django_assert_num_queries(LIST_QUERIES - 2 + 1):
        response = cw_client.get(reverse("cases:case_list"), {"q": "Aydinn"})
    assert "Ähnliche Namen und Aktenzeichen" in response.text
    assert response.text.count("Fatma Aydın") == rows


@pytest.mark.parametrize("rows", [1, 8])
def test_searched_case_list_query_count_is_fixed(
    cw_client, team, caseworker, rows, django_assert_num_queries
):
    _workspace(team, caseworker, rows)
    # + the newest matches with their rank (the page's query reads the rows by
    #   id; the caseworker's teams and assigned cases, which the ranking asks
    #   for, come with their groups in one query: cases.models.seen_by)
    with django_assert_num_queries(LIST_QUERIES + 1):
        response = cw_client.get(reverse("cases:case_list"), {"q": "facebook"})
    assert response.text.count("<mark>") >= rows


@pytest.mark.parametrize("read", ["_assignees_by_name", "_active_deadlines_flagged"])
def test_the_lists_columns_of_other_tables_read_what_the_orm_reads(
    team, caseworker, coordinator, read
):
    """``selectors.of_cases`` runs the deadline and assignee queries of the
    case list compiled once (PostgreSQL, ``= ANY``): the same rows in the
    same order as the ORM's ``case_id__in``, for the cases asked for only."""
    from cases import selectors
    from cases.services import case_assign
    from tests.deadlines.factories import DeadlineFactory

    today = timezone.localdate()
    cases = _workspace(team, caseworker, 3)
    for number, case in enumerate(cases):
        case_assign(case=case, by=coordinator, assignees=[caseworker, coordinator])
        for days in (3, -2, 9):
            DeadlineFactory(case=case, due_on=today + dt.timedelta(days=days + number))
    queryset = getattr(selectors, read)(*([today] if "deadlines" in read else []))
    asked = [cases[2].pk, cases[0].pk]
    rows = selectors.of_cases(queryset, asked)
    assert rows == list(queryset.filter(case_id__in=asked))
    assert {row[0] for row in rows} == set(asked) and len(rows) == (6 if "deadlines" in read else 4)
    assert selectors.of_cases(queryset, [cases[1].pk]) == list(
        queryset.filter(case_id__in=[cases[1].pk])
    )
