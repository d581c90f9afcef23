"""Small-cell suppression on the statistics page and in its CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from cases.models import Incident
from cases.statistics import suppress
from tests.factories import CaseFactory, IncidentFactory, JobcenterFactory


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, "0"), (1, "<5"), (2, "<5"), (4, "<5"), (5, "5"), (6, "6"), (120, "120")],
)
def test_counts_from_one_to_four_are_suppressed(count, shown):
    assert suppress(count) == shown


@pytest.fixture
def incidents(db):
    big = JobcenterFactory(name="Jobcenter Großstadt", state="NW")
    small = JobcenterFactory(name="Jobcenter Kleinkreis", state="BY", kind="zkT")
    for _ in range(6):
        IncidentFactory(case=CaseFactory(jobcenter=big), occurred_on=dt.date(2025, 3, 5))
    for _ in range(2):
        IncidentFactory(
            case=CaseFactory(jobcenter=small),
            kind=Incident.Kind.FAKE_PROFILE,
            occurred_on=dt.date(2025, 4, 1),
        )


def test_statistics_page_suppresses_small_cells(cw_client, incidents):
    text = cw_client.get(reverse("cases:statistics")).text
    assert "Jobcenter Großstadt" in text
    assert ">6<" in text
    assert ">2<" not in text
    # Suppressed cells say it in words; the explanation names the range.
    assert ">weniger als 5<" in text
    assert "Anzahlen von 1 bis 4" in text


def test_csv_export_suppresses_the_same_cells(cw_client, incidents):
    response = cw_client.get(reverse("cases:statistics"), {"format": "csv"})
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Tabelle", "Merkmal", "Anzahl"]
    table = {(r[0], r[1]): r[2] for r in rows[1:]}
    assert table[("Vorfälle je Jobcenter", "Jobcenter Großstadt")] == "6"
    assert table[("Vorfälle je Jobcenter", "Jobcenter Kleinkreis")] == "<5"
    assert table[("Vorfälle je Land", "Bayern")] == "<5"
    assert table[("Vorfälle je Monat", "2025-03")] == "6"
    assert table[("Vorfälle je Monat", "2025-04")] == "<5"
    assert table[("Vorfälle je Art", "Login / Fake-Profil / Freundschaftsanfrage")] == "<5"
    assert "2" not in {value for value in table.values()}
