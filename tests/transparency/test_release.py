"""The public transparency report: counted from the cases, small numbers
protected, released by a second coordinator, immutable, public without login."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from cases.models import Incident, Outcome
from letters.models import Letter
from tests.factories import CaseFactory, IncidentFactory, JobcenterFactory, UserFactory
from transparency.models import Release
from transparency.services import ReleaseRefused, release_confirm, release_prepare
from transparency.suppression import TOTAL

pytestmark = pytest.mark.django_db

# The report for the third quarter of 2026 is made in November 2026.
NOW = dt.datetime(2026, 11, 10, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def second_coordinator(team):
    user = UserFactory(username="koordination2", groups=["coordinator"])
    user.teams.add(team)
    return user


def _incidents(jobcenter, team, kind, n, day=dt.date(2026, 8, 3)):
    case = CaseFactory(team=team, jobcenter=jobcenter)
    for _ in range(n):
        IncidentFactory(case=case, kind=kind, occurred_on=day)
    return case


@pytest.fixture
def quarter_data(team):
    """Köln: 12 Facebook researches, 2 asked neighbours; Bonn: 9 and 7; one
    complaint sent from Köln, one Widerspruch granted in Bonn."""
    koeln = JobcenterFactory(name="Jobcenter Köln")
    bonn = JobcenterFactory(name="Jobcenter Bonn")
    koeln_case = _incidents(koeln, team, Incident.Kind.PROFILE_RESEARCH, 12)
    _incidents(koeln, team, Incident.Kind.THIRD_PARTY, 2)
    bonn_case = _incidents(bonn, team, Incident.Kind.PROFILE_RESEARCH, 9)
    _incidents(bonn, team, Incident.Kind.THIRD_PARTY, 7)
    _incidents(bonn, team, Incident.Kind.OTHER, 3, day=dt.date(2026, 12, 1))  # next quarter
    Letter.objects.create(
        case=koeln_case,
        kind=Letter.Kind.DPA_COMPLAINT,
        subject="Beschwerde",
        body="…",
        template_version="1",
        status=Letter.Status.SENT,
        pdf_sha256="0" * 64,
        sent_on=dt.date(2026, 9, 1),
    )
    Outcome.objects.create(
        case=bonn_case, kind=Outcome.Kind.OBJECTION_GRANTED, decided_on=dt.date(2026, 9, 20)
    )
    return {"koeln": koeln, "bonn": bonn}


def _cell(release, table, row_name, column):
    data = release.published[table]
    key = next((r["key"] for r in data["rows"] if r["name"] == row_name), row_name)
    return next(v for r, c, v in data["cells"] if r == key and c == column)


def test_the_figures_of_a_quarter_are_counted_and_small_ones_hidden(quarter_data, coordinator):
    release = release_prepare(year=2026, quarter=3, by=coordinator)
    assert _cell(release, "incidents", "Jobcenter Köln", "third_party") is None  # 2 < 5
    # partners in its row and column are hidden too, or the totals would tell
    assert _cell(release, "incidents", "Jobcenter Bonn", "third_party") is None
    assert _cell(release, "incidents", "Jobcenter Köln", "profile_research") is None
    assert _cell(release, "incidents", "Jobcenter Köln", TOTAL) == 14
    assert _cell(release, "incidents", TOTAL, "profile_research") == 21
    assert _cell(release, "incidents", TOTAL, TOTAL) == 30  # December's 3 are not in Q3
    assert _cell(release, "outcomes", "Jobcenter Köln", "complaints") is None  # 1 < 5
    assert not release.is_released


def test_the_second_coordinator_releases_and_the_first_cannot(
    quarter_data, coordinator, second_coordinator
):
    draft = release_prepare(year=2026, quarter=3, by=coordinator)
    with pytest.raises(ReleaseRefused, match="Vier-Augen"):
        release_confirm(release=draft, by=coordinator)
    assert Client().get(reverse("transparency:report", args=[2026, 3])).status_code == 404
    release_confirm(release=draft, by=second_coordinator)
    with pytest.raises(ReleaseRefused, match="bereits freigegeben"):
        release_confirm(release=draft, by=second_coordinator)


def test_the_public_page_csv_and_json_show_only_what_is_published(
    quarter_data, coordinator, second_coordinator
):
    release = release_confirm(
        release=release_prepare(year=2026, quarter=3, by=coordinator), by=second_coordinator
    )
    anonymous = Client()
    page = anonymous.get(reverse("transparency:report", args=[2026, 3]))
    assert page.status_code == 200
    text = page.text
    assert "Jobcenter Köln" in text and "<svg" in text and "CC BY 4.0" in text
    assert coordinator.get_full_name() not in text  # no staff names in public
    rows = list(
        csv.reader(io.StringIO(anonymous.get(reverse("transparency:csv", args=[2026, 3, 1])).text))
    )
    koeln = next(row for row in rows if row and row[0] == "Jobcenter Köln")
    assert koeln[-1] == "14" and "2" not in koeln and "12" not in koeln
    data = json.loads(anonymous.get(reverse("transparency:json", args=[2026, 3, 1])).content)
    cells = data["tables"]["incidents"]["cells"]
    assert {"row": "Jobcenter Köln", "column": "third_party", "value": None} in cells
    assert data["version"] == release.version and data["licence"] == "CC BY 4.0"
    assert "Transparenzbericht" in anonymous.get(reverse("transparency:list")).text


def test_a_correction_is_a_new_version_that_keeps_hidden_what_was_hidden(
    quarter_data, coordinator, second_coordinator, team
):
    first = release_confirm(
        release=release_prepare(year=2026, quarter=3, by=coordinator), by=second_coordinator
    )
    _incidents(quarter_data["koeln"], team, Incident.Kind.SEARCH_ENGINE, 6)
    second = release_confirm(
        release=release_prepare(year=2026, quarter=3, by=coordinator, note="Nachmeldung"),
        by=second_coordinator,
    )
    assert (first.version, second.version) == (1, 2)
    for row, column, value in first.published["incidents"]["cells"]:
        if value is None:
            assert _cell(second, "incidents", row, column) is None
    # the changed row and its totals are hidden, so the difference tells nothing
    assert _cell(second, "incidents", "Jobcenter Köln", "search_engine") is None
    assert _cell(second, "incidents", TOTAL, TOTAL) is None
    first.refresh_from_db()
    assert first.version == 1 and first.is_released  # the old version stays as it was


def test_quarters_and_a_whole_year_are_never_both_published(
    quarter_data, coordinator, second_coordinator
):
    release_confirm(
        release=release_prepare(year=2025, quarter=4, by=coordinator), by=second_coordinator
    )
    with pytest.raises(ReleaseRefused, match="Differenzen"):
        release_prepare(year=2025, quarter=0, by=coordinator)


def test_a_period_that_has_not_ended_is_refused(coordinator):
    with pytest.raises(ReleaseRefused, match="nicht abgeschlossen"):
        release_prepare(year=2026, quarter=4, by=coordinator)


def test_coordinators_prepare_and_release_in_the_browser_pages(
    quarter_data, coordinator, second_coordinator, coord_client
):
    response = coord_client.post(reverse("transparency:manage"), {"year": 2026, "quarter": 3})
    draft = Release.objects.get()
    assert response.status_code == 302
    review = coord_client.get(reverse("transparency:review", args=[draft.pk])).text
    assert "Eine zweite Person" in review and "veröffentlichen" not in review
    second = Client()
    second.force_login(second_coordinator)
    second.post(reverse("transparency:release", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.released_by == second_coordinator


def test_caseworkers_do_not_manage_reports(cw_client):
    assert cw_client.get(reverse("transparency:manage")).status_code == 403
