"""The month and week calendar of deadlines (issue 18, point 7)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.deadlines.models import Deadline
from tests.deadlines.factories import DeadlineFactory

pytestmark = pytest.mark.django_db


def test_the_month_shows_each_deadline_on_its_day_with_its_state(case, other_case, cw_client):
    mine = DeadlineFactory(case=case, title="Widerspruchsfrist A", due_on=dt.date(2025, 4, 7))
    missed = DeadlineFactory(
        case=case, title="Klagefrist B", due_on=dt.date(2025, 4, 2), status=Deadline.Status.MISSED
    )
    DeadlineFactory(case=case, title="Erledigt C", due_on=dt.date(2025, 4, 8), status="done")
    DeadlineFactory(case=other_case, title="Fremde Frist", due_on=dt.date(2025, 4, 9))
    with time_machine.travel(dt.datetime(2025, 4, 4, 9, tzinfo=dt.UTC)):
        page = cw_client.get(reverse("deadlines:calendar"), {"monat": "2025-04"}).text
    assert "April 2025" in page
    cell = page[page.index("07.04.") :]
    assert cell.index(f'data-deadline="{mine.pk}"') < cell.index("08.04.")
    assert f'data-deadline="{missed.pk}"' in page and 'data-state="missed"' in page
    assert "Erledigt C" not in page
    assert "Fremde Frist" not in page
    assert "monat=2025-03" in page and "monat=2025-05" in page


def test_the_week_view_shows_seven_days(case, cw_client):
    DeadlineFactory(case=case, title="In dieser Woche", due_on=dt.date(2025, 4, 16))
    DeadlineFactory(case=case, title="Nächste Woche", due_on=dt.date(2025, 4, 22))
    page = cw_client.get(reverse("deadlines:calendar"), {"woche": "2025-W16"}).text
    assert "KW 16 · 14.04. – 20.04.2025" in page
    assert "In dieser Woche" in page
    assert "Nächste Woche" not in page
    assert "woche=2025-W17" in page


def test_a_malformed_month_shows_the_current_one(cw_client):
    with time_machine.travel(dt.datetime(2025, 4, 4, 9, tzinfo=dt.UTC)):
        response = cw_client.get(reverse("deadlines:calendar"), {"monat": "bald", "woche": "x"})
    assert response.status_code == 200
    assert "April 2025" in response.text


def test_the_calendar_reads_a_fixed_number_of_queries(case, cw_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(n: int) -> int:
        for i in range(n):
            DeadlineFactory(case=case, title=f"Frist {i}", due_on=dt.date(2025, 4, 1 + i % 28))
        with CaptureQueriesContext(connection) as captured:
            cw_client.get(reverse("deadlines:calendar"), {"monat": "2025-04"})
        return len(captured)

    assert queries(2) == queries(20)
