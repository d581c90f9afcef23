"""Another team's caseworker cannot open, download or change a case by URL."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Case, CaseEvent
from cases.services import evidence_add
from cases.uploads import check_upload
from tests.cases.files import jpeg_with_gps
from tests.factories import CaseFactory, IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_case(team, caseworker):
    case = CaseFactory(team=team, status=Case.Status.OPEN, title="Geheim")
    IncidentFactory(case=case)
    evidence_add(
        case=case,
        upload=check_upload(SimpleUploadedFile("b.jpg", jpeg_with_gps())),
        by=caseworker,
    )
    return case


GETS = [
    "case_detail",
    "case_edit",
    "note_add",
    "transition",
    "assignment",
    "incident_add",
    "decision_add",
    "evidence_upload",
]
POSTS = {
    "case_edit": {"title": "übernommen", "jobcenter": "1"},
    "note_add": {"note": "eingeschleust"},
    "transition": {"to_status": "closed"},
    "assignment": {"assignees": []},
    "incident_add": {"kind": "other", "description": "x"},
    "decision_add": {"kind": "minderung", "dated_on": "2026-01-01"},
    "evidence_upload": {},
}


@pytest.mark.parametrize("name", GETS)
def test_other_team_gets_404_on_case_pages(other_client, foreign_case, name):
    response = other_client.get(reverse(f"cases:{name}", args=[foreign_case.reference]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(POSTS))
def test_other_team_gets_404_on_every_action_and_changes_nothing(other_client, foreign_case, name):
    data = dict(POSTS[name])
    if name == "evidence_upload":
        data["file"] = SimpleUploadedFile("c.jpg", jpeg_with_gps())
    events_before = foreign_case.events.count()
    response = other_client.post(reverse(f"cases:{name}", args=[foreign_case.reference]), data)
    assert response.status_code == 404
    foreign_case.refresh_from_db()
    assert foreign_case.title == "Geheim"
    assert foreign_case.status == Case.Status.OPEN
    assert foreign_case.events.count() == events_before
    assert foreign_case.evidence.count() == 1


@pytest.mark.parametrize("name", ["evidence_download", "evidence_original"])
def test_other_team_cannot_download_evidence(other_client, foreign_case, name):
    evidence = foreign_case.evidence.get()
    response = other_client.get(
        reverse(f"cases:{name}", args=[foreign_case.reference, evidence.pk])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["evidence_download", "evidence_original"])
def test_evidence_of_another_case_is_not_reachable_through_own_case(
    other_client, other_team, foreign_case, name
):
    own = CaseFactory(team=other_team)
    evidence = foreign_case.evidence.get()
    response = other_client.get(reverse(f"cases:{name}", args=[own.reference, evidence.pk]))
    assert response.status_code == 404


def test_own_team_can_open_and_download(cw_client, foreign_case):
    evidence = foreign_case.evidence.get()
    assert (
        cw_client.get(reverse("cases:case_detail", args=[foreign_case.reference])).status_code
        == 200
    )
    response = cw_client.get(
        reverse("cases:evidence_download", args=[foreign_case.reference, evidence.pk])
    )
    assert response.status_code == 200


def test_other_team_does_not_see_foreign_events_on_the_dashboard(other_client, foreign_case):
    CaseEvent.objects.create(
        case=foreign_case, kind="evidence", data={"title": "Vertrauliche Notiz"}
    )
    assert "Vertrauliche Notiz" not in other_client.get(reverse("cases:dashboard")).text


def test_anonymous_visitor_is_sent_to_login(client, foreign_case):
    response = client.get(reverse("cases:case_detail", args=[foreign_case.reference]))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]
