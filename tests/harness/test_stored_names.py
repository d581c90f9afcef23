"""Files never break a submission: the same file uploaded again (in a second
report, as evidence in a second case) is stored under a name that fits its
column, and each copy stays readable byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.intake.models import IntakeFile
from cases.models import Evidence
from cases.services import evidence_add
from cases.uploads import check_upload
from tests.factories import CaseFactory
from tests.harness.faults import plausible_submission
from tests.harness.samples import png_bytes
from tests.harness.test_fault_scenarios import RECEIPT_CODE, submit_intake


def _columns(model, *fields: str) -> dict[str, int]:
    return {name: model._meta.get_field(name).max_length for name in fields}


def _assert_fit_and_intact(rows, model, data: bytes) -> None:
    limits = _columns(model, "original", "sanitized")
    for row in rows:
        for name, limit in limits.items():
            stored = getattr(row, name).name
            assert len(stored) <= limit, (stored, limit)
        with row.original.open("rb") as fh:
            assert hashlib.sha256(fh.read()).hexdigest() == hashlib.sha256(data).hexdigest()
        with row.sanitized.open("rb") as fh:
            assert fh.read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["foto.png", "foto.PNG", "x" * 180 + ".png"])
def test_the_same_file_as_evidence_in_three_cases_is_stored_three_times(name):
    data = png_bytes((31, 17))
    rows = []
    for _ in range(3):
        upload = SimpleUploadedFile(name, data, content_type="image/png")
        rows.append(evidence_add(case=CaseFactory(), upload=check_upload(upload), title="Foto"))
    assert Evidence.objects.count() == 3
    _assert_fit_and_intact(rows, Evidence, data)
    assert len({row.original.name for row in rows}) == 3  # deleting one keeps the others


@pytest.mark.django_db
def test_the_same_file_uploaded_as_evidence_in_two_cases_through_the_page(team, cw_client):
    """As staff do it: the case page's upload form, the same photo twice
    (the month of the first upload, where the names used to collide)."""
    data = png_bytes((23, 11))
    cases = [CaseFactory(team=team), CaseFactory(team=team)]
    for case in cases:
        response = cw_client.post(
            reverse("cases:evidence_upload", args=[case.reference]),
            {"file": SimpleUploadedFile("y" * 150 + ".png", data), "title": "Foto"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    rows = list(Evidence.objects.filter(case__in=cases))
    assert len(rows) == 2
    _assert_fit_and_intact(rows, Evidence, data)
    for case in cases:
        page = cw_client.get(reverse("cases:case_detail", args=[case.reference]))
        assert page.status_code == 200 and "Foto" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_same_file_in_three_reports_keeps_every_report(settings):
    settings.INTAKE_SUBMISSIONS_PER_ADDRESS = 100  # six reports from one address, no challenge
    cache.clear()
    data = png_bytes((29, 13))
    url = reverse("intake:form")
    for _ in range(3):
        response, _seconds = submit_intake(Client(), url)  # two generated files each
        assert RECEIPT_CODE.search(response.content.decode())
    # And the very same bytes three times, under a long name.
    client = Client()
    for _ in range(3):
        fields, file_fields = plausible_submission(client.get(url).content.decode())
        for field in file_fields:
            fields[field] = SimpleUploadedFile("b" * 200 + ".png", data, "image/png")
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=True):
            response = client.post(url, fields, follow=True)
        assert response.status_code == 200
        assert RECEIPT_CODE.search(response.content.decode()), response.content.decode()[:2000]
    same = IntakeFile.objects.filter(sha256=hashlib.sha256(data).hexdigest())
    assert same.count() == 3
    _assert_fit_and_intact(list(same), IntakeFile, data)
