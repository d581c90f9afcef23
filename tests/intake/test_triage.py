"""From report to case: the inbox shows what decides the order of work, the
conversion form asks only what the report did not say."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cases.deadlines.estimate import objection_estimate
from cases.intake.models import IntakeSubmission
from cases.intake.services import submission_add
from cases.models import Jobcenter
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db

# The clock of tests/intake/conftest.py: Tuesday 27 October 2026.


def team_select(page: str) -> str:
    start = page.index('name="team"')
    return page[start : page.index("</select>", start)]


@pytest.fixture
def stored(submit, report_data):
    assert submit(report_data).status_code == 302
    return IntakeSubmission.objects.get()


def test_the_estimate_is_the_engines_notification_and_objection_rules():
    # Bescheid dated Tue 20.10.2026, posted that day (assumed): notified on the 4th day,
    # Sat 24.10.2026, not moved off the weekend (§ 37 Abs. 2 Satz 1 SGB X); one month
    # (§ 84 Abs. 1 SGG, § 64 Abs. 2 SGG) ends Tue 24.11.2026.
    estimate = objection_estimate(dt.date(2026, 10, 20), region="BE")
    assert estimate.notified_on == dt.date(2026, 10, 24)
    assert estimate.due_on == dt.date(2026, 11, 24)
    assert estimate.days_left(dt.date(2026, 10, 27)) == 28
    assert any("§ 84 Abs. 1 Satz 1 SGG" in step for step in estimate.steps)


def test_inbox_shows_decision_date_days_left_jobcenter_and_excerpt(cw_client, stored):
    page = cw_client.get(reverse("intake:inbox")).content.decode()
    assert "20.10.2026" in page  # Bescheid vom
    assert "noch 28 Tage" in page  # until Tue 24.11.2026, see above
    assert "Jobcenter Berlin Mitte" in page
    assert "Die Sachbearbeiterin zeigte mir Ausdrucke" in page
    assert "inbox-new-answer" not in page


def test_an_answer_from_the_reporter_is_flagged_until_someone_opens_the_report(cw_client, stored):
    submission_add(submission=stored, text="Der Termin war am 1. Oktober.", uploads=[])
    page = cw_client.get(reverse("intake:inbox")).content.decode()
    assert page.count("inbox-new-answer") == 1
    assert "neue Antwort" in page
    only_new = cw_client.get(reverse("intake:inbox"), {"new_answers": "on"}).content.decode()
    assert only_new.count("inbox-new-answer") == 1
    cw_client.get(reverse("intake:detail", args=[stored.pk]))
    page = cw_client.get(reverse("intake:inbox")).content.decode()
    assert "inbox-new-answer" not in page


def test_the_only_team_is_preselected_and_the_converting_user_takes_the_case(
    cw_client, caseworker, team, stored
):
    page = cw_client.get(reverse("intake:detail", args=[stored.pk])).content.decode()
    assert f'<option value="{team.pk}" selected>' in team_select(page)
    start = page.index('name="assignee"')
    assignee_select = page[start : page.index("</select>", start)]
    assert '<option value="" selected>ich selbst</option>' in assignee_select


def test_a_user_of_two_teams_chooses(cw_client, caseworker, team, stored):
    TeamFactory(name="Team West").members.add(caseworker)
    page = cw_client.get(reverse("intake:detail", args=[stored.pk])).content.decode()
    assert "selected" not in team_select(page).replace('value="" selected', "")
    assert "Team West" in team_select(page)


def test_conversion_without_a_kind_of_bescheid_opens_the_case_with_its_deadline(
    cw_client, caseworker, team, stored, jobcenter
):
    response = cw_client.post(
        reverse("intake:convert", args=[stored.pk]),
        {"team": team.pk, "jobcenter": jobcenter.pk},
    )
    stored.refresh_from_db()
    case = stored.case
    assert response["Location"] == reverse("cases:case_detail", args=[case.reference])
    assert list(case.assignees.all()) == [caseworker]
    decision = case.decisions.get()
    assert decision.kind == "sonstiger" and decision.dated_on == dt.date(2026, 10, 20)
    deadline = case.deadlines.get(rule="objection")
    # The case's deadline and the inbox's estimate come from the same rules.
    assert deadline.due_on == stored.objection_estimate.due_on == dt.date(2026, 11, 24)


def test_a_missing_jobcenter_is_added_on_the_spot(cw_client, team, submit, report_data):
    submit(dict(report_data, jobcenter="", jobcenter_text="Jobcenter Landkreis Kelheim"))
    submission = IntakeSubmission.objects.get()
    convert = reverse("intake:convert", args=[submission.pk])
    # Half filled: a clear message per field, nothing created, what was typed stays.
    response = cw_client.post(
        convert, {"team": team.pk, "new_jobcenter_name": "Jobcenter Landkreis Kelheim"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Für ein neues Jobcenter bitte ausfüllen.") == 2
    assert 'value="Jobcenter Landkreis Kelheim"' in page
    assert not Jobcenter.objects.filter(name="Jobcenter Landkreis Kelheim").exists()

    response = cw_client.post(
        convert,
        {
            "team": team.pk,
            "new_jobcenter_name": "Jobcenter Landkreis Kelheim",
            "new_jobcenter_city": "Kelheim",
            "new_jobcenter_state": "BY",
            "new_jobcenter_kind": "zkT",
            "new_jobcenter_district_key": "09273",
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    added = Jobcenter.objects.get(name="Jobcenter Landkreis Kelheim")
    assert (added.city, added.state, added.kind) == ("Kelheim", "BY", "zkT")
    # The district key makes the court and prosecutor routable (§ 57 SGG).
    assert added.district_key == "09273"
    assert submission.case.jobcenter == added


def test_a_new_jobcenters_district_key_must_belong_to_its_land(cw_client, team, stored):
    response = cw_client.post(
        reverse("intake:convert", args=[stored.pk]),
        {
            "team": team.pk,
            "new_jobcenter_name": "Jobcenter Landkreis Kelheim",
            "new_jobcenter_city": "Kelheim",
            "new_jobcenter_state": "BY",
            "new_jobcenter_kind": "zkT",
            "new_jobcenter_district_key": "14612",
        },
    )
    assert response.status_code == 400
    assert "gehört nicht zum Land BY" in response.content.decode()
    assert not Jobcenter.objects.filter(name="Jobcenter Landkreis Kelheim").exists()


def test_neither_a_jobcenter_nor_a_new_one_is_refused_with_a_message(cw_client, team, stored):
    response = cw_client.post(reverse("intake:convert", args=[stored.pk]), {"team": team.pk})
    assert response.status_code == 400
    assert "Bitte wählen Sie ein Jobcenter oder legen Sie unten ein neues an." in (
        response.content.decode()
    )
    stored.refresh_from_db()
    assert stored.case is None


def test_the_estimate_rolls_off_a_sunday_and_a_holiday_at_the_jobcenters_seat():
    # Dated Tue 29.09.2026 → notified Sat 03.10.2026 (Tag der Deutschen Einheit; the
    # fiction is not moved, § 37 Abs. 2 SGB X) → one month: Tue 03.11.2026.
    # Dated Tue 27.10.2026 → notified Sat 31.10. → one month: Mon 30.11.2026.
    # Dated Wed 28.10.2026 → notified Sun 01.11. → one month ends Tue 01.12.2026.
    # Dated Mon 28.09.2026 → notified Fri 02.10. → Mon 02.11.2026.
    # Dated Sun 27.09.2026 → notified Thu 01.10. → Sun 01.11.2026 (also Allerheiligen
    # in Nordrhein-Westfalen) → next working day Mon 02.11.2026 (§ 64 Abs. 3 SGG).
    estimate = objection_estimate(dt.date(2026, 9, 27), region="NW")
    assert estimate.due_on == dt.date(2026, 11, 2)
    assert any("§ 64 Abs. 3 SGG" in step for step in estimate.steps)
