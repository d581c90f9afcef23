"""Art. 15/17 DSGVO and retention: export, erase, anonymise closed cases."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from cases.deadlines.services import incident_record_with_deadlines
from cases.models import Case
from cases.retention import cases_anonymise_expired
from cases.services import evidence_add
from cases.tasks import anonymise_expired_cases
from cases.uploads import check_upload
from letters.models import Letter
from tests.cases.files import jpeg_with_gps
from tests.database import database_mentions
from tests.factories import CaseFactory, PersonFactory

BROKEN_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture
def case(team, caseworker, django_capture_on_commit_callbacks):
    person = PersonFactory(name="Zora Einzigartig", email="zora@example.org")
    case = CaseFactory(team=team, person=person, title="Zoras Facebook", assignees=[caseworker])
    incident_record_with_deadlines(
        case=case,
        by=caseworker,
        kind="profile_research",
        description="Frau Einzigartig wurde auf Facebook ausgeforscht.",
        staff_member="Herr Schnüffler",
    )
    with django_capture_on_commit_callbacks(execute=True):
        evidence_add(
            case=case,
            upload=check_upload(SimpleUploadedFile("foto.jpg", jpeg_with_gps())),
            by=caseworker,
        )
    return case


@pytest.mark.django_db
def test_coordinator_exports_a_persons_data(case, coord_client):
    response = coord_client.get(reverse("cases:person_export", args=[case.reference]))
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{case.reference}_Datenauskunft.json"'
    )
    data = json.loads(response.content)
    assert data["person"]["name"] == "Zora Einzigartig"
    assert data["cases"][0]["incidents"][0]["staff_member"] == "Herr Schnüffler"
    assert data["cases"][0]["evidence"][0]["file_name"] == "foto.jpg"


@pytest.mark.django_db
def test_caseworkers_and_other_teams_cannot_export_or_erase(case, cw_client, other_client):
    for url in (
        reverse("cases:person_export", args=[case.reference]),
        reverse("cases:person_erase", args=[case.reference]),
    ):
        assert cw_client.get(url).status_code == 403
        assert other_client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_erasing_removes_the_person_from_database_and_disk(case, coord_client, settings):
    evidence = case.evidence.get()
    files = [Path(evidence.original.path), Path(evidence.sanitized.path)]
    assert all(f.exists() for f in files)
    # Reads and changes before the erasure leave audit entries behind.
    letter = Letter.objects.create(
        case=case,
        kind=Letter.Kind.OBJECTION,
        subject="Widerspruch Zora Einzigartig",
        body="Zora Einzigartig legt Widerspruch ein.",
        template_version="1",
    )
    coord_client.get(reverse("cases:case_detail", args=[case.reference]))
    coord_client.get(reverse("cases:person_export", args=[case.reference]))
    coord_client.get(reverse("letters:detail", args=[letter.pk]))
    coord_client.post(
        reverse("cases:case_edit", args=[case.reference]),
        {
            "title": "Zoras Instagram",
            "jobcenter": case.jobcenter_id,
            "person_name": "Zora Einzigartig",
        },
    )
    assert database_mentions("Zoras")
    url = reverse("cases:person_erase", args=[case.reference])
    wrong = coord_client.post(url, {"reason": "Antrag", "confirm_reference": "2000-0001"})
    assert "stimmt nicht überein" in wrong.content.decode()
    assert Case.objects.get(pk=case.pk).anonymised_at is None

    # The name's stem, in the search row's full-text document (PostgreSQL)
    # or its stemmed words (SQLite).
    stems = "document" if connection.vendor == "postgresql" else "words"
    assert f"cases_casesearch.{stems}" in database_mentions("einzigart")
    response = coord_client.post(
        url, {"reason": "Löschantrag (Art. 17 DSGVO)", "confirm_reference": case.reference}
    )
    assert response.status_code == 302
    assert not any(f.exists() for f in files)
    for secret in ("Einzigartig", "einzigart", "zora@example.org", "Schnüffler", "Zoras"):
        assert database_mentions(secret) == [], secret
    case.refresh_from_db()
    assert case.anonymised_at is not None
    assert case.incidents.get().kind == "profile_research"  # the statistics keep the facts


@pytest.mark.django_db(transaction=True)
def test_erasing_leaves_nothing_of_the_person_in_the_admins_history(
    case, coordinator, coord_client
):
    """Edits made in the admin leave Django's own history (object names,
    change messages): erasure redacts it like the audit log."""
    coordinator.is_staff = coordinator.is_superuser = True
    coordinator.save()
    changed = coord_client.post(
        reverse("admin:cases_person_change", args=[case.person_id]),
        {"name": "Zora Einzigartig-Neu", "email": "zora@example.org", "consent_text_version": ""},
    )
    assert changed.status_code == 302
    assert "django_admin_log.object_repr" in database_mentions("Einzigartig-Neu")

    coord_client.post(
        reverse("cases:person_erase", args=[case.reference]),
        {"reason": "Löschantrag (Art. 17 DSGVO)", "confirm_reference": case.reference},
    )

    for secret in ("Einzigartig", "zora@example.org"):
        assert database_mentions(secret) == [], secret


@pytest.mark.django_db
def test_closed_cases_are_anonymised_after_the_retention_period(
    case, settings, django_capture_on_commit_callbacks
):
    settings.CASE_RETENTION_DAYS = 365
    recent = CaseFactory(team=case.team, status=Case.Status.CLOSED)
    with time_machine.travel(dt.datetime(2024, 1, 10, 12, tzinfo=dt.UTC)):
        Case.objects.filter(pk=case.pk).update(
            status=Case.Status.CLOSED, closed_at=dt.datetime(2024, 1, 10, tzinfo=dt.UTC)
        )
    Case.objects.filter(pk=recent.pk).update(closed_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    with time_machine.travel(dt.datetime(2026, 11, 25, 4, tzinfo=dt.UTC)):
        with django_capture_on_commit_callbacks(execute=True):
            assert anonymise_expired_cases() == 1
        assert cases_anonymise_expired() == 0  # idempotent
    case.refresh_from_db()
    recent.refresh_from_db()
    assert case.anonymised_at is not None and case.person.name == ""
    assert recent.anonymised_at is None


@pytest.mark.django_db
def test_a_broken_image_is_refused_with_a_message_not_a_crash(case, cw_client):
    response = cw_client.post(
        reverse("cases:evidence_upload", args=[case.reference]),
        {"file": SimpleUploadedFile("kaputt.png", BROKEN_PNG), "title": "kaputt"},
    )
    assert response.status_code == 200
    assert "beschädigt" in response.content.decode()
