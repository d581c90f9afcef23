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


# --- an assignee whose account was deactivated is nobody ----------------------------


def test_a_case_whose_only_assignee_left_counts_as_nobody_responsible(
    team, jobcenter, caseworker, coordinator, coord_client, cw_client, mailoutbox
):
    """A caseworker leaves and the account is deactivated: the deadlines of
    their cases must not go quiet. They appear under "niemand zuständig", the
    team is reminded, and the digest marks them."""
    from cases.deadlines.tasks import scan_deadlines, send_weekly_digests

    departed = UserFactory(username="ausgeschieden", groups=["caseworker"], is_active=False)
    team.members.add(departed)
    orphan = CaseFactory(team=team, jobcenter=jobcenter, assignees=[departed])
    deadline = DeadlineFactory(
        case=orphan, title="Frist der Ausgeschiedenen", due_on=dt.date(2025, 4, 21)
    )
    with time_machine.travel(TODAY):
        dashboard = coord_client.get(reverse("cases:dashboard")).text
        unassigned = cw_client.get(reverse("deadlines:list"), {"scope": "unassigned"}).text
        detail = cw_client.get(reverse("deadlines:detail", args=[deadline.pk])).text
        scan_deadlines()  # 7 days before: the reminder
        send_weekly_digests()
    box = dashboard[dashboard.index("Fristen: niemand zuständig") :]
    assert "Frist der Ausgeschiedenen" in box
    assert "Frist der Ausgeschiedenen" in unassigned
    assert "data-unassigned" in detail
    reminders = [m for m in mailoutbox if "Frist der Ausgeschiedenen" in m.body]
    assert caseworker.email in {address for m in reminders for address in m.to}
    (digest,) = [m for m in mailoutbox if m.to == [caseworker.email] and "KW 16" in m.subject]
    line = digest.body[digest.body.index("Frist der Ausgeschiedenen") :]
    assert "niemand zuständig" in line.split("\n\n")[0]


def test_closing_from_the_case_list_is_refused_for_a_case_with_open_deadlines(
    case, team, jobcenter, caseworker, cw_client
):
    """The bulk action on the case list closed cases without deciding their
    deadlines, which then rested unwatched. A case without open deadlines
    still closes."""
    DeadlineFactory(case=case, title="Klagefrist", due_on=dt.date(2025, 4, 22))
    quiet = CaseFactory(team=team, jobcenter=jobcenter, assignees=[caseworker])
    response = cw_client.post(
        reverse("cases:case_bulk"),
        {"cases": [case.reference, quiet.reference], "action": "status", "to_status": "closed"},
        follow=True,
    )
    case.refresh_from_db()
    quiet.refresh_from_db()
    assert case.status == Case.Status.OPEN
    assert quiet.status == Case.Status.CLOSED
    assert f"{case.reference} nicht geändert: offene Fristen" in response.text


@pytest.mark.parametrize("status", [Case.Status.CLOSED, Case.Status.REJECTED])
def test_a_deadline_arising_in_an_ended_case_is_watched(
    status, team, jobcenter, caseworker, cw_client
):
    """A Bescheid recorded in a case that was already closed: its
    Widerspruchsfrist was decided by nobody at the closing, so it must not
    rest unseen. It is watched like a kept one (lists, reminders, digest);
    the closed case still shows no overdue badge."""
    from cases.deadlines.services import decision_record_with_deadlines
    from cases.models import Decision

    ended = CaseFactory(team=team, jobcenter=jobcenter, assignees=[caseworker], status=status)
    with time_machine.travel(TODAY):
        decision = decision_record_with_deadlines(
            case=ended,
            by=caseworker,
            kind=Decision.Kind.SANCTION,
            dated_on=dt.date(2025, 4, 7),
            posted_on=dt.date(2025, 4, 7),
        )
        fristen = cw_client.get(reverse("deadlines:list")).text
    objection = decision.deadlines.get()
    # § 37 Abs. 2 Satz 1 SGB X: posted Mon 07.04.2025 → notified Fri 11.04.2025;
    # § 84 Abs. 1 SGG: one month → Sun 11.05.2025 → Mon 12.05.2025 (§ 64 Abs. 3 SGG).
    assert objection.due_on == dt.date(2025, 5, 12)
    assert objection.is_kept_when_closed
    assert f'href="/fristen/{objection.pk}/"' in fristen
    assert 'data-state="resting"' not in fristen
