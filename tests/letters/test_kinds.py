"""Each kind: its recipient from the directory and its generated text."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from cases.models import Authority, Incident
from letters.kinds import KINDS, RecipientMissing, add_months
from letters.models import Letter
from letters.services import letter_draft_create, letter_finalize
from tests.factories import CaseFactory, IncidentFactory
from tests.letters.conftest import address_window_text, pdf_text


def test_art_77_complaint_for_a_bavarian_zkt_goes_to_the_bavarian_commissioner(
    case, caseworker, directory
):
    # A zkT is a body of the Land: the Landesbeauftragte for public bodies
    # supervises it, not the Landesamt (private sector) (§ 6a SGB II).
    letter = letter_draft_create(case=case, kind=Letter.Kind.DPA_COMPLAINT, by=caseworker)
    assert letter.recipient_authority == directory["baylfd"]
    pdf = letter_finalize(letter=letter, by=caseworker).pdf.read()
    text = address_window_text(pdf)
    assert "Der Bayerische Landesbeauftragte für den Datenschutz" in text
    assert "Wagmüllerstraße 18" in text
    assert "80538 München" in text
    assert "Landesamt für Datenschutzaufsicht" not in pdf_text(pdf)


def test_art_77_complaint_for_a_ge_goes_to_the_bfdi(team, ge_bavaria, directory, caseworker):
    # A gemeinsame Einrichtung is supervised by the BfDI (§ 50 Abs. 4 Satz 2 SGB II).
    case = CaseFactory(team=team, jobcenter=ge_bavaria)
    letter = letter_draft_create(case=case, kind=Letter.Kind.DPA_COMPLAINT, by=caseworker)
    assert letter.recipient_authority == directory["bfdi"]
    assert "§ 50 Abs. 4 Satz 2 SGB II" in letter.body
    pdf = letter_finalize(letter=letter, by=caseworker).pdf.read()
    assert address_window_text(pdf).endswith(
        "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit "
        "Graurheindorfer Straße 153 53117 Bonn"
    )


def test_criminal_complaint_without_a_prosecutor_in_the_land_says_so(case, caseworker, directory):
    directory["sta_muenchen"].delete()
    with pytest.raises(RecipientMissing, match="Staatsanwaltschaft für Bayern"):
        letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker)
    assert not Letter.objects.exists()


@pytest.mark.parametrize(
    ("kind", "recipient_key", "phrases"),
    [
        (
            Letter.Kind.OBJECTION,
            None,
            ["Widerspruch", "28.02.2025", "zu löschen", "§ 67a Abs. 2 Satz 1 SGB X"],
        ),
        (Letter.Kind.INTERIM_ORDER, "sg_muenchen", ["§ 86b Abs. 2", "Anordnungsgrund"]),
        (Letter.Kind.DPA_COMPLAINT, "baylfd", ["Art. 77", "Art. 58 Abs. 2 DSGVO"]),
        (
            Letter.Kind.CRIMINAL_COMPLAINT,
            "sta_muenchen",
            ["§ 85 Abs. 1 SGB X", "§ 42 Abs. 2", "§ 77b", "§ 158 Abs. 2 StPO", "Frau K."],
        ),
        (Letter.Kind.ACCESS_REQUEST, None, ["Art. 15", "§ 83 SGB X", "Art. 12 Abs. 3"]),
        (Letter.Kind.FILE_INSPECTION, None, ["§ 25 SGB X", "835D123456"]),
        (Letter.Kind.PETITION, "landtag_by", ["Art. 17 GG", "Rechtsaufsicht des Landes Bayern"]),
    ],
)
def test_each_kind_is_drafted_from_the_case_to_its_recipient(
    case, caseworker, directory, kind, recipient_key, phrases
):
    letter = letter_draft_create(case=case, kind=kind, by=caseworker)
    if recipient_key is None:
        assert letter.recipient_jobcenter == case.jobcenter
        assert letter.recipient_authority is None
    else:
        assert letter.recipient_authority == directory[recipient_key]
    assert letter.template_version == KINDS[kind].template_version
    assert letter.subject
    for phrase in phrases:
        assert phrase in letter.body, phrase
    assert "Die Sachbearbeiterin hat Fotos" in letter.body  # the incident


def test_objection_names_the_breached_bfdi_criteria(case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    assert "kein konkreter, dokumentierter Verdacht" in letter.body
    assert "vorher nicht gefragt" in letter.body
    assert "nachträglich nicht" in letter.body


def test_objection_leaves_out_criteria_that_were_met(case, caseworker):
    case.incidents.update(was_asked_first=True, was_informed_afterwards=True)
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    assert "vorher nicht gefragt" not in letter.body
    assert "nachträglich nicht" not in letter.body
    assert "kein konkreter, dokumentierter Verdacht" in letter.body


def test_criminal_complaint_notes_the_77b_deadline(case, caseworker):
    # Kenntnis 10.03.2025 → three months end with 10.06.2025 (§ 77b Abs. 1, 2 StGB).
    with time_machine.travel("2025-04-01 10:00 +02:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker)
    assert "endet mit Ablauf des 10.06.2025" in letter.body
    assert "rechtzeitig" in letter.body


def test_criminal_complaint_after_the_deadline_asks_to_check_it(case, caseworker):
    with time_machine.travel("2025-07-01 10:00 +02:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker)
    assert "[Frist prüfen!]" in letter.body


def test_fake_profile_adds_the_offence_of_obtaining_data_by_deception(case, caseworker):
    IncidentFactory(case=case, kind=Incident.Kind.FAKE_PROFILE)
    letter = letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker)
    assert "§ 42 Abs. 2 Nr. 2 BDSG" in letter.body


def test_petition_for_a_ge_goes_to_the_bundestag(team, ge_bavaria, directory, caseworker):
    case = CaseFactory(team=team, jobcenter=ge_bavaria)
    letter = letter_draft_create(case=case, kind=Letter.Kind.PETITION, by=caseworker)
    assert letter.recipient_authority == directory["bundestag"]


def test_an_explicit_recipient_wins(case, caseworker, directory):
    other = directory["bfdi"]
    letter = letter_draft_create(
        case=case, kind=Letter.Kind.DPA_COMPLAINT, by=caseworker, recipient=other
    )
    assert letter.recipient_authority == other
    assert other.kind == Authority.Kind.DATA_PROTECTION


@pytest.mark.parametrize(
    ("learned", "ends"),
    [
        # § 77b Abs. 2 StGB with §§ 187 Abs. 1, 188 Abs. 2 BGB: same day three months on
        (dt.date(2025, 3, 10), dt.date(2025, 6, 10)),
        # § 188 Abs. 3 BGB: no such day in the end month → its last day
        (dt.date(2025, 11, 30), dt.date(2026, 2, 28)),
        (dt.date(2023, 11, 30), dt.date(2024, 2, 29)),
        # across the turn of the year
        (dt.date(2025, 12, 15), dt.date(2026, 3, 15)),
    ],
)
def test_77b_deadline_end(learned, ends):
    assert add_months(learned, 3) == ends
