"""The PDF read back: DIN 5008 positions, contents, page numbers, safety."""

from __future__ import annotations

import logging

import pytest
import time_machine

from letters.models import Letter
from letters.rendering import html_to_pdf
from letters.services import letter_draft_create, letter_update
from tests.letters.conftest import finalized, pdf_text, pdf_words


@pytest.fixture
def objection(case, caseworker):
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
        return finalized(letter, caseworker)


def _read(letter: Letter) -> bytes:
    with letter.pdf.open("rb") as fh:
        return fh.read()


def test_recipient_lines_lie_inside_the_address_window(objection):
    first_page = pdf_words(_read(objection))[0]
    recipient = [w for w in first_page if w["text"] in {"Jobcenter", "Rosenheimer", "83714"}]
    assert {w["text"] for w in recipient} == {"Jobcenter", "Rosenheimer", "83714"}
    for word in recipient:
        assert word["x0_mm"] >= 20 and word["x1_mm"] <= 105, word
        assert word["top_mm"] >= 45 and word["bottom_mm"] <= 90, word


def test_sender_line_is_small_and_above_the_recipient(objection):
    first_page = pdf_words(_read(objection))[0]
    sender = next(w for w in first_page if w["text"] == "Beispielweg" and 40 < w["top_mm"] < 60)
    recipient = next(w for w in first_page if w["text"] == "Rosenheimer")
    assert 45 <= sender["top_mm"] < recipient["top_mm"]
    assert sender["bottom"] - sender["top"] < recipient["bottom"] - recipient["top"]


def test_information_block_starts_at_125_mm(objection):
    first_page = pdf_words(_read(objection))[0]
    label = next(w for w in first_page if w["text"] == "Kundennummer")
    assert label["x0_mm"] == pytest.approx(125, abs=0.5)
    assert 45 <= label["top_mm"] <= 100


def test_a_letter_in_the_persons_name_does_not_show_the_group(objection):
    # In their own name the person writes; the group's file number stays out.
    text = pdf_text(_read(objection))
    assert "2026-0042" not in text
    assert "Unser Zeichen" not in text
    assert "28.02.2025" in text
    assert "835-AZ-77" in text
    assert "20.03.2026" in text  # the letter's date


def test_enclosures_name_the_evidence(objection):
    text = pdf_text(_read(objection))
    assert "Anlagen" in text
    assert "Bildschirmfoto der Freundschaftsanfrage" in text


def test_fold_and_hole_marks_sit_at_the_left_edge(objection):
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(_read(objection))) as doc:
        page = doc.pages[0]
        marks = sorted(
            round(line["top"] * 25.4 / 72, 1)
            for line in page.lines + page.rects
            if line["x0"] * 25.4 / 72 < 15
        )
    assert marks == [105.0, 148.5, 210.0]


def test_a_one_page_letter_has_no_page_numbers(case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.FILE_INSPECTION, by=caseworker)
    letter_update(letter=letter, by=caseworker, subject="Kurz", body="Kurzer Text.")
    letter = finalized(letter, caseworker)
    pages = pdf_words(_read(letter))
    assert len(pages) == 1
    assert "Seite" not in pdf_text(_read(letter))


def test_a_two_page_letter_is_numbered_at_the_foot_of_each_page(case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.FILE_INSPECTION, by=caseworker)
    body = "\n\n".join(f"Absatz {n}: " + "Wir bitten um Einsicht. " * 20 for n in range(8))
    letter_update(letter=letter, by=caseworker, subject="Lang", body=body)
    pdf = _read(finalized(letter, caseworker))
    pages = pdf_words(pdf)
    assert len(pages) == 2
    for number, words in enumerate(pages, start=1):
        line = [w for w in words if w["top_mm"] > 270]
        assert " ".join(w["text"] for w in line) == f"Seite {number} von 2"
        assert line[0]["x0_mm"] > 150  # bottom right


HOSTILE = (
    '<img src="file:///etc/passwd"><link rel="stylesheet" href="file:///etc/passwd">'
    '<iframe src="http://127.0.0.1:9/"></iframe><style>@import url(file:///etc/passwd);</style>'
)


def test_hostile_markup_in_body_and_name_is_printed_as_text(case, caseworker, caplog):
    case.person.name = f"Mallory {HOSTILE}"
    case.person.save()
    letter = letter_draft_create(case=case, kind=Letter.Kind.FILE_INSPECTION, by=caseworker)
    letter_update(letter=letter, by=caseworker, subject=f"Betreff {HOSTILE}", body=HOSTILE)
    with caplog.at_level(logging.WARNING):
        pdf = _read(finalized(letter, caseworker))
    text = pdf_text(pdf)
    assert "root:x:0:0" not in text
    assert 'src="file:///etc/passwd"' in text.replace("\n", "")
    # Escaped text loads nothing: no fetch was even attempted.
    assert "passwd" not in caplog.text


def test_raw_hostile_html_cannot_read_the_disk_or_the_network(caplog):
    html = (
        "<html><body><p>Hallo</p>"
        '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        "<style>@import url('file:///etc/hostname'); body { background: url(/etc/passwd) }</style>"
        '<object data="file:///etc/passwd"></object><embed src="file:///etc/passwd">'
        "</body></html>"
    )
    with caplog.at_level(logging.WARNING):
        pdf = html_to_pdf(html)
    text = pdf_text(pdf)
    assert "Hallo" in text
    assert "root:x:0:0" not in text
    refused = caplog.text
    assert "not a static letter URL" in refused or "disallowed protocol" in refused


@pytest.mark.parametrize("paragraphs", [14, 15, 16, 17])
def test_the_signature_never_stands_alone_on_a_page(case, caseworker, paragraphs):
    # Around the page break the closing formula and the signature move together.
    from letters.rendering import letter_pdf
    from letters.services import letter_document_for

    letter = letter_draft_create(case=case, kind=Letter.Kind.FILE_INSPECTION, by=caseworker)
    body = "\n\n".join(f"Absatz {i}." for i in range(paragraphs)) + "\n\nMit freundlichen Grüßen"
    letter_update(letter=letter, by=caseworker, subject="Akteneinsicht", body=body)
    letter.refresh_from_db()
    pages = pdf_words(letter_pdf(letter_document_for(letter)))
    closing = [n for n, words in enumerate(pages) if any(w["text"] == "Grüßen" for w in words)]
    signature = [
        n
        for n, words in enumerate(pages)
        for w in words
        if w["text"] == "Mustermann" and w["top_mm"] > (60 if n == 0 else 18)
    ]
    assert closing and signature
    assert signature[-1] == closing[-1]
    # and the signature has text above it on its page
    above = [w for w in pages[signature[-1]] if w["top_mm"] > 18 and w["text"] == "Absatz"]
    assert above or signature[-1] == 0


@pytest.mark.parametrize("paragraphs", [16, 17, 18, 19])
def test_a_heading_never_stands_alone_at_the_foot_of_a_page(case, caseworker, paragraphs):
    # "II. Zulässigkeit und Anspruch" or "Begründung:" stays with the text it heads.
    from letters.rendering import letter_pdf
    from letters.services import letter_document_for

    letter = letter_draft_create(case=case, kind=Letter.Kind.FILE_INSPECTION, by=caseworker)
    body = "\n\n".join(
        [*(f"Absatz {i}." for i in range(paragraphs)), "II. Zulässigkeit", "Folgetext hier."]
        + [f"Rest {i}." for i in range(6)]
        + ["Mit freundlichen Grüßen"]
    )
    letter_update(letter=letter, by=caseworker, subject="Akteneinsicht", body=body)
    letter.refresh_from_db()
    pages = pdf_words(letter_pdf(letter_document_for(letter)))
    heading = [
        n for n, words in enumerate(pages) if any(w["text"] == "Zulässigkeit" for w in words)
    ]
    text = [n for n, words in enumerate(pages) if any(w["text"] == "Folgetext" for w in words)]
    assert heading == text
