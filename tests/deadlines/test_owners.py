"""An owner for each deadline, and closing a case decides its deadlines
(issue 18, points 2 and 3)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.deadlines.models import Deadline
from cases.models import Case
from tests.deadlines.factories import DeadlineFactory
from tests.factories import CaseFactory, UserFactory
from tests.intake.factories import IntakeSubmissionFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2025, 4, 14, 8, tzinfo=dt.UTC)


def _convert(client, submission, team, jobcenter, **extra):
    return client.post(
        reverse("intake:convert", args=[submission.pk]),
        {"team": team.pk, "jobcenter": jobcenter.pk, "decision_kind": "minderung", **extra},
    )


def test_a_converted_report_is_assigned_to_whoever_converts_it(
    cw_client, caseworker, team, jobcenter
):
    """Issue 18: a case from a public report had nobody assigned, so its
    Widerspruchsfrist showed only under "Team", never under "meine"."""
    submission = IntakeSubmissionFactory(jobcenter=jobcenter, decision_dated_on=dt.date(2025, 4, 1))
    with time_machine.travel(TODAY):
        assert _convert(cw_client, submission, team, jobcenter).status_code == 302
        submission.refresh_from_db()
        assert list(submission.case.assignees.all()) == [caseworker]
        mine = cw_client.get(reverse("deadlines:list"), {"scope": "mine"}).text
    objection = submission.case.deadlines.get(rule="objection")
    assert f'href="/fristen/{objection.pk}/"' in mine


def test_the_converting_person_may_name_someone_else(cw_client, team, jobcenter):
    colleague = UserFactory(username="kollegin", groups=["caseworker"])
    team.members.add(colleague)
    submission = IntakeSubmissionFactory(jobcenter=jobcenter)
    _convert(cw_client, submission, team, jobcenter, assignee=colleague.pk)
    submission.refresh_from_db()
    assert list(submission.case.assignees.all()) == [colleague]


def test_coordinators_see_the_deadlines_nobody_is_responsible_for(
    team, jobcenter, coord_client, cw_client
):
    orphan = CaseFactory(team=team, jobcenter=jobcenter)
    deadline = DeadlineFactory(
        case=orphan, title="Frist ohne Zuständige", due_on=dt.date(2025, 6, 2)
    )
    with time_machine.travel(TODAY):
        coordinator_page = coord_client.get(reverse("cases:dashboard")).text
        caseworker_page = cw_client.get(reverse("cases:dashboard")).text
        unassigned = cw_client.get(reverse("deadlines:list"), {"scope": "unassigned"}).text
        detail = cw_client.get(reverse("deadlines:detail", args=[deadline.pk])).text
    box = coordinator_page[coordinator_page.index("Fristen: niemand zuständig") :]
    assert "Frist ohne Zuständige" in box
    assert "Fristen: niemand zuständig" not in caseworker_page
    assert "Frist ohne Zuständige" in unassigned
    assert "data-unassigned" in detail


# --- closing decides ---------------------------------------------------------------


@pytest.fixture
def two_open(case):
    return (
        DeadlineFactory(case=case, title="Widerspruchsfrist", due_on=dt.date(2025, 4, 20)),
        DeadlineFactory(
            case=case,
            rule="criminal_complaint",
            title="Strafantragsfrist",
            due_on=dt.date(2025, 4, 10),
            status=Deadline.Status.MISSED,
        ),
    )


def _close(client, case, **data):
    return client.post(
        reverse("cases:transition", args=[case.reference]), {"to_status": "closed", **data}
    )


def test_the_close_action_lists_the_open_deadlines(case, two_open, cw_client):
    # The status form, loaded when the case page's panel "Status ändern" is opened.
    page = cw_client.get(reverse("cases:transition", args=[case.reference])).text
    for deadline in two_open:
        assert f'name="deadline_{deadline.pk}"' in page
        assert f"Beim Abschließen oder Ablehnen: {deadline.title}" in page


def test_closing_without_deciding_each_deadline_is_refused_and_changes_nothing(
    case, two_open, cw_client
):
    widerspruch, strafantrag = two_open
    response = _close(cw_client, case, **{f"deadline_{widerspruch.pk}": "keep"})
    assert "Bitte entscheiden: weiter überwachen oder gegenstandslos." in response.text
    response = _close(
        cw_client,
        case,
        **{f"deadline_{widerspruch.pk}": "keep", f"deadline_{strafantrag.pk}": "cancel"},
    )
    assert "Bitte angeben, warum die Frist gegenstandslos ist." in response.text
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN
    assert Deadline.objects.filter(case=case, is_kept_when_closed=True).count() == 0


def test_closing_cancels_with_reason_or_keeps_each_and_kept_ones_stay_watched(
    case, two_open, cw_client
):
    widerspruch, strafantrag = two_open
    with time_machine.travel(TODAY):
        response = _close(
            cw_client,
            case,
            **{
                f"deadline_{widerspruch.pk}": "keep",
                f"deadline_{strafantrag.pk}": "cancel",
                f"deadline_{strafantrag.pk}_reason": "Person verzichtet auf Strafantrag",
            },
        )
        assert response.status_code in (200, 302)
        case.refresh_from_db()
        assert case.status == Case.Status.CLOSED
        widerspruch.refresh_from_db()
        strafantrag.refresh_from_db()
        assert strafantrag.status == Deadline.Status.CANCELLED
        assert case.events.filter(
            note="Person verzichtet auf Strafantrag", data__action="cancelled"
        ).exists()
        assert case.events.filter(data__action="kept", data__deadline=widerspruch.pk).exists()
        assert widerspruch.is_kept_when_closed
        # The kept one is still due soon on the Fristen page and the dashboard.
        fristen = cw_client.get(reverse("deadlines:list")).text
        assert 'data-state="due_soon"' in fristen
        assert "Widerspruchsfrist" in cw_client.get(reverse("cases:dashboard")).text
        # The closed case shows no overdue badge.
        listing = cw_client.get(reverse("cases:case_list")).text
        assert "Frist überfällig" not in listing
