"""The kinds that go where the directory's new routing rules say (issue 17):
Beschwerde gegen die Einstellung to the Generalstaatsanwaltschaft
(§ 172 Abs. 1 StPO), Dienstaufsichtsbeschwerde (gE → its Geschäftsführung,
zkT → Landrat or Oberbürgermeister) and the letter to the Jobcenter's
data-protection officer (Art. 38 Abs. 4 DSGVO). Each: recipient, text read
back from the PDF, deadlines its dispatch creates and closes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from cases.deadlines.models import Deadline
from cases.deadlines.services import answer_record, decision_record_with_deadlines
from cases.models import Decision
from letters.kinds import DecisionMissing, RecipientMissing
from letters.models import Letter
from letters.services import letter_draft_create, letter_mark_sent
from tests.factories import CaseFactory
from tests.letters.conftest import address_window_text, finalized, pdf_text


def _sent(letter, by, on: dt.date):
    return letter_mark_sent(letter=letter, by=by, channel=Letter.Channel.FAX, sent_on=on)


def _rules(letter) -> dict[str, Deadline]:
    return {d.rule: d for d in Deadline.objects.filter(letter=letter)}


def _words(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


# --- Beschwerde gegen die Einstellung (§ 172 Abs. 1 StPO) -----------------------------


def _einstellung(case, by, *, notice=True):
    # Received Thursday 05.06.2025: two weeks end Thursday 19.06.2025,
    # Fronleichnam in Bavaria → Friday 20.06.2025 (§ 172 Abs. 1 Satz 1, § 43 StPO).
    return decision_record_with_deadlines(
        case=case,
        by=by,
        kind=Decision.Kind.PROSECUTION_DROPPED,
        dated_on=dt.date(2025, 6, 2),
        received_on=dt.date(2025, 6, 5),
        reference="112 Js 4711/25",
        has_correct_legal_remedy_notice=notice,
    )


@pytest.fixture
def sent_complaint(case, caseworker):
    with time_machine.travel("2025-04-01 10:00 +02:00", tick=False):
        complaint = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker),
            caseworker,
        )
        return _sent(complaint, caseworker, dt.date(2025, 4, 1))


def test_prosecution_complaint_goes_to_the_general_prosecutor_above_the_dropping_office(
    case, caseworker, directory, sent_complaint
):
    assert sent_complaint.recipient_authority == directory["sta_muenchen"]
    decision = _einstellung(case, caseworker)
    period = Deadline.objects.get(decision=decision, rule="prosecution_complaint")
    assert period.due_on == dt.date(2025, 6, 20)
    with time_machine.travel("2025-06-10 10:00 +02:00", tick=False):
        letter = letter_draft_create(
            case=case, kind=Letter.Kind.PROSECUTION_COMPLAINT, by=caseworker
        )
        assert letter.recipient_authority == directory["gsta_muenchen"]
        assert letter.decision == decision
        pdf = finalized(letter, caseworker).pdf.read()
    assert "Generalstaatsanwaltschaft München" in address_window_text(pdf)
    text = _words(pdf)
    assert (
        "gegen den Bescheid der Staatsanwaltschaft München II vom 02.06.2025 "
        "(Aktenzeichen: 112 Js 4711/25), mir zugegangen am 05.06.2025" in text
    )
    assert "meine Strafanzeige und meinen Strafantrag vom 01.04.2025" in text
    assert "(§ 172 Abs. 1 Satz 1 StPO)" in text
    assert "endet am 20.06.2025" in text


def test_prosecution_complaint_without_notice_says_the_period_does_not_run(
    case, caseworker, sent_complaint
):
    # § 172 Abs. 1 Satz 3 StPO: without the instruction of § 171 Satz 2 StPO.
    _einstellung(case, caseworker, notice=False)
    letter = letter_draft_create(case=case, kind=Letter.Kind.PROSECUTION_COMPLAINT, by=caseworker)
    assert "die Beschwerdefrist läuft daher nicht (§ 172 Abs. 1 Satz 3 StPO)" in letter.body
    assert "endet am" not in letter.body


def test_prosecution_complaint_needs_the_einstellungsbescheid(case, caseworker):
    with pytest.raises(DecisionMissing, match="Einstellungsbescheid"):
        letter_draft_create(case=case, kind=Letter.Kind.PROSECUTION_COMPLAINT, by=caseworker)


def test_prosecution_complaint_without_a_general_prosecutor_is_refused(case, caseworker, directory):
    _einstellung(case, caseworker)
    directory["sta_muenchen"].superior = None
    directory["sta_muenchen"].save()
    with pytest.raises(RecipientMissing, match="Generalstaatsanwaltschaft"):
        letter_draft_create(case=case, kind=Letter.Kind.PROSECUTION_COMPLAINT, by=caseworker)
    assert not Letter.objects.filter(kind=Letter.Kind.PROSECUTION_COMPLAINT).exists()


def test_sent_prosecution_complaint_completes_the_two_weeks_and_is_followed_up(
    case, caseworker, sent_complaint
):
    decision = _einstellung(case, caseworker)
    with time_machine.travel("2025-06-10 10:00 +02:00", tick=False):
        letter = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.PROSECUTION_COMPLAINT, by=caseworker),
            caseworker,
        )
        _sent(letter, caseworker, dt.date(2025, 6, 10))
    period = Deadline.objects.get(decision=decision, rule="prosecution_complaint")
    assert period.status == Deadline.Status.DONE
    follow_up = _rules(letter)["letter_follow_up"]
    assert follow_up.due_on == dt.date(2025, 7, 10)
    answer_record(deadline=follow_up, received_on=dt.date(2025, 7, 1), by=caseworker)
    follow_up.refresh_from_db()
    assert follow_up.status == Deadline.Status.DONE


# --- Dienstaufsichtsbeschwerde -------------------------------------------------------------


def test_supervisory_complaint_about_a_zkt_goes_to_the_landrat(case, caseworker, zkt_bavaria):
    with pytest.raises(RecipientMissing, match="Dienstaufsicht"):
        letter_draft_create(case=case, kind=Letter.Kind.SUPERVISORY_COMPLAINT, by=caseworker)
    zkt_bavaria.supervisor_name = "Landratsamt Miesbach, Landrat"
    zkt_bavaria.supervisor_address = "Rosenheimer Straße 1-3\n83714 Miesbach"
    zkt_bavaria.save()
    letter = letter_draft_create(case=case, kind=Letter.Kind.SUPERVISORY_COMPLAINT, by=caseworker)
    assert letter.recipient_jobcenter == zkt_bavaria
    pdf = finalized(letter, caseworker).pdf.read()
    window = address_window_text(pdf)
    assert "Landratsamt Miesbach, Landrat" in window
    assert "Rosenheimer Straße 1-3" in window
    text = _words(pdf)
    assert "Dienstaufsichtsbeschwerde gegen das Verhalten von Mitarbeitenden" in text
    assert "nach meinem Kenntnisstand Frau K." in text
    assert "Landrätin oder Landrat" in text
    assert "§ 44d" not in text


def test_supervisory_complaint_about_a_ge_goes_to_its_geschaeftsfuehrung(
    team, ge_bavaria, directory, caseworker
):
    from tests.factories import IncidentFactory, PersonFactory

    person = PersonFactory(
        name="Max Muster",
        street="Weg 1",
        postcode="80331",
        city="München",
        customer_number="123A456",
    )
    case = CaseFactory(team=team, jobcenter=ge_bavaria, person=person)
    IncidentFactory(case=case, staff_member="")
    letter = letter_draft_create(case=case, kind=Letter.Kind.SUPERVISORY_COMPLAINT, by=caseworker)
    pdf = finalized(letter, caseworker).pdf.read()
    assert "Jobcenter München – Geschäftsführung – Kapuzinerstraße 26" in address_window_text(pdf)
    text = _words(pdf)
    assert "(§ 44d Abs. 4 SGB II)" in text
    # No staff member recorded: nobody is named.
    assert "nach meinem Kenntnisstand" not in text


def test_sent_supervisory_complaint_is_followed_up_after_a_month(case, caseworker, zkt_bavaria):
    zkt_bavaria.supervisor_name = "Landratsamt Miesbach, Landrat"
    zkt_bavaria.supervisor_address = "Rosenheimer Straße 1-3\n83714 Miesbach"
    zkt_bavaria.save()
    with time_machine.travel("2025-03-20 10:00 +01:00", tick=False):
        letter = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.SUPERVISORY_COMPLAINT, by=caseworker),
            caseworker,
        )
        _sent(letter, caseworker, dt.date(2025, 3, 20))
    assert set(_rules(letter)) == {"letter_follow_up"}
    assert _rules(letter)["letter_follow_up"].due_on == dt.date(2025, 4, 22)  # Easter Monday 21.04.


# --- Letter to the Jobcenter's data-protection officer (Art. 38 Abs. 4 DSGVO) -----------


def _with_dpo(jobcenter):
    jobcenter.dpo_name = "Datenschutzbeauftragter"
    jobcenter.dpo_address = "Postfach 10 04 50\n83707 Miesbach"
    jobcenter.save()


def test_dpo_letter_is_addressed_to_the_officer(case, caseworker, zkt_bavaria):
    with pytest.raises(RecipientMissing, match="Datenschutzbeauftragten"):
        letter_draft_create(case=case, kind=Letter.Kind.DPO_LETTER, by=caseworker)
    _with_dpo(zkt_bavaria)
    letter = letter_draft_create(case=case, kind=Letter.Kind.DPO_LETTER, by=caseworker)
    pdf = finalized(letter, caseworker).pdf.read()
    window = address_window_text(pdf)
    assert "– Datenschutzbeauftragter –" in window
    assert "Postfach 10 04 50" in window
    text = _words(pdf)
    assert "(Art. 38 Abs. 4 DSGVO)" in text
    assert "Art. 38 Abs. 5 DSGVO" in text
    assert "(Art. 39 Abs. 1 Buchst. b DSGVO)" in text
    assert "Art. 77 DSGVO" in text


def test_a_status_inquiry_about_a_dpo_letter_goes_to_the_officer_again(
    case, caseworker, zkt_bavaria
):
    _with_dpo(zkt_bavaria)
    with time_machine.travel("2025-03-20 10:00 +01:00", tick=False):
        about = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.DPO_LETTER, by=caseworker), caseworker
        )
        _sent(about, caseworker, dt.date(2025, 3, 20))
    assert _rules(about)["letter_follow_up"].due_on == dt.date(2025, 4, 22)
    with time_machine.travel("2025-04-23 10:00 +02:00", tick=False):
        inquiry = letter_draft_create(
            case=case,
            kind=Letter.Kind.STATUS_INQUIRY,
            by=caseworker,
            options={"about_letter": about.pk},
        )
        pdf = finalized(inquiry, caseworker).pdf.read()
        _sent(inquiry, caseworker, dt.date(2025, 4, 23))
    assert "– Datenschutzbeauftragter –" in address_window_text(pdf)
    assert _rules(about)["letter_follow_up"].status == Deadline.Status.DONE
