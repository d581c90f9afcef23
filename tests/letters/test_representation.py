"""The group as representative (§ 13 SGB X): profile, Vollmacht, sender, checks."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from cases.models import PowerOfAttorney
from letters.models import Letter
from letters.services import (
    LetterNotReady,
    RepresentationRefused,
    letter_draft_create,
    letter_finalize,
)
from tests.letters.conftest import address_window_text, complete, finalized, pdf_text


@pytest.fixture
def power(case):
    return PowerOfAttorney.objects.create(
        person=case.person, signed_on=dt.date(2026, 3, 1), scan="vollmacht/2026/x.pdf"
    )


def _draft(case, caseworker, kind=Letter.Kind.OBJECTION):
    return letter_draft_create(
        case=case, kind=kind, by=caseworker, sender=Letter.Sender.ORGANISATION
    )


def test_representative_letter_is_on_the_groups_letterhead_signed_for_the_group(
    case, caseworker, organisation, power
):
    caseworker.first_name, caseworker.last_name = "Kim", "Berger"
    caseworker.save()
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        pdf = finalized(_draft(case, caseworker), caseworker).pdf.read()
    text = " ".join(pdf_text(pdf).split())
    assert "Erwerbslosen-Forum Datenschutz e. V." in text
    assert "in Vollmacht für Erika Mustermann" in text
    assert "die Vollmacht vom 01.03.2026 liegt bei (§ 13 Abs. 1 SGB X)" in text
    assert "für Erwerbslosen-Forum Datenschutz e. V. Kim Berger" in text
    assert "Unser Zeichen 2026-0042" in text
    assert "Vollmacht vom 01.03.2026" in text.split("Anlagen")[-1]  # enclosed
    # The return line is the group's, the recipient the Jobcenter.
    assert address_window_text(pdf).startswith("Erwerbslosen-Forum Datenschutz e. V.")


def test_no_representative_letter_without_a_valid_vollmacht(case, caseworker, organisation):
    letter = complete(_draft(case, caseworker), caseworker)
    with pytest.raises(LetterNotReady, match="keine gültige Vollmacht"):
        letter_finalize(letter=letter, by=caseworker)


def test_a_revoked_vollmacht_no_longer_counts(case, caseworker, organisation, power):
    power.revoked_on = dt.date(2026, 3, 10)
    power.save()
    letter = complete(_draft(case, caseworker), caseworker)
    with (
        time_machine.travel("2026-03-20 10:00 +01:00", tick=False),
        pytest.raises(LetterNotReady, match="keine gültige Vollmacht"),
    ):
        letter_finalize(letter=letter, by=caseworker)


def test_a_vollmacht_without_its_signed_scan_does_not_count(case, caseworker, organisation, power):
    power.scan = ""
    power.save()
    letter = complete(_draft(case, caseworker), caseworker)
    with pytest.raises(LetterNotReady, match="keine gültige Vollmacht"):
        letter_finalize(letter=letter, by=caseworker)


def test_only_a_signatory_of_the_profile_may_sign(case, caseworker, organisation, power):
    organisation.signatories.clear()
    letter = complete(_draft(case, caseworker), caseworker)
    with (
        time_machine.travel("2026-03-20 10:00 +01:00", tick=False),
        pytest.raises(LetterNotReady, match="nicht als zeichnungsberechtigt"),
    ):
        letter_finalize(letter=letter, by=caseworker)


def test_court_applications_stay_in_the_persons_name_unless_the_group_may_represent(
    case, caseworker, organisation, power
):
    # § 73 Abs. 2 SGG lists who may represent before the Sozialgericht.
    with pytest.raises(RepresentationRefused, match="§ 73 Abs. 2 SGG"):
        _draft(case, caseworker, kind=Letter.Kind.INTERIM_ORDER)
    organisation.may_represent_in_court = True
    organisation.save()
    letter = _draft(case, caseworker, kind=Letter.Kind.INTERIM_ORDER)
    assert letter.sender == "organisation"
    # Before the court the Vollmacht is filed in writing (§ 73 Abs. 6 Satz 1 SGG);
    # § 13 SGB X governs the administrative procedure, not the court.
    text = " ".join(pdf_text(finalized(letter, caseworker).pdf.read()).split())
    assert "liegt bei (§ 73 Abs. 6 Satz 1 SGG)" in text
    assert "§ 13 Abs. 1 SGB X" not in text


def test_complaint_in_the_persons_name_needs_the_art_80_mandate(
    case, caseworker, organisation, power
):
    letter = complete(_draft(case, caseworker, kind=Letter.Kind.DPA_COMPLAINT), caseworker)
    with (
        time_machine.travel("2026-03-20 10:00 +01:00", tick=False),
        pytest.raises(LetterNotReady, match="Art. 80 Abs. 1 DSGVO"),
    ):
        letter_finalize(letter=letter, by=caseworker)
    organisation.is_data_protection_body = True
    organisation.save()
    power.includes_complaint_mandate = True
    power.save()
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        assert letter_finalize(letter=letter, by=caseworker).status == Letter.Status.FINAL


def test_the_vollmacht_form_offers_the_art_80_mandate_only_to_a_qualified_group(
    case, caseworker, organisation
):
    form = letter_draft_create(case=case, kind=Letter.Kind.POWER_OF_ATTORNEY, by=caseworker)
    assert "§ 13 SGB X" in form.body
    assert "Art. 80" not in form.body
    organisation.is_data_protection_body = True
    organisation.save()
    form = letter_draft_create(case=case, kind=Letter.Kind.POWER_OF_ATTORNEY, by=caseworker)
    assert "Art. 80 Abs. 1 DSGVO" in form.body
    assert form.sender == Letter.Sender.PERSON


def test_a_letter_in_the_persons_name_needs_no_vollmacht(case, caseworker, organisation):
    letter = letter_draft_create(case=case, kind=Letter.Kind.FILE_INSPECTION, by=caseworker)
    pdf = finalized(letter, caseworker).pdf.read()
    text = pdf_text(pdf)
    assert "Erwerbslosen-Forum" not in text
    assert "Unser Zeichen" not in text
