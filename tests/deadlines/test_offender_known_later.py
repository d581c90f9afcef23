"""Täter unbekannt, later known (issue 18, point 5): the case page shows that
the § 77b StGB period has not started; once the person learns who did it,
recording that day starts the Strafantrag period. Without this, an incident
recorded before the offender was known never got its period."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.deadlines.models import Deadline
from cases.deadlines.services import incident_record_with_deadlines

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2025, 4, 10, 9, tzinfo=dt.UTC)


@pytest.fixture
def unknown_offender(case, caseworker):
    return incident_record_with_deadlines(
        case=case,
        by=caseworker,
        kind="fake_profile",
        description="Freundschaftsanfrage von einem Fake-Profil",
        learned_of_act_on=dt.date(2025, 3, 10),
    )


def _learn(client, incident, **data):
    return client.post(reverse("deadlines:incident_offender", args=[incident.pk]), data)


def test_recording_the_offender_later_starts_the_77b_period(case, unknown_offender, cw_client):
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Täter unbekannt: die Frist des § 77b StGB beginnt erst mit Kenntnis vom Täter" in page
    assert reverse("deadlines:incident_offender", args=[unknown_offender.pk]) in page

    with time_machine.travel(TODAY):
        response = _learn(
            cw_client,
            unknown_offender,
            learned_of_offender_on="2025-04-02",
            staff_member="Sachbearbeiterin M.",
        )
        assert response.status_code == 302
        page = cw_client.get(response.url).text

    deadline = unknown_offender.deadlines.get()
    # § 77b Abs. 2 Satz 1 StGB: knew of the act 10.03., of the offender 02.04.2025;
    # the later day counts, three months from its end (§ 77b Abs. 1 Satz 1 StGB):
    # Wed 02.07.2025, a working day in Berlin.
    assert (deadline.rule, deadline.due_on, deadline.status) == (
        "criminal_complaint",
        dt.date(2025, 7, 2),
        Deadline.Status.OPEN,
    )
    assert "Kenntnis von der Person des Täters: Mi 02.04.2025" in deadline.explanation
    unknown_offender.refresh_from_db()
    assert unknown_offender.staff_member == "Sachbearbeiterin M."
    assert "Strafantragsfrist bis 02.07.2025" in page
    assert "Täter unbekannt" not in page
    assert (
        "Kenntnis vom Täter erfasst: Login / Fake-Profil / Freundschaftsanfrage – 02.04.2025"
        in (page)
    )


def test_a_future_day_or_a_second_recording_is_refused_and_changes_nothing(
    unknown_offender, cw_client
):
    with time_machine.travel(TODAY):
        page = cw_client.get(
            _learn(cw_client, unknown_offender, learned_of_offender_on="2025-04-11").url
        ).text
        assert "Das Datum liegt in der Zukunft." in page
        assert not unknown_offender.deadlines.exists()

        _learn(cw_client, unknown_offender, learned_of_offender_on="2025-04-02")
        page = cw_client.get(
            _learn(cw_client, unknown_offender, learned_of_offender_on="2025-04-05").url
        ).text
    assert "schon erfasst" in page
    assert unknown_offender.deadlines.get().due_on == dt.date(2025, 7, 2)


def test_where_no_offence_is_plausible_no_period_starts(case, caseworker, cw_client):
    """A Google search (§ 42 BDSG needs data not generally accessible): the
    day is recorded, no Strafantrag period is created."""
    incident = incident_record_with_deadlines(
        case=case,
        by=caseworker,
        kind="search_engine",
        description="Google",
        was_asked_first=False,
        was_informed_afterwards=False,
    )
    with time_machine.travel(TODAY):
        _learn(cw_client, incident, learned_of_offender_on="2025-04-02")
    incident.refresh_from_db()
    assert incident.learned_of_offender_on == dt.date(2025, 4, 2)
    assert not incident.deadlines.exists()


def test_another_teams_incident_answers_404(unknown_offender, other_client):
    response = _learn(other_client, unknown_offender, learned_of_offender_on="2025-04-02")
    assert response.status_code == 404
