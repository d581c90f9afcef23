"""The Monday digest: one mail per person and week, never empty, and a query
count that does not grow with the number of deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.deadlines.digest import SECTION_LIMIT
from cases.deadlines.models import Deadline, DeadlinePreference, DigestLog
from cases.deadlines.tasks import send_weekly_digests
from cases.models import Case
from tests.deadlines.factories import DeadlineFactory
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2025, 3, 31)


def monday_morning():
    return time_machine.travel(dt.datetime(2025, 3, 31, 5, 30, tzinfo=dt.UTC))


@pytest.fixture
def week(case, coordinator):
    """One deadline in each section of ``caseworker``'s digest."""
    return {
        "overdue": DeadlineFactory(
            case=case,
            title="Überfällige Frist",
            due_on=dt.date(2025, 3, 28),
            status=Deadline.Status.MISSED,
            confirmed_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
        ),
        "this_week": DeadlineFactory(
            case=case,
            title="Diese Woche",
            due_on=dt.date(2025, 4, 2),
            confirmed_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
            confirmed_by=coordinator,
        ),
        "next_week": DeadlineFactory(
            case=case,
            title="Nächste Woche",
            due_on=dt.date(2025, 4, 11),
            confirmed_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
        ),
        "unconfirmed": DeadlineFactory(
            case=case, title="Später, unbestätigt", due_on=dt.date(2025, 6, 2)
        ),
        "later": DeadlineFactory(
            case=case,
            title="Viel später",
            due_on=dt.date(2025, 9, 1),
            confirmed_at=dt.datetime(2025, 3, 1, tzinfo=dt.UTC),
        ),
    }


def test_caseworker_gets_one_digest_with_every_section_and_absolute_links(
    week, caseworker, settings, mailoutbox
):
    settings.SITE_URL = "https://fallakte.example.org"
    with monday_morning():
        send_weekly_digests()
        send_weekly_digests()
    mine = [mail for mail in mailoutbox if mail.to == [caseworker.email]]
    assert len(mine) == 1
    body = mine[0].body
    late = body.index("VERSÄUMT UND ÜBERFÄLLIG (1)")
    soon = body.index("FÄLLIG IN DEN NÄCHSTEN 7 TAGEN (1)")
    later = body.index("IN DEN NÄCHSTEN VIER WOCHEN (1)")
    assert late < body.index("Überfällige Frist") < soon < body.index("Diese Woche") < later
    assert later < body.index("Nächste Woche")
    # Beyond four weeks nothing is listed, unconfirmed or not.
    assert "Später, unbestätigt" not in body
    assert "Viel später" not in body
    assert f"https://fallakte.example.org/fristen/{week['this_week'].pk}/" in body
    html = mine[0].alternatives[0][0]
    assert f'href="https://fallakte.example.org/fristen/{week["next_week"].pk}/"' in html
    assert 'name="viewport"' in html
    assert "KW 14" in mine[0].subject
    assert "1 versäumt oder überfällig" in mine[0].subject
    assert DigestLog.objects.filter(user=caseworker, iso_year=2025, iso_week=14).count() == 1


def test_each_deadline_is_listed_once_and_an_unconfirmed_one_is_marked(
    case, caseworker, mailoutbox
):
    """Issue 18: an overdue, unconfirmed deadline came twice (under
    "Überfällig" and "Noch unbestätigt")."""
    DeadlineFactory(case=case, title="Versäumte Frist", due_on=dt.date(2025, 3, 20))
    with monday_morning():
        send_weekly_digests()
    (mail,) = [mail for mail in mailoutbox if mail.to == [caseworker.email]]
    assert mail.body.count("Versäumte Frist") == 1
    line = mail.body[mail.body.index("Versäumte Frist") :].split("\n")[1]
    assert "unbestätigt" in line
    assert mail.alternatives[0][0].count("Versäumte Frist") == 1


@pytest.mark.parametrize("status", [Case.Status.CLOSED, Case.Status.REJECTED])
def test_deadlines_of_closed_and_rejected_cases_are_left_out(
    status, team, jobcenter, caseworker, mailoutbox
):
    ended = CaseFactory(team=team, jobcenter=jobcenter, assignees=[caseworker], status=status)
    DeadlineFactory(case=ended, title="Frist eines beendeten Falls", due_on=dt.date(2025, 3, 28))
    with monday_morning():
        send_weekly_digests()
    assert not any("beendeten Falls" in mail.body for mail in mailoutbox)


def test_a_long_section_shows_a_few_lines_and_links_to_the_full_list(
    case, caseworker, settings, mailoutbox
):
    settings.SITE_URL = "https://fallakte.example.org"
    for n in range(SECTION_LIMIT + 3):
        DeadlineFactory(case=case, title=f"Alt {n}", due_on=dt.date(2025, 3, 10) + dt.timedelta(n))
    with monday_morning():
        send_weekly_digests()
    (mail,) = [mail for mail in mailoutbox if mail.to == [caseworker.email]]
    assert f"VERSÄUMT UND ÜBERFÄLLIG ({SECTION_LIMIT + 3})" in mail.body
    assert sum(f"Alt {n}\n" in mail.body for n in range(SECTION_LIMIT + 3)) == SECTION_LIMIT
    assert "… und 3 weitere: https://fallakte.example.org/fristen/?scope=mine&status=late" in (
        mail.body
    )


def test_a_caseworker_also_hears_of_the_team_deadlines_nobody_is_assigned_to(
    team, jobcenter, caseworker, mailoutbox
):
    orphan = CaseFactory(team=team, jobcenter=jobcenter)
    DeadlineFactory(case=orphan, title="Frist ohne Zuständige", due_on=dt.date(2025, 4, 2))
    with monday_morning():
        send_weekly_digests()
    (mail,) = [mail for mail in mailoutbox if mail.to == [caseworker.email]]
    line = mail.body[mail.body.index("Frist ohne Zuständige") :].split("\n")[1]
    assert "niemand zuständig" in line


def test_coordinator_gets_the_team_view(week, coordinator, mailoutbox):
    with monday_morning():
        send_weekly_digests()
    mail = next(mail for mail in mailoutbox if mail.to == [coordinator.email])
    assert mail.subject.startswith("Fristen des Teams")
    assert "Diese Woche" in mail.body


def test_nobody_gets_an_empty_digest(week, other_caseworker, mailoutbox):
    with monday_morning():
        send_weekly_digests()
    assert all(mail.to != [other_caseworker.email] for mail in mailoutbox)
    assert not DigestLog.objects.filter(user=other_caseworker).exists()


def test_a_person_who_switched_it_off_gets_none(week, caseworker, mailoutbox):
    DeadlinePreference.objects.create(user=caseworker, wants_weekly_digest=False)
    with monday_morning():
        send_weekly_digests()
    assert all(mail.to != [caseworker.email] for mail in mailoutbox)


def test_next_week_brings_a_new_digest(week, caseworker, mailoutbox):
    with monday_morning():
        send_weekly_digests()
    with time_machine.travel(dt.datetime(2025, 4, 7, 5, 30, tzinfo=dt.UTC)):
        send_weekly_digests()
    assert len([mail for mail in mailoutbox if mail.to == [caseworker.email]]) == 2


def _queries_for(deadline_count: int, case) -> int:
    for n in range(deadline_count):
        DeadlineFactory(case=case, title=f"Frist {n}", due_on=MONDAY + dt.timedelta(days=n % 12))
    DigestLog.objects.all().delete()
    with monday_morning(), CaptureQueriesContext(connection) as queries:
        send_weekly_digests()
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_deadlines(
    team, caseworker, coordinator, jobcenter, mailoutbox
):
    few = _queries_for(3, CaseFactory(team=team, jobcenter=jobcenter, assignees=[caseworker]))
    many = _queries_for(40, CaseFactory(team=team, jobcenter=jobcenter, assignees=[caseworker]))
    assert few == many
    assert len(mailoutbox) == 4
