"""Wiedereinsetzung offered only where the law has it (§ 67 SGG), and the
December reminder of the Überprüfungsantrag limit (§ 44 Abs. 4 SGB X with
§ 40 Abs. 1 Satz 2 Nr. 2 SGB II)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.deadlines.models import Deadline
from cases.deadlines.tasks import scan_deadlines
from cases.models import Case
from tests.deadlines.factories import DeadlineFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def at(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC))


def test_a_missed_widerspruchsfrist_offers_wiedereinsetzung_and_computes_both_dates(
    case, cw_client
):
    missed = DeadlineFactory(case=case, due_on=dt.date(2025, 4, 7), status=Deadline.Status.MISSED)
    with at(dt.date(2025, 4, 20)):
        page = cw_client.get(reverse("deadlines:detail", args=[missed.pk])).text
        assert "Wiedereinsetzung in den vorigen Stand (§ 67 SGG)" in page
        response = cw_client.post(
            reverse("deadlines:reinstate", args=[missed.pk]),
            {"obstacle_ended_on": "2025-04-14"},
        )
    assert response.status_code == 302
    created = {d.rule: d.due_on for d in case.deadlines.exclude(pk=missed.pk)}
    # § 67 Abs. 2 SGG: obstacle ended Mon 14.04.2025 → one month → Wed 14.05.2025.
    # § 67 Abs. 3 SGG: period ended Mon 07.04.2025 → one year → Tue 07.04.2026.
    assert created == {
        "reinstatement": dt.date(2025, 5, 14),
        "reinstatement_limit": dt.date(2026, 4, 7),
    }


@pytest.mark.parametrize("status", [Deadline.Status.MISSED, Deadline.Status.OPEN])
def test_a_late_deadlines_page_says_what_can_still_be_done(case, cw_client, status):
    """Once the period is over (``LATE_STATES``: recorded as missed, or still
    open after its day), the deadline page shows what the rule leaves."""
    deadline = DeadlineFactory(case=case, due_on=dt.date(2025, 4, 7), status=status)
    with at(dt.date(2025, 4, 20)):
        page = cw_client.get(reverse("deadlines:detail", args=[deadline.pk])).text
    assert "Wiedereinsetzung" in page.split("data-late-remedy", 1)[1][:300]


def test_a_running_deadlines_page_says_nothing_of_being_late(case, cw_client):
    deadline = DeadlineFactory(case=case, due_on=dt.date(2025, 4, 7))
    with at(dt.date(2025, 4, 1)):
        page = cw_client.get(reverse("deadlines:detail", args=[deadline.pk])).text
    assert "data-late-remedy" not in page and "Wiedereinsetzung" not in page


def test_a_missed_strafantragsfrist_offers_no_wiedereinsetzung(case, cw_client):
    """§ 77b StGB is a period of substantive law: §§ 44 ff. StPO and § 67 SGG do
    not apply."""
    missed = DeadlineFactory(
        case=case,
        rule="criminal_complaint",
        title="Strafantragsfrist (§ 77b StGB)",
        due_on=dt.date(2025, 4, 7),
        status=Deadline.Status.MISSED,
    )
    with at(dt.date(2025, 4, 20)):
        page = cw_client.get(reverse("deadlines:detail", args=[missed.pk])).text
        response = cw_client.post(
            reverse("deadlines:reinstate", args=[missed.pk]),
            {"obstacle_ended_on": "2025-04-14"},
            follow=True,
        )
    assert "Wiedereinsetzung in den vorigen Stand (§ 67 SGG)" not in page
    assert "Keine Wiedereinsetzung" in page
    assert "sieht das Gesetz keine Wiedereinsetzung nach § 67 SGG vor" in response.text
    assert case.deadlines.count() == 1


def test_in_december_every_case_in_progress_gets_one_review_reminder(
    case, team, jobcenter, caseworker, mailoutbox
):
    closed = CaseFactory(team=team, jobcenter=jobcenter, status=Case.Status.CLOSED)
    with at(dt.date(2025, 11, 30)):
        scan_deadlines()
    assert not Deadline.objects.filter(rule="review_year_end").exists()
    with at(dt.date(2025, 12, 1)):
        scan_deadlines()
        scan_deadlines()
    reminder = Deadline.objects.get(rule="review_year_end")
    assert reminder.case == case
    assert reminder.due_on == dt.date(2025, 12, 31)
    assert "Leistungsmonate des Jahres 2024" in "\n".join(reminder.explanation)
    assert not closed.deadlines.exists()
    with at(dt.date(2025, 12, 24)):
        scan_deadlines()
    assert any("Überprüfungsanträge" in mail.subject for mail in mailoutbox)


def test_a_missed_widerspruchsfrist_computes_the_review_limit_of_a_benefit_month(case, cw_client):
    """§ 44 Abs. 4 SGB X with § 40 Abs. 1 Satz 2 Nr. 2 SGB II: after the
    Widerspruchsfrist is missed, the Überprüfungsantrag remains; for the benefit
    month March 2025 it must be made by Thu 31.12.2026 (an application in 2026
    reaches back to 01.01.2025). The date becomes a deadline of the case."""
    missed = DeadlineFactory(case=case, due_on=dt.date(2025, 4, 7), status=Deadline.Status.MISSED)
    with at(dt.date(2025, 4, 20)):
        page = cw_client.get(reverse("deadlines:detail", args=[missed.pk])).text
        assert "Überprüfungsantrag (§ 44 SGB X): bis wann reicht er zurück?" in page
        response = cw_client.post(
            reverse("deadlines:review", args=[missed.pk]), {"month": "2025-03"}
        )
        assert response.status_code == 302
        page = cw_client.get(response.url).text
    limit = case.deadlines.get(rule="review_limit")
    assert limit.due_on == dt.date(2026, 12, 31)
    assert "Überprüfungsantrag für diesen Monat spätestens am 31.12.2026 stellen." in page
    assert any("§ 40 Abs. 1 Satz 2 Nr. 2 SGB II" in step for step in limit.explanation)


def test_a_month_out_of_reach_is_refused_and_other_deadlines_do_not_offer_it(case, cw_client):
    """January 2023: an application in 2025 reaches back only to 01.01.2024."""
    missed = DeadlineFactory(case=case, due_on=dt.date(2025, 4, 7), status=Deadline.Status.MISSED)
    strafantrag = DeadlineFactory(
        case=case, rule="criminal_complaint", due_on=dt.date(2025, 4, 7), status="missed"
    )
    with at(dt.date(2025, 4, 20)):
        response = cw_client.post(
            reverse("deadlines:review", args=[missed.pk]), {"month": "2023-01"}
        )
        page = cw_client.get(response.url).text
        other = cw_client.get(reverse("deadlines:detail", args=[strafantrag.pk])).text
    assert "nicht mehr erreichbar (letzter Tag war der Di 31.12.2024" in page
    assert not case.deadlines.filter(rule="review_limit").exists()
    assert "data-review-limit" not in other
