"""Evidence: checked by content, original kept byte for byte, sanitized copy served."""

from __future__ import annotations

import hashlib
import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cases.models import Evidence
from tests.cases.files import ELF_AS_JPG, GPS_IFD, MZ_AS_JPG, jpeg_with_gps, pdf_with_javascript
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def upload(client, case, name, data, **extra):
    return client.post(
        reverse("cases:evidence_upload", args=[case.reference]),
        {"file": SimpleUploadedFile(name, data), "title": "Bildschirmfoto", **extra},
    )


@pytest.mark.parametrize("data", [ELF_AS_JPG, MZ_AS_JPG], ids=["elf", "mz"])
def test_renamed_executable_is_rejected_with_a_message(cw_client, team, data):
    case = CaseFactory(team=team)
    response = upload(cw_client, case, "urlaub.jpg", data)
    assert response.status_code == 200
    assert "„urlaub.jpg“ ist kein Bild (JPEG, PNG) und kein PDF" in response.text
    assert 'value="Bildschirmfoto"' in response.text
    assert not Evidence.objects.exists()


def test_oversized_file_is_rejected_with_the_limit(cw_client, team, settings):
    settings.EVIDENCE_MAX_BYTES = 2048
    case = CaseFactory(team=team)
    response = upload(cw_client, case, "gross.jpg", jpeg_with_gps() + b"\x00" * 4096)
    assert "ist zu groß" in response.text and "höchstens 2,0\xa0KB" in response.text
    assert not Evidence.objects.exists()


def test_htmx_upload_error_is_shown_on_the_form(cw_client, team):
    case = CaseFactory(team=team)
    response = cw_client.post(
        reverse("cases:evidence_upload", args=[case.reference]),
        {"file": SimpleUploadedFile("x.jpg", ELF_AS_JPG)},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Retarget"] == "#form-evidence"
    assert "ist kein Bild" in response.text


def test_jpeg_gps_is_stripped_from_the_copy_and_the_original_is_kept(cw_client, team):
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the test file has GPS
    case = CaseFactory(team=team)
    response = upload(cw_client, case, "beweis.jpg", data)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()

    original = cw_client.get(reverse("cases:evidence_original", args=[case.reference, evidence.pk]))
    original_bytes = b"".join(original.streaming_content)
    assert original_bytes == data
    assert hashlib.sha256(original_bytes).hexdigest() == evidence.sha256
    assert original["Content-Disposition"].startswith("attachment;")

    copy = cw_client.get(reverse("cases:evidence_download", args=[case.reference, evidence.pk]))
    copy_bytes = b"".join(copy.streaming_content)
    assert copy["Content-Disposition"].startswith("attachment;")
    assert "bereinigt" in copy["Content-Disposition"]
    clean = Image.open(io.BytesIO(copy_bytes))
    assert len(clean.getexif()) == 0
    assert not clean.getexif().get_ifd(GPS_IFD)
    assert b"Exif" not in copy_bytes[:200]


def test_pdf_javascript_is_removed_from_the_copy(cw_client, team):
    data = pdf_with_javascript()
    case = CaseFactory(team=team)
    upload(cw_client, case, "bescheid.pdf", data)
    evidence = Evidence.objects.get()
    copy = cw_client.get(reverse("cases:evidence_download", args=[case.reference, evidence.pk]))
    with pikepdf.open(io.BytesIO(b"".join(copy.streaming_content))) as pdf:
        assert "/OpenAction" not in pdf.Root
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()


def test_uploaded_evidence_appears_on_the_timeline(cw_client, team):
    case = CaseFactory(team=team)
    upload(cw_client, case, "beweis.jpg", jpeg_with_gps())
    text = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Beweismittel hinzugefügt: Bildschirmfoto" in text
    assert "bereinigte Kopie herunterladen" in text


def test_a_forged_jpeg_is_rejected_as_unreadable(cw_client, team):
    case = CaseFactory(team=team)
    response = upload(cw_client, case, "kaputt.jpg", b"\xff\xd8\xff\xe0" + b"\x00JFIF" + b"A" * 300)
    assert "beschädigt oder kann nicht gelesen werden" in response.text
    assert not Evidence.objects.exists()


def test_downloading_evidence_is_logged(cw_client, caseworker, team):
    from auditlog.models import LogEntry

    case = CaseFactory(team=team)
    upload(cw_client, case, "beweis.jpg", jpeg_with_gps())
    evidence = Evidence.objects.get()
    cw_client.get(reverse("cases:evidence_original", args=[case.reference, evidence.pk]))
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(evidence.pk))
    assert entry.actor == caseworker
