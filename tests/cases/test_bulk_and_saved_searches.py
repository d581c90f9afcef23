"""Point 5 of the workspace issue: bulk actions and saved searches on the case list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case, CaseEvent, SavedSearch
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_bulk_status_change_goes_through_each_case_and_reports_the_refused(
    cw_client, caseworker, team, other_team
):
    new_one = CaseFactory(team=team, status=Case.Status.NEW)
    new_two = CaseFactory(team=team, status=Case.Status.NEW)
    closed = CaseFactory(team=team, status=Case.Status.CLOSED)  # closed → triage is not allowed
    foreign = CaseFactory(team=other_team, status=Case.Status.NEW)
    response = cw_client.post(
        reverse("cases:case_bulk"),
        {
            "cases": [new_one.reference, new_two.reference, closed.reference],
            "action": "status",
            "to_status": "triage",
            "next": reverse("cases:case_list") + "?status=new",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("cases:case_list") + "?status=new"
    for case in (new_one, new_two, closed):
        case.refresh_from_db()
    assert new_one.status == new_two.status == Case.Status.TRIAGE
    assert closed.status == Case.Status.CLOSED
    page = response.text
    assert "Erledigt für 2 Fälle" in page
    assert f"{closed.reference} nicht geändert" in page
    # Each change is on its own case's timeline.
    assert new_one.events.filter(kind=CaseEvent.Kind.STATUS).count() == 1

    # Another team's case cannot be reached through the bulk form.
    cw_client.post(
        reverse("cases:case_bulk"),
        {"cases": [foreign.reference], "action": "status", "to_status": "triage"},
    )
    foreign.refresh_from_db()
    assert foreign.status == Case.Status.NEW


def test_bulk_assign_adds_the_person_and_keeps_the_others(cw_client, caseworker, coordinator, team):
    mine = CaseFactory(team=team, assignees=[caseworker])
    nobodys = CaseFactory(team=team)
    cw_client.post(
        reverse("cases:case_bulk"),
        {
            "cases": [mine.reference, nobodys.reference],
            "action": "assign",
            "assignee": coordinator.pk,
        },
    )
    assert set(mine.assignees.all()) == {caseworker, coordinator}
    assert set(nobodys.assignees.all()) == {coordinator}


def test_bulk_form_without_cases_or_target_says_what_is_missing(cw_client, team):
    case = CaseFactory(team=team)
    page = cw_client.post(reverse("cases:case_bulk"), {"action": "assign"}, follow=True).text
    assert "Bitte wählen Sie mindestens einen Fall aus." in page
    page = cw_client.post(
        reverse("cases:case_bulk"), {"cases": [case.reference], "action": "status"}, follow=True
    ).text
    assert "Bitte wählen Sie den neuen Status." in page


def test_saved_searches_belong_to_their_user(cw_client, other_client, caseworker, team):
    response = cw_client.post(
        reverse("cases:saved_search_add"),
        {"name": "Neue in Bayern", "query": "status=new&state=BY&page=3&evil=1"},
    )
    search = SavedSearch.objects.get(user=caseworker)
    assert search.query == "status=new&state=BY"  # only the list's own filters
    assert response["Location"] == reverse("cases:case_list") + "?status=new&state=BY"

    mine = cw_client.get(reverse("cases:case_list")).text
    assert f'href="{reverse("cases:case_list")}?status=new&amp;state=BY">Neue in Bayern</a>' in mine
    assert "Neue in Bayern" not in other_client.get(reverse("cases:case_list")).text

    delete = reverse("cases:saved_search_delete", args=[search.pk])
    assert other_client.post(delete).status_code == 404
    cw_client.post(delete)
    assert not SavedSearch.objects.exists()


def test_saving_an_empty_search_is_refused_with_a_message(cw_client, caseworker):
    page = cw_client.post(
        reverse("cases:saved_search_add"), {"name": "Alles", "query": "page=2"}, follow=True
    ).text
    assert "Es ist keine Suche und kein Filter gesetzt." in page
    assert not SavedSearch.objects.exists()
