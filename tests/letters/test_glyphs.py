"""Every glyph of Latin-script names prints: read back from the rendered page.

The text layer alone proves nothing: "Ayşe" once sat correctly in the text
layer while the page showed "Ay e". Each glyph of the names below is looked
up on the rasterised page (pdfplumber renders with pdfium) and must put ink
there, drawn by the shipped font, not by whatever the server has installed.
"""

from __future__ import annotations

import io
import unicodedata

import pdfplumber
import pytest
import time_machine

from letters.kinds import KINDS
from letters.models import Letter
from letters.services import letter_draft_create
from tests.factories import CaseFactory, DecisionFactory, IncidentFactory, PersonFactory
from tests.letters.conftest import finalized

# Turkish ş ğ ı, Polish ł ś ż ą, Czech ř ě, Romanian ș ț, Serbo-Croatian đ ć č, Vietnamese.
NAME = (
    "Ayşe Yıldız-Doğan Michał Świątek-Żak Řehoř Děčín Ștefan Mureșan-Ioniță Đorđe Ćosić "
    "Nguyễn Thị Ánh"
)
SPECIAL = sorted({c for c in NAME if not c.isascii() and c.isalpha()})
RESOLUTION = 300
SCALE = RESOLUTION / 72


def _ink(image, char) -> int:
    box = (
        int(char["x0"] * SCALE),
        int(char["top"] * SCALE),
        int(char["x1"] * SCALE) + 1,
        int(char["bottom"] * SCALE) + 1,
    )
    crop = image.crop(box).convert("L")
    return sum(crop.histogram()[:128])


def _clipped_by_design(char) -> bool:
    """The one-line return address above the window is cut at the window's
    right edge (105 mm) so that nothing of it shows outside the envelope."""
    mm = 25.4 / 72
    return 44 <= char["top"] * mm <= 50 and char["x1"] * mm > 105


def glyph_report(pdf: bytes) -> dict[str, list[tuple[int, str, float, int]]]:
    """For each special character: (page, font, size, ink) of every occurrence,
    size and ink."""
    report: dict[str, list] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            image = page.to_image(resolution=RESOLUTION).original
            for char in page.chars:
                if char["text"] in SPECIAL and not _clipped_by_design(char):
                    report.setdefault(char["text"], []).append(
                        (number, char["fontname"], round(char["size"], 1), _ink(image, char))
                    )
    return report


def test_the_names_use_only_letters_the_font_must_cover():
    assert len(SPECIAL) >= 20
    assert {"ş", "ğ", "ı", "ł", "ř", "ě", "ș", "ț", "đ", "ć", "č", "ễ"} <= set(SPECIAL)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_glyph_of_latin_script_names_puts_ink_on_the_page(
    team, zkt_bavaria, directory, organisation, caseworker, kind
):
    person = PersonFactory(name=NAME, street="Beispielweg 5", postcode="83734", city="Hausham")
    case = CaseFactory(team=team, person=person, jobcenter=zkt_bavaria)
    IncidentFactory(case=case, staff_member="Frau Ćosić", is_data_public=False)
    decision = DecisionFactory(case=case)
    options = _continues(case, decision, kind, caseworker)
    with time_machine.travel("2025-04-01 10:00 +02:00", tick=False):
        letter = letter_draft_create(case=case, kind=kind, by=caseworker, options=options)
        pdf = finalized(letter, caseworker).pdf.read()
    report = glyph_report(pdf)
    assert set(report) == set(SPECIAL), f"not in the text layer: {set(SPECIAL) - set(report)}"
    for char, occurrences in report.items():
        for page, font, _size, ink in occurrences:
            assert "Source-Sans-3" in font, (char, font)  # no fallback font
            assert ink > 0, f"{char!r} ({unicodedata.name(char)}) leaves no ink, page {page}"


def _continues(case, decision, kind, by) -> dict:
    """What the kinds that continue a procedure need in the case first: a
    Widerspruchsbescheid, a Widerspruch sent months ago, a sent letter, an
    Einstellungsbescheid, the Jobcenter's Dienstaufsicht and DPO."""
    import datetime as dt

    from cases.models import Decision
    from letters.services import letter_mark_sent

    def sent(kind, on):
        letter = Letter.objects.create(
            case=case,
            kind=kind,
            decision=decision,
            subject="Betreff",
            body="Text",
            template_version="1",
            status=Letter.Status.FINAL,
            pdf_sha256="0" * 64,
        )
        return letter_mark_sent(letter=letter, by=by, channel=Letter.Channel.FAX, sent_on=on)

    if kind == Letter.Kind.ACTION:
        DecisionFactory(case=case, kind=Decision.Kind.OBJECTION_DECISION)
    if kind == Letter.Kind.PROSECUTION_COMPLAINT:
        DecisionFactory(case=case, kind=Decision.Kind.PROSECUTION_DROPPED)
    if kind in (Letter.Kind.SUPERVISORY_COMPLAINT, Letter.Kind.DPO_LETTER):
        case.jobcenter.supervisor_name = "Landratsamt Miesbach, Landrat"
        case.jobcenter.supervisor_address = "Rosenheimer Straße 1-3\n83714 Miesbach"
        case.jobcenter.dpo_address = "Postfach 10 04 50\n83707 Miesbach"
        case.jobcenter.save()
    if kind == Letter.Kind.INACTION_ACTION:
        sent(Letter.Kind.OBJECTION, dt.date(2024, 12, 2))
    if kind == Letter.Kind.STATUS_INQUIRY:
        return {"about_letter": sent(Letter.Kind.FILE_INSPECTION, dt.date(2025, 2, 3)).pk}
    return {}


def test_a_blank_glyph_would_be_caught():
    # The check itself: a character drawn without ink (a space-like glyph)
    # counts zero dark pixels in its box.
    from PIL import Image

    image = Image.new("RGB", (100, 100), "white")
    assert _ink(image, {"x0": 1, "x1": 10, "top": 1, "bottom": 10}) == 0


def test_letter_kind_list_is_complete():
    assert set(KINDS) == set(Letter.Kind.values)
