"""Point 2 of the workspace issue: previews of the evidence, drawn by the server.

The PNG that comes back is read again with Pillow: the red square of the PDF's
first page must be red in the picture, the second (blue) page must not show.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cases.previews import NoPreview, render_preview
from cases.services import evidence_add
from cases.uploads import check_upload
from tests.cases.files import jpeg_with_gps, pdf_with_red_block, png_two_halves
from tests.factories import CaseFactory


def _png(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "PNG"
    return picture.convert("RGB")


def test_pdf_preview_is_the_first_page_drawn_as_a_picture():
    picture = _png(render_preview(pdf_with_red_block(), "application/pdf", size="gross"))
    width, height = picture.size
    assert max(width, height) == 1200
    assert abs(width / height - 595 / 842) < 0.01
    # The square from x 50..300, y 92..342 (from the top) of 595 × 842 points.
    red = picture.getpixel((int(width * 175 / 595), int(height * 217 / 842)))
    assert red[0] > 200 and red[1] < 40 and red[2] < 40, red
    white = picture.getpixel((int(width * 450 / 595), int(height * 700 / 842)))
    assert min(white) > 240, white  # not the blue second page


def test_image_preview_is_redrawn_small_without_metadata():
    picture = Image.open(io.BytesIO(render_preview(png_two_halves(), "image/png", size="klein")))
    assert picture.size == (160, 80)
    rgb = picture.convert("RGB")
    assert rgb.getpixel((20, 40))[0] > 180 and rgb.getpixel((140, 40))[2] > 180
    jpeg = Image.open(io.BytesIO(render_preview(jpeg_with_gps(), "image/jpeg", size="klein")))
    assert jpeg.format == "PNG"
    assert not jpeg.getexif()


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(b"%PDF-1.7 kaputt", "application/pdf"), (b"kein Bild", "image/png"), (b"x", "text/plain")],
)
def test_a_file_that_cannot_be_drawn_has_no_preview(data, content_type):
    with pytest.raises(NoPreview):
        render_preview(data, content_type, size="klein")


@pytest.fixture
def pdf_evidence(team):
    case = CaseFactory(team=team)
    upload = SimpleUploadedFile("bescheid.pdf", pdf_with_red_block(), "application/pdf")
    return evidence_add(case=case, upload=check_upload(upload), title="Bescheid vom März")


@pytest.mark.django_db
def test_case_page_shows_a_thumbnail_that_opens_into_the_first_page(cw_client, pdf_evidence):
    case = pdf_evidence.case
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    small = reverse("cases:evidence_preview", args=[case.reference, pdf_evidence.pk, "klein"])
    large = reverse("cases:evidence_preview", args=[case.reference, pdf_evidence.pk, "gross"])
    assert f'src="{small}"' in page and f'src="{large}"' in page
    assert 'alt="erste Seite von Bescheid vom März"' in page

    response = cw_client.get(small)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "inline"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert max(_png(response.content).size) == 160


@pytest.mark.django_db
def test_previews_keep_to_the_team_and_the_known_sizes(cw_client, other_client, pdf_evidence):
    case = pdf_evidence.case
    url = reverse("cases:evidence_preview", args=[case.reference, pdf_evidence.pk, "klein"])
    assert other_client.get(url).status_code == 404
    too_big = reverse("cases:evidence_preview", args=[case.reference, pdf_evidence.pk, "riesig"])
    assert cw_client.get(too_big).status_code == 404


@pytest.mark.django_db
def test_inbox_report_shows_previews_of_its_files(cw_client, team):
    from tests.harness.object_urls import a_file_of_a_converted_submission

    item = a_file_of_a_converted_submission(CaseFactory(team=team))
    page = cw_client.get(reverse("intake:detail", args=[item.submission_id])).text
    small = reverse("intake:file_preview", args=[item.pk, "klein"])
    assert f'src="{small}"' in page
    response = cw_client.get(small)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
