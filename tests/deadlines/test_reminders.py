"""The periodic scan, with frozen time: reminders go out once, catch up
without a burst, and overdue deadlines are marked and alerted once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from cases.deadlines.compute import RULES
from cases.deadlines.models import Deadline, DeadlinePreference, ReminderLog
from cases.deadlines.services import deadline_override
from cases.deadlines.tasks import scan_deadlines
from cases.events import event_text
from cases.models import CaseEvent
from tests.deadlines.factories import DeadlineFactory

pytestmark = pytest.mark.django_db

DUE = dt.date(2025, 4, 7)  # Monday


def at(day: dt.date, hour: int = 8):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC))


@pytest.fixture
def deadline(case):
    return DeadlineFactory(case=case, due_on=DUE, computed_due_on=DUE)


def test_seven_days_before_the_assignee_gets_one_reminder_even_if_the_scan_runs_twice(
    deadline, caseworker, mailoutbox
):
    with at(DUE - dt.timedelta(days=7)):
        scan_deadlines()
        scan_deadlines()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [caseworker.email]
    assert "Frist in 7 Tagen" in mail.subject
    assert "(§ 64 Abs. 2 SGG): Mo 07.04.2025" in mail.body
    assert f"/fristen/{deadline.pk}/" in mail.body
    assert mail.alternatives[0][1] == "text/html"


def test_a_direction_control_from_case_data_shows_as_a_marker_in_the_mail(
    deadline, case, mailoutbox
):
    """A Jobcenter typed into a report with U+202E would reorder the reminder
    in the mail client; it shows as [RLO], as on the staff pages."""
    case.jobcenter.name = "Jobcenter \u202enetsO"
    case.jobcenter.save()
    with at(DUE - dt.timedelta(days=7)):
        scan_deadlines()
    (mail,) = mailoutbox
    html = mail.alternatives[0][0]
    assert "Jobcenter [RLO]netsO" in mail.body and "[RLO]" in html
    assert not any("\u202e" in text for text in (mail.subject, mail.body, html))


def test_nothing_is_sent_before_the_first_reminder_day(deadline, mailoutbox):
    with at(DUE - dt.timedelta(days=8)):
        scan_deadlines()
    assert mailoutbox == []


def test_a_log_row_written_by_another_worker_stops_the_mail(deadline, caseworker, mailoutbox):
    ReminderLog.objects.create(deadline=deadline, step="d7@2025-04-07", user=caseworker)
    with at(DUE - dt.timedelta(days=7)):
        scan_deadlines()
    assert mailoutbox == []


def test_each_step_goes_out_once_over_the_days(deadline, mailoutbox):
    for days_before in (7, 6, 5, 4, 3, 2, 1, 0):
        with at(DUE - dt.timedelta(days=days_before)):
            scan_deadlines()
            scan_deadlines()
    subjects = [mail.subject for mail in mailoutbox]
    assert len(subjects) == 3
    assert "Frist in 7 Tagen" in subjects[0]
    assert "Frist in 2 Tagen" in subjects[1]
    assert subjects[2].startswith("Heute fällig")


def test_a_scan_that_was_down_for_days_sends_the_most_relevant_step_once(deadline, mailoutbox):
    # Down from 8 days before until 1 day before: the 7-day and 2-day
    # reminders were both missed. One mail (the 2-day step), no burst.
    with at(DUE - dt.timedelta(days=1)):
        scan_deadlines()
        scan_deadlines()
    assert len(mailoutbox) == 1
    assert "Frist in 1 Tag" in mailoutbox[0].subject
    assert list(ReminderLog.objects.values_list("step", flat=True)) == ["d2@2025-04-07"]


def test_personal_reminder_days_replace_the_defaults(deadline, caseworker, mailoutbox):
    DeadlinePreference.objects.create(user=caseworker, reminder_days=[3])
    with at(DUE - dt.timedelta(days=7)):
        scan_deadlines()
    assert mailoutbox == []
    with at(DUE - dt.timedelta(days=3)):
        scan_deadlines()
    assert len(mailoutbox) == 1


def test_overdue_status_and_alert_are_set_once(deadline, caseworker, coordinator, mailoutbox):
    with at(DUE + dt.timedelta(days=1)):
        scan_deadlines()
        scan_deadlines()
    with at(DUE + dt.timedelta(days=2)):
        scan_deadlines()
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.MISSED
    events = deadline.case.events.filter(kind=CaseEvent.Kind.DEADLINE)
    assert events.count() == 1
    assert "abgelaufen" in event_text(events.get())
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [caseworker.email, coordinator.email]
    )
    assert all(mail.subject.startswith("Frist abgelaufen") for mail in mailoutbox)


def test_a_deadline_done_in_time_is_neither_missed_nor_alerted(deadline, mailoutbox):
    Deadline.objects.filter(pk=deadline.pk).update(status=Deadline.Status.DONE)
    with at(DUE + dt.timedelta(days=1)):
        scan_deadlines()
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.DONE
    assert mailoutbox == []


def test_a_possible_from_date_is_never_missed(case, mailoutbox):
    earliest = DeadlineFactory(case=case, rule="inaction_action", due_on=DUE, computed_due_on=DUE)
    with at(DUE + dt.timedelta(days=3)):
        scan_deadlines()
    earliest.refresh_from_db()
    assert earliest.status == Deadline.Status.OPEN
    assert mailoutbox == []


def test_a_new_date_set_by_hand_re_arms_the_reminders(deadline, caseworker, mailoutbox):
    with at(DUE - dt.timedelta(days=7)):
        scan_deadlines()
        deadline_override(
            deadline=deadline, due_on=DUE + dt.timedelta(days=7), reason="Fax", by=caseworker
        )
    with at(DUE):
        scan_deadlines()
    assert len(mailoutbox) == 2
    assert "14.04.2025" in mailoutbox[1].body


def test_case_without_assignees_reminds_the_team(team, caseworker, jobcenter, mailoutbox):
    from tests.factories import CaseFactory

    case = CaseFactory(team=team, jobcenter=jobcenter)
    DeadlineFactory(case=case, due_on=DUE, computed_due_on=DUE)
    with at(DUE):
        scan_deadlines()
    assert [mail.to for mail in mailoutbox] == [[caseworker.email]]


@pytest.mark.parametrize(
    "rule, says, never",
    [
        ("objection", ["§ 67 Abs. 1, 2 SGG", "§ 84 Abs. 2 Satz 3 SGG", "§ 44 SGB X"], ["§ 77b"]),
        ("criminal_complaint", ["Keine Wiedereinsetzung", "§ 77b Abs. 1 Satz 1 StGB"], ["SGG"]),
        ("prosecution_complaint", ["§§ 44, 45 StPO"], ["SGG"]),
        ("remedy_without_notice", ["höherer Gewalt", "§ 66 Abs. 2 Satz 2"], ["ohne Verschulden"]),
    ],
)
def test_the_overdue_mail_gives_the_advice_of_its_rule(case, mailoutbox, rule, says, never):
    """Issue 18: a missed Strafantragsfrist (§ 77b StGB) was answered with
    Wiedereinsetzung under § 67 SGG, which does not apply to it."""
    DeadlineFactory(case=case, rule=rule, title=RULES[rule].title, due_on=DUE, computed_due_on=DUE)
    with at(DUE + dt.timedelta(days=1)):
        scan_deadlines()
    body = mailoutbox[0].body
    html = mailoutbox[0].alternatives[0][0]
    for text in says:
        assert text in body and text in html
    for text in never:
        assert text not in body


def test_a_missed_one_year_widerspruchsfrist_advises_only_hoehere_gewalt(case, mailoutbox):
    """§ 66 Abs. 2 SGG: without a correct Belehrung the Widerspruch runs one
    year (notified Fri 07.03.2025 → Mon 09.03.2026); once that year has passed,
    Wiedereinsetzung is open only for höhere Gewalt (§ 66 Abs. 2 Satz 2 SGG),
    not for any lack of fault as in § 67 Abs. 1 SGG."""
    year_end = dt.date(2026, 3, 9)
    DeadlineFactory(
        case=case,
        rule="objection",
        trigger_on=dt.date(2025, 3, 7),
        computed_due_on=year_end,
        due_on=year_end,
    )
    with at(year_end + dt.timedelta(days=1)):
        scan_deadlines()
    body = mailoutbox[0].body
    assert "höherer Gewalt" in body and "§ 66 Abs. 2 Satz 2" in body
    assert "ohne Verschulden" not in body
