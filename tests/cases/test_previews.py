"""Point 2 of the workspace issue: previews of the evidence, drawn by the server.

The PNG that comes back is read again with Pillow: the red square of the PDF's
first page must be red in the picture, the second (blue) page must not show.
"""

from __future__ import annotations

import io
import threading

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


THREADS = 8
# Opening a longer document takes PDFium longer, and more often overlaps.
PAGES = 40


def test_pictures_of_pdfs_drawn_in_several_threads_at_once_come_out_whole():
    """PDFium is not thread-safe (``advocacy.pdfium``). The development
    server and the test server answer each request in a thread of their own,
    and the letter editor asks for all its page pictures at once: without
    the lock, valid PDFs failed to open ("Data format error") or the process
    died. Eight threads draw the first pages of a long letter-like PDF and
    its preview at the same time; each picture is the one drawn alone. (A
    race: without the lock this failed or crashed in one run of five.)"""
    from weasyprint import HTML

    from letters.editor import page_count, page_png

    paragraph = "Widerspruch gegen den Bescheid des Jobcenters Köln vom 1. Mai. " * 20
    pdf = HTML(
        string="".join(
            f"<p style='break-after: page'>Seite {n}. {paragraph}</p>" for n in range(PAGES)
        )
    ).write_pdf()
    pages = [page_png(pdf, number) for number in range(1, 5)]
    preview = render_preview(pdf, "application/pdf", size="klein")
    failures: list[str] = []

    start = threading.Barrier(THREADS)

    def draw() -> None:
        start.wait()  # all at once
        for round_ in range(30):
            number = round_ % 4 + 1
            try:
                if page_count(pdf) != PAGES or page_png(pdf, number) != pages[number - 1]:
                    failures.append(f"page {number} differs")
                if number == 4 and render_preview(pdf, "application/pdf", size="klein") != preview:
                    failures.append("preview differs")
            except Exception as error:  # noqa: BLE001 (every failure is reported)
                failures.append(repr(error))

    threads = [threading.Thread(target=draw) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_every_use_of_pdfium_holds_its_lock(monkeypatch):
    """The race above shows only now and then; this checks its cause every
    time: each call into PDFium (opening, counting, fetching a page,
    closing) happens while ``advocacy.pdfium.LOCK`` is held, for the
    evidence preview, the letter's page count and its page pictures."""
    import pypdfium2

    from advocacy.pdfium import LOCK
    from letters.editor import page_count, page_png

    held: list[tuple[str, bool]] = []

    class Watched(pypdfium2.PdfDocument):
        def __init__(self, *args, **kwargs):
            held.append(("open", LOCK.locked()))
            super().__init__(*args, **kwargs)

        def __len__(self):
            held.append(("count", LOCK.locked()))
            return super().__len__()

        def __getitem__(self, index):
            held.append(("page", LOCK.locked()))
            return super().__getitem__(index)

        def close(self):
            held.append(("close", LOCK.locked()))
            return super().close()

    monkeypatch.setattr(pypdfium2, "PdfDocument", Watched)
    pdf = pdf_with_red_block()
    render_preview(pdf, "application/pdf", size="klein")
    page_count(pdf)
    page_png(pdf, 1)
    assert {what for what, _locked in held} == {"open", "count", "page", "close"}
    assert [what for what, locked in held if not locked] == []
    assert not LOCK.locked()  # and given back
