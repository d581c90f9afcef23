"""Direction controls in a letter (Trojan Source, CVE-2021-42574): a name
or report text with U+202E reads reversed on paper. Read back from the PDF:
the draft's preview shows them as markers, and no letter is made final
with one in it."""

from __future__ import annotations

import pytest

from letters.models import Letter
from letters.rendering import html_to_pdf, letter_html
from letters.services import (
    LetterNotReady,
    letter_document_for,
    letter_draft_create,
    letter_finalize,
    letter_problems,
)
from tests.letters.conftest import complete, pdf_text

HOSTILE = "Ali \u202ezteseG"  # shows as "Ali Gesetz" where the control takes effect


@pytest.fixture
def hostile_case(case):
    case.person.name = HOSTILE
    case.person.save()
    return case


def test_the_preview_marks_a_direction_control_and_the_letter_cannot_be_final(
    hostile_case, caseworker
):
    letter = complete(
        letter_draft_create(case=hostile_case, kind=Letter.Kind.OBJECTION, by=caseworker),
        caseworker,
    )
    preview = pdf_text(html_to_pdf(letter_html(letter_document_for(letter))))
    assert "Ali [RLO]zteseG" in preview
    assert "\u202e" not in preview

    problems = letter_problems(letter)
    assert any("Steuerzeichen" in p and "[RLO]" in p for p in problems)
    with pytest.raises(LetterNotReady, match="Steuerzeichen"):
        letter_finalize(letter=letter, by=caseworker)


def test_once_the_name_is_corrected_the_letter_can_be_final(hostile_case, caseworker):
    hostile_case.person.name = "Ali Gesetz"
    hostile_case.person.save()
    letter = complete(
        letter_draft_create(case=hostile_case, kind=Letter.Kind.OBJECTION, by=caseworker),
        caseworker,
    )
    assert not any("Steuerzeichen" in p for p in letter_problems(letter))
    final = letter_finalize(letter=letter, by=caseworker)
    assert "Ali Gesetz" in pdf_text(final.pdf.read())
