"""One vocabulary (issue 18): after the 15-minute scan has set a deadline to
"versäumt", the case list (badge and filter), the dashboard, the Fristen
page and the weekly digest all still show it, in the same words; a closed
or rejected case shows no overdue badge anywhere."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.deadlines.models import Deadline, State, possible_from_rules
from cases.deadlines.tasks import scan_deadlines, send_weekly_digests
from cases.models import Case
from tests.deadlines.factories import DeadlineFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2025, 4, 14)


def monday_morning():
    return time_machine.travel(dt.datetime(2025, 4, 14, 6, 0, tzinfo=dt.UTC))


def _case_list(client, **query) -> str:
    return client.get(reverse("cases:case_list"), query).text


def _row_of(html: str, reference: str) -> str:
    """The table row of the case list that shows ``reference``."""
    start = html.index(f">{reference}</a>")
    return html[start : html.index("</tr>", start)]


@pytest.fixture
def four_missed(case):
    """The issue's scenario: four legal deadlines that passed last week."""
    return [
        DeadlineFactory(case=case, title=f"Widerspruchsfrist {n}", due_on=dt.date(2025, 4, 7 + n))
        for n in range(4)
    ]


def test_after_the_scan_list_dashboard_fristen_and_digest_agree(
    four_missed, case, cw_client, coord_client, caseworker, coordinator, mailoutbox
):
    with monday_morning():
        scan_deadlines()
        assert Deadline.objects.filter(status=Deadline.Status.MISSED).count() == 4

        # Case list: the badge and the filter.
        assert "Frist überfällig" in _row_of(_case_list(cw_client), case.reference)
        assert f">{case.reference}</a>" in _case_list(cw_client, has_overdue="true")
        assert f">{case.reference}</a>" not in _case_list(cw_client, has_overdue="false")

        # Dashboard of the coordinator (the issue: "Diese Woche ist keine Frist fällig").
        dashboard = coord_client.get(reverse("cases:dashboard")).text
        assert dashboard.count('data-state="missed"') == 4
        assert "Keine Frist ist versäumt" not in dashboard

        # Fristen: the coordinator's team view and the caseworker's own.
        for client in (coord_client, cw_client):
            fristen = client.get(reverse("deadlines:list")).text
            assert fristen.count('data-state="missed"') == 4
            late = client.get(reverse("deadlines:list"), {"status": "late"}).text
            assert late.count('data-state="missed"') == 4

        # The case page.
        page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
        assert page.count('data-state="missed"') == 4

        send_weekly_digests()
    for user in (caseworker, coordinator):
        (mail,) = [m for m in mailoutbox if m.to == [user.email] and "KW 16" in m.subject]
        assert "VERSÄUMT UND ÜBERFÄLLIG (4)" in mail.body
        assert all(d.title in mail.body for d in four_missed)


def test_a_deadline_the_scan_has_not_reached_yet_is_overdue_everywhere(case, cw_client):
    """Between the end of the day and the next scan: "überfällig", not lost."""
    DeadlineFactory(case=case, title="Gestern fällig", due_on=MONDAY - dt.timedelta(days=1))
    with monday_morning():
        assert "Frist überfällig" in _row_of(_case_list(cw_client), case.reference)
        fristen = cw_client.get(reverse("deadlines:list")).text
        assert 'data-state="overdue"' in fristen
        assert 'data-state="overdue"' in cw_client.get(reverse("cases:dashboard")).text


@pytest.mark.parametrize("status", [Case.Status.CLOSED, Case.Status.REJECTED])
def test_closed_and_rejected_cases_never_show_an_overdue_badge(
    status, team, jobcenter, caseworker, cw_client
):
    ended = CaseFactory(team=team, jobcenter=jobcenter, assignees=[caseworker], status=status)
    DeadlineFactory(case=ended, due_on=dt.date(2025, 4, 1))
    with monday_morning():
        scan_deadlines()
        assert "Frist überfällig" not in _row_of(_case_list(cw_client), ended.reference)
        assert f">{ended.reference}</a>" not in _case_list(cw_client, has_overdue="true")
        assert 'data-state="missed"' not in cw_client.get(reverse("cases:dashboard")).text
        fristen = cw_client.get(reverse("deadlines:list"), {"status": ""}).text
        assert 'data-state="resting"' in fristen
        assert "ruht (Fall beendet)" in fristen


def test_the_states_partition_the_deadlines(case):
    """Every deadline is in exactly one state on a given day, and the state
    shown (``with_state``) is the state filtered by (``in_state``)."""
    today = MONDAY
    closed = CaseFactory(team=case.team, status=Case.Status.CLOSED)
    rows = [
        DeadlineFactory(case=case, due_on=today - dt.timedelta(days=3), status="missed"),
        DeadlineFactory(case=case, due_on=today - dt.timedelta(days=1)),
        DeadlineFactory(case=case, due_on=today),
        DeadlineFactory(case=case, due_on=today + dt.timedelta(days=7)),
        DeadlineFactory(case=case, due_on=today + dt.timedelta(days=8)),
        DeadlineFactory(case=case, due_on=today, status="done"),
        DeadlineFactory(case=case, due_on=today, status="cancelled"),
        # The first day of an Untätigkeitsklage (§ 88 SGG) has come.
        DeadlineFactory(
            case=case, due_on=today - dt.timedelta(days=2), rule=possible_from_rules()[0]
        ),
        DeadlineFactory(case=closed, due_on=today - dt.timedelta(days=1)),
        DeadlineFactory(case=closed, due_on=today - dt.timedelta(days=1), is_kept_when_closed=True),
        DeadlineFactory(case=closed, due_on=today, status="missed"),
    ]
    states = dict(Deadline.objects.with_state(today).values_list("pk", "state"))
    assert [states[d.pk] for d in rows] == [
        State.MISSED,
        State.OVERDUE,
        State.DUE_SOON,
        State.DUE_SOON,
        State.OPEN,
        State.DONE,
        State.CANCELLED,
        State.POSSIBLE,
        State.RESTING,
        State.OVERDUE,
        State.RESTING,
    ]
    for state in State.values:
        expected = {pk for pk, s in states.items() if s == state}
        assert set(Deadline.objects.in_state(today, state).values_list("pk", flat=True)) == (
            expected
        )
    assert set(Deadline.objects.overdue(today).values_list("pk", flat=True)) == {
        rows[0].pk,
        rows[1].pk,
        rows[9].pk,  # kept when its case was closed
    }
    assert set(Deadline.objects.due_soon(today).values_list("pk", flat=True)) == {
        rows[2].pk,
        rows[3].pk,
    }


def test_the_case_list_shows_the_next_deadline(case, cw_client):
    DeadlineFactory(case=case, title="Spätere Frist", due_on=dt.date(2025, 5, 20))
    DeadlineFactory(case=case, title="Nächste Frist", due_on=dt.date(2025, 4, 22))
    DeadlineFactory(case=case, title="Erledigte", due_on=dt.date(2025, 4, 15), status="done")
    with monday_morning():
        row = _row_of(_case_list(cw_client), case.reference)
    cell = row[row.index("data-next-deadline") :]
    assert "22.04.2025" in cell and "Nächste Frist" in cell
    assert "Spätere Frist" not in cell


def test_a_day_from_which_a_claim_is_possible_is_never_overdue(
    case, cw_client, caseworker, mailoutbox
):
    """§ 88 Abs. 2 SGG: the Untätigkeitsklage is possible from three months
    after the Widerspruch; Art. 78 Abs. 2 DSGVO: the action against the
    supervisory authority from three months after the complaint. Once that
    day has passed nothing is late: the case list, the Fristen page, the
    dashboard and the digest say "jetzt möglich", the scan marks nothing
    "versäumt" and no overdue alert goes out."""
    inaction = DeadlineFactory(
        case=case,
        rule="inaction_action",
        title="Untätigkeitsklage möglich (§ 88 SGG)",
        due_on=MONDAY - dt.timedelta(days=10),
    )
    dpa = DeadlineFactory(
        case=case,
        rule="dpa_inaction",
        title="Untätigkeit der Datenschutzaufsicht: Klage möglich (Art. 78 Abs. 2 DSGVO)",
        due_on=MONDAY,
    )
    with monday_morning():
        scan_deadlines()
        assert set(
            Deadline.objects.filter(pk__in=[inaction.pk, dpa.pk]).values_list("status", flat=True)
        ) == {Deadline.Status.OPEN}
        assert not any("überfällig" in m.subject or "versäumt" in m.subject for m in mailoutbox)

        assert "Frist überfällig" not in _row_of(_case_list(cw_client), case.reference)
        assert f">{case.reference}</a>" not in _case_list(cw_client, has_overdue="true")
        fristen = cw_client.get(reverse("deadlines:list")).text
        assert fristen.count('data-state="possible"') == 2
        assert 'data-state="overdue"' not in fristen
        assert "jetzt möglich" in fristen
        possible = cw_client.get(reverse("deadlines:list"), {"status": "possible"}).text
        assert possible.count('data-state="possible"') == 2
        late = cw_client.get(reverse("deadlines:list"), {"status": "late"}).text
        assert 'data-state="possible"' not in late
        dashboard = cw_client.get(reverse("cases:dashboard")).text
        assert 'data-state="overdue"' not in dashboard

        send_weekly_digests()
    (mail,) = [m for m in mailoutbox if m.to == [caseworker.email] and "KW 16" in m.subject]
    assert "JETZT MÖGLICH (2)" in mail.body
    assert "ÜBERFÄLLIG" not in mail.body and "überfällig" not in mail.subject
    # Before its day it counts down like any other date.
    assert (
        Deadline.objects.with_state(MONDAY - dt.timedelta(days=11)).get(pk=inaction.pk).state
        == State.DUE_SOON
    )
