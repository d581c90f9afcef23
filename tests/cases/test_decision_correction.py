"""Correcting a Bescheid's dates recomputes its deadlines (§ 37 Abs. 2 SGB X, § 84 SGG)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cases.deadlines.models import Deadline
from cases.deadlines.services import decision_correct_with_deadlines, decision_record_with_deadlines
from cases.models import CaseEvent, Decision
from tests.factories import CaseFactory, JobcenterFactory


@pytest.fixture
def case(team, caseworker):
    return CaseFactory(team=team, jobcenter=JobcenterFactory(state="BE"), assignees=[caseworker])


def _objection(decision: Decision) -> Deadline:
    return decision.deadlines.get(rule="objection")


@pytest.mark.django_db
def test_correcting_the_posting_date_moves_the_widerspruch_deadline(case, caseworker, cw_client):
    decision = decision_record_with_deadlines(
        case=case,
        by=caseworker,
        kind=Decision.Kind.SANCTION,
        dated_on=dt.date(2025, 2, 27),
        posted_on=dt.date(2025, 2, 28),
    )
    # Posted Fri 28.02.2025 → notified Tue 04.03.2025 → ends Fri 04.04.2025.
    assert _objection(decision).due_on == dt.date(2025, 4, 4)

    response = cw_client.post(
        reverse("cases:decision_edit", args=[case.reference, decision.pk]),
        {
            "kind": Decision.Kind.SANCTION,
            "dated_on": "2025-02-28",
            "posted_on": "2025-03-03",
            "has_correct_legal_remedy_notice": "True",
        },
    )
    assert response.status_code == 302
    # Worked example: posted Mon 03.03.2025 → notified Fri 07.03.2025 → Mon 07.04.2025.
    assert _objection(decision).due_on == dt.date(2025, 4, 7)
    event = case.events.filter(kind=CaseEvent.Kind.DECISION, data__action="corrected").get()
    assert event.data["changed"]["posted_on"] == ["2025-02-28", "2025-03-03"]


@pytest.mark.django_db
def test_a_correction_without_a_change_writes_nothing(case, caseworker):

    decision = decision_record_with_deadlines(
        case=case,
        by=caseworker,
        kind=Decision.Kind.SANCTION,
        dated_on=dt.date(2025, 2, 27),
        posted_on=dt.date(2025, 2, 28),
    )
    events_before = case.events.count()
    decision_correct_with_deadlines(
        decision=decision, by=caseworker, posted_on=dt.date(2025, 2, 28)
    )
    assert case.events.count() == events_before


@pytest.mark.django_db
def test_another_team_cannot_correct_a_decision(case, caseworker, other_client):
    decision = decision_record_with_deadlines(
        case=case, by=caseworker, kind=Decision.Kind.SANCTION, dated_on=dt.date(2025, 2, 27)
    )
    url = reverse("cases:decision_edit", args=[case.reference, decision.pk])
    assert other_client.get(url).status_code == 404
    assert (
        other_client.post(url, {"kind": "minderung", "dated_on": "2025-01-01"}).status_code == 404
    )
    decision.refresh_from_db()
    assert decision.dated_on == dt.date(2025, 2, 27)
