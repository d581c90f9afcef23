"""The letters that continue a procedure (issue 17): Löschung, Überprüfung,
Klage, Untätigkeitsklage, Aussetzung, Wiedereinsetzung, Sachstandsanfrage.

Each: its recipient, its text read back from the rendered PDF, and the
deadlines its dispatch creates and completes (``consequences.LETTER_SENT``)
and the answer closes (``consequences.ANSWER_RECEIVED``)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from cases.deadlines.models import Deadline
from cases.deadlines.services import (
    answer_record,
    deadline_mark_missed,
    deadlines_for_incident,
    decision_record_with_deadlines,
    reinstatement_start,
)
from cases.models import Decision
from letters.kinds import DecisionMissing
from letters.models import Letter
from letters.services import (
    LetterNotReady,
    letter_draft_create,
    letter_finalize,
    letter_mark_sent,
)
from tests.letters.conftest import address_window_text, complete, finalized, pdf_text


def _text(letter) -> str:
    """The final letter's PDF as text, whitespace normalised."""
    return " ".join(pdf_text(letter.pdf.read()).split())


def _sent(letter, by, on: dt.date, channel=Letter.Channel.FAX):
    return letter_mark_sent(letter=letter, by=by, channel=channel, sent_on=on)


def _rules(letter) -> dict[str, Deadline]:
    return {d.rule: d for d in Deadline.objects.filter(letter=letter)}


def _sent_objection(case, by, on: dt.date, decision=None) -> Letter:
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=by, decision=decision)
    return _sent(finalized(letter, by), by, on)


# --- Löschungs- und Einschränkungsverlangen (Art. 17, 18 DSGVO, § 84 SGB X) ------


def test_erasure_request_keeps_the_evidence_until_proceedings_end(case, caseworker):
    # Art. 18 Abs. 1 Buchst. b, c DSGVO and § 84 Abs. 3 SGB X: restriction, not
    # erasure, while the data are evidence; erasure after (Art. 17 Abs. 1 Buchst. d).
    # Sent Friday 20.03.2026 by post: received 24.03., answer by 24.04.2026
    # (Art. 12 Abs. 3 DSGVO, from the engine).
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.ERASURE, by=caseworker)
        assert letter.recipient_jobcenter == case.jobcenter
        final = finalized(letter, caseworker)
    pdf = final.pdf.read()
    assert "Jobcenter Landkreis Miesbach" in address_window_text(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert "Art. 18 Abs. 1 Buchst. b und c, Abs. 2 DSGVO, § 84 Abs. 3 SGB X" in text
    assert "bis zum Abschluss aller Verwaltungs-, Aufsichts-, Gerichts- und Strafverfahren" in text
    assert "nach Abschluss dieser Verfahren zu löschen (Art. 17 Abs. 1 Buchst. d DSGVO)" in text
    assert "§ 84 Abs. 1 Satz 3 SGB X" in text
    assert "Art. 19 DSGVO" in text
    assert "bis spätestens 24.04.2026" in text
    assert "Recherche über mich in sozialen Netzwerken (Facebook)" in text
    assert "835D123456" in text


def test_erasure_request_without_incident_names_no_incident(case, caseworker):
    case.incidents.all().delete()
    letter = letter_draft_create(case=case, kind=Letter.Kind.ERASURE, by=caseworker)
    assert "Es geht um folgenden Vorgang" not in letter.body
    assert "[Welche Daten, aus welchem Vorgang? – ergänzen]" in letter.body


def test_sent_erasure_request_starts_the_answer_period_and_the_answer_closes_it(case, caseworker):
    # Art. 12 Abs. 3 DSGVO: posted Friday 20.03.2026, received 24.03., → 24.04.2026.
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        letter = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.ERASURE, by=caseworker), caseworker
        )
        _sent(letter, caseworker, dt.date(2026, 3, 20), channel=Letter.Channel.POST)
    answer = _rules(letter)["erasure_answer"]
    assert answer.due_on == dt.date(2026, 4, 24)
    assert "Art. 12 Abs. 3 DSGVO" in answer.title
    with time_machine.travel("2026-04-10 10:00 +02:00", tick=False):
        answer_record(deadline=answer, received_on=dt.date(2026, 4, 9), by=caseworker)
    answer.refresh_from_db()
    assert answer.status == Deadline.Status.DONE


# --- Überprüfungsantrag (§ 44 SGB X, § 40 Abs. 1 Satz 2 SGB II) -------------------


def test_review_application_explains_the_one_year_limit(case, caseworker):
    # Received in 2026 → reaches back to 01.01.2025 (§ 44 Abs. 4 SGB X with
    # § 40 Abs. 1 Satz 2 Nr. 2 SGB II).
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.REVIEW, by=caseworker)
        assert letter.recipient_jobcenter == case.jobcenter
        assert letter.decision == case.decisions.get()
        text = _text(finalized(letter, caseworker))
    assert "Überprüfung Ihres Bescheids vom 28.02.2025 (Zeichen: 835-AZ-77)" in text
    assert "§ 44 Abs. 1 Satz 1 SGB X" in text
    assert "§ 44 Abs. 4 SGB X mit § 40 Abs. 1 Satz 2 Nr. 2 SGB II" in text
    assert "im Jahr 2026 zu; er erfasst daher die Leistungen ab dem 01.01.2025" in text
    # No incident is linked to the Bescheid: no claim it rests on one.
    assert "stützt sich" not in text


def test_review_application_posted_in_late_december_would_lose_a_year(case, caseworker):
    # Posted Tuesday 29.12.2026: expected 02.01.2027, so 2025 drops out
    # (§ 44 Abs. 4 SGB X, § 40 Abs. 1 Satz 2 Nr. 2 SGB II). By fax: received 2026.
    with time_machine.travel("2026-12-29 10:00 +01:00", tick=False):
        letter = complete(
            letter_draft_create(case=case, kind=Letter.Kind.REVIEW, by=caseworker), caseworker
        )
        assert "ab dem 01.01.2026" in letter.body
        with pytest.raises(LetterNotReady, match="Leistungsmonate des Jahres 2025 heraus"):
            letter_finalize(letter=letter, by=caseworker)
        fax = complete(
            letter_draft_create(
                case=case,
                kind=Letter.Kind.REVIEW,
                by=caseworker,
                planned_channel=Letter.Channel.FAX,
            ),
            caseworker,
        )
        assert "ab dem 01.01.2025" in _text(letter_finalize(letter=fax, by=caseworker))


def test_review_application_needs_a_bescheid(case, caseworker):
    case.decisions.all().delete()
    with pytest.raises(DecisionMissing, match="Bescheid"):
        letter_draft_create(case=case, kind=Letter.Kind.REVIEW, by=caseworker)


def test_sent_review_application_starts_six_months_of_section_88_1(case, caseworker):
    # Faxed 20.03.2026: Untätigkeitsklage possible after 6 months, from
    # 21.09.2026 (§ 88 Abs. 1 Satz 1 SGG); the answer (a Bescheid) ends the wait.
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        letter = finalized(
            letter_draft_create(
                case=case,
                kind=Letter.Kind.REVIEW,
                by=caseworker,
                planned_channel=Letter.Channel.FAX,
            ),
            caseworker,
        )
        _sent(letter, caseworker, dt.date(2026, 3, 20))
    wait = _rules(letter)["inaction_application"]
    assert wait.due_on == dt.date(2026, 9, 21)
    assert any("§ 88 Abs. 1 Satz 1 SGG" in step for step in wait.explanation)
    with time_machine.travel("2026-06-01 10:00 +02:00", tick=False):
        answer_record(deadline=wait, received_on=dt.date(2026, 5, 29), by=caseworker)
    wait.refresh_from_db()
    assert wait.status == Deadline.Status.DONE


def test_a_widerspruchsbescheid_does_not_end_the_wait_of_a_review_application(case, caseworker):
    # § 88 Abs. 2 SGG waits for a Widerspruchsbescheid, § 88 Abs. 1 SGG for
    # the Bescheid on the application: recording the one leaves the other open.
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        review = finalized(
            letter_draft_create(
                case=case,
                kind=Letter.Kind.REVIEW,
                by=caseworker,
                planned_channel=Letter.Channel.FAX,
            ),
            caseworker,
        )
        _sent(review, caseworker, dt.date(2026, 3, 20))
    decision_record_with_deadlines(
        case=case,
        by=caseworker,
        kind=Decision.Kind.OBJECTION_DECISION,
        dated_on=dt.date(2026, 4, 1),
        posted_on=dt.date(2026, 4, 1),
    )
    assert _rules(review)["inaction_application"].status == Deadline.Status.OPEN


# --- Klage (§ 87 SGG) -------------------------------------------------------------------


def _objection_decision(case, by):
    # Posted Monday 05.05.2025 → notified Friday 09.05. (§ 37 Abs. 2 SGB X) →
    # one month: Monday 09.06.2025 is Pfingstmontag → Tuesday 10.06.2025
    # (§ 87 Abs. 1, 2, § 64 Abs. 3 SGG).
    return decision_record_with_deadlines(
        case=case,
        by=by,
        kind=Decision.Kind.OBJECTION_DECISION,
        dated_on=dt.date(2025, 5, 5),
        posted_on=dt.date(2025, 5, 5),
        reference="W-123/25",
    )


def test_klage_goes_to_the_social_court_against_the_widerspruchsbescheid(
    case, caseworker, directory
):
    widerspruchsbescheid = _objection_decision(case, caseworker)
    with time_machine.travel("2025-05-20 10:00 +02:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.ACTION, by=caseworker)
        assert letter.recipient_authority == directory["sg_muenchen"]
        assert letter.decision == widerspruchsbescheid
        pdf = finalized(letter, caseworker).pdf.read()
    assert "Sozialgericht München" in address_window_text(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert "Erika Mustermann, Beispielweg 5, 83734 Hausham – Kläger/in –" in text
    assert "Landkreis Miesbach, Rosenheimer Straße 3, 83714 Miesbach – Beklagter –" in text
    assert "in der Gestalt des Widerspruchsbescheids vom 05.05.2025 (Zeichen: W-123/25)" in text
    assert "Die Klagefrist endet nach § 87 Abs. 1 Satz 1, Abs. 2 SGG am 10.06.2025" in text
    assert "§ 193 SGG" in text
    # No receipt date recorded: no sentence about it.
    assert "zugegangen" not in text


def test_klage_names_the_ausgangsbescheid_chosen_on_the_form(cw_client, case, caseworker):
    # § 95 SGG: the Bescheid in the Gestalt of the Widerspruchsbescheid is
    # what is challenged; without the choice the text asks for it.
    from django.urls import reverse

    widerspruchsbescheid = _objection_decision(case, caseworker)
    bescheid = case.decisions.get(kind=Decision.Kind.SANCTION)
    url = reverse("letters:create", args=[case.reference])
    with time_machine.travel("2025-05-20 10:00 +02:00", tick=False):
        response = cw_client.post(
            url,
            {
                "kind": "klage",
                "decision": widerspruchsbescheid.pk,
                "original_decision": bescheid.pk,
            },
        )
    assert response.status_code == 302
    letter = Letter.objects.get(kind="klage")
    assert (
        "den Bescheid des Beklagten vom 28.02.2025 (Zeichen: 835-AZ-77) in der Gestalt des "
        "Widerspruchsbescheids vom 05.05.2025" in letter.body
    )
    assert "Ausgangsbescheids ergänzen" not in letter.body
    assert {
        "text": "28.02.2025 (Zeichen: 835-AZ-77)",
        "source": "Angabe beim Anlegen: Ausgangsbescheid",
    } in letter.claims


def test_klage_needs_a_widerspruchsbescheid(case, caseworker):
    # The case has only a Minderungsbescheid: nothing to sue on yet (§ 78 SGG).
    with pytest.raises(DecisionMissing, match="Widerspruchsbescheid"):
        letter_draft_create(case=case, kind=Letter.Kind.ACTION, by=caseworker)
    with pytest.raises(DecisionMissing, match="Gestalt des Widerspruchsbescheids"):
        letter_draft_create(
            case=case, kind=Letter.Kind.ACTION, by=caseworker, decision=case.decisions.get()
        )


def test_klage_that_would_arrive_after_the_klagefrist_cannot_be_made_final(case, caseworker):
    _objection_decision(case, caseworker)
    # On Monday 09.06.2025 by post: expected 13.06., after the Klagefrist of
    # 10.06.2025 (§ 87 SGG); by fax it arrives the same day.
    with time_machine.travel("2025-06-09 10:00 +02:00", tick=False):
        letter = complete(
            letter_draft_create(case=case, kind=Letter.Kind.ACTION, by=caseworker), caseworker
        )
        with pytest.raises(LetterNotReady, match="Klagefrist .* endet am 10.06.2025"):
            letter_finalize(letter=letter, by=caseworker)
        letter.planned_channel = Letter.Channel.FAX
        letter.save()
        assert letter_finalize(letter=letter, by=caseworker).status == Letter.Status.FINAL


def test_klage_whose_klagefrist_was_changed_since_must_be_generated_again(case, caseworker):
    # Staff set the Klagefrist by hand (e.g. a later receipt proven): the draft
    # naming the engine's 10.06.2025 must not go out with the old date.
    from cases.deadlines.services import deadline_override
    from letters.services import letter_regenerate

    decision = _objection_decision(case, caseworker)
    with time_machine.travel("2025-05-20 10:00 +02:00", tick=False):
        letter = complete(
            letter_draft_create(case=case, kind=Letter.Kind.ACTION, by=caseworker), caseworker
        )
        deadline_override(
            deadline=decision.deadlines.get(rule="action"),
            due_on=dt.date(2025, 6, 16),
            reason="Zugang laut Umschlag erst am 16.05.2025",
            by=caseworker,
        )
        with pytest.raises(LetterNotReady, match="bitte den Text neu erzeugen"):
            letter_finalize(letter=letter, by=caseworker)
        letter = complete(letter_regenerate(letter=letter, by=caseworker), caseworker)
        assert "am 16.06.2025" in letter.body
        assert letter_finalize(letter=letter, by=caseworker).status == Letter.Status.FINAL


def test_klage_by_plain_email_is_refused(case, caseworker):
    from letters.services import ChannelNotAllowed

    _objection_decision(case, caseworker)
    with time_machine.travel("2025-05-20 10:00 +02:00", tick=False):
        letter = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.ACTION, by=caseworker), caseworker
        )
    # § 90 SGG: in writing; a plain e-mail is not.
    with pytest.raises(ChannelNotAllowed):
        _sent(letter, caseworker, dt.date(2025, 5, 20), channel=Letter.Channel.EMAIL)


def test_sent_klage_completes_the_klagefrist_and_asks_for_the_court_reference(case, caseworker):
    decision = _objection_decision(case, caseworker)
    klagefrist = Deadline.objects.get(decision=decision, rule="action")
    with time_machine.travel("2025-05-20 10:00 +02:00", tick=False):
        letter = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.ACTION, by=caseworker), caseworker
        )
        _sent(letter, caseworker, dt.date(2025, 5, 20))
    klagefrist.refresh_from_db()
    assert klagefrist.status == Deadline.Status.DONE
    follow_up = _rules(letter)["letter_follow_up"]
    assert follow_up.due_on == dt.date(2025, 6, 20)
    answer_record(deadline=follow_up, received_on=dt.date(2025, 6, 2), by=caseworker)
    follow_up.refresh_from_db()
    assert follow_up.status == Deadline.Status.DONE


# --- Untätigkeitsklage (§ 88 SGG) ----------------------------------------------------------


def test_untaetigkeitsklage_after_three_months_without_widerspruchsbescheid(
    case, caseworker, directory
):
    # Widerspruch faxed Thursday 20.03.2025: the engine's § 88 Abs. 2 SGG wait
    # ends 20.06.2025, the action is admissible from 21.06.2025.
    with time_machine.travel("2025-03-20 10:00 +01:00", tick=False):
        _sent_objection(case, caseworker, dt.date(2025, 3, 20))
    with time_machine.travel("2025-07-01 10:00 +02:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.INACTION_ACTION, by=caseworker)
        assert letter.recipient_authority == directory["sg_muenchen"]
        assert letter.decision == case.decisions.get()
        text = _text(finalized(letter, caseworker))
    assert "Untätigkeitsklage (§ 88 Abs. 2 SGG)" in text
    assert (
        "über meinen Widerspruch vom 20.03.2025 gegen den Bescheid vom 28.02.2025 "
        "(Zeichen: 835-AZ-77) zu entscheiden" in text
    )
    assert "die Klage ist seit dem 21.06.2025 zulässig" in text
    assert "Landkreis Miesbach" in text


def test_untaetigkeitsklage_before_the_three_months_cannot_be_made_final(case, caseworker):
    with time_machine.travel("2025-03-20 10:00 +01:00", tick=False):
        _sent_objection(case, caseworker, dt.date(2025, 3, 20))
    with time_machine.travel("2025-06-10 10:00 +02:00", tick=False):
        letter = complete(
            letter_draft_create(case=case, kind=Letter.Kind.INACTION_ACTION, by=caseworker),
            caseworker,
        )
        with pytest.raises(LetterNotReady, match=r"erst ab dem 21\.06\.2025 zulässig"):
            letter_finalize(letter=letter, by=caseworker)


def test_untaetigkeitsklage_without_a_sent_widerspruch_is_refused(case, caseworker):
    with pytest.raises(DecisionMissing, match="§ 88 SGG"):
        letter_draft_create(case=case, kind=Letter.Kind.INACTION_ACTION, by=caseworker)


def test_untaetigkeitsklage_after_a_review_application_waits_six_months(case, caseworker):
    # § 88 Abs. 1 Satz 1 SGG: a faxed Überprüfungsantrag of 20.03.2026.
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        review = finalized(
            letter_draft_create(
                case=case,
                kind=Letter.Kind.REVIEW,
                by=caseworker,
                planned_channel=Letter.Channel.FAX,
            ),
            caseworker,
        )
        _sent(review, caseworker, dt.date(2026, 3, 20))
    with time_machine.travel("2026-10-01 10:00 +02:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.INACTION_ACTION, by=caseworker)
    assert "(§ 88 Abs. 1 Satz 1 SGG)" in letter.body
    assert "über meinen Antrag vom 20.03.2026 auf Überprüfung des Bescheids vom" in letter.body
    assert "seit dem 21.09.2026 zulässig" in letter.body


def test_sent_untaetigkeitsklage_completes_only_the_wait_of_its_bescheid(case, caseworker):
    first = case.decisions.get()
    second = decision_record_with_deadlines(
        case=case,
        by=caseworker,
        kind=Decision.Kind.REVOCATION,
        dated_on=dt.date(2025, 3, 10),
        posted_on=dt.date(2025, 3, 10),
    )
    with time_machine.travel("2025-03-20 10:00 +01:00", tick=False):
        objection_1 = _sent_objection(case, caseworker, dt.date(2025, 3, 20), decision=first)
        objection_2 = _sent_objection(case, caseworker, dt.date(2025, 3, 20), decision=second)
    with time_machine.travel("2025-07-01 10:00 +02:00", tick=False):
        with pytest.raises(DecisionMissing, match="mehrere Fristen nach § 88 SGG"):
            letter_draft_create(case=case, kind=Letter.Kind.INACTION_ACTION, by=caseworker)
        letter = finalized(
            letter_draft_create(
                case=case, kind=Letter.Kind.INACTION_ACTION, by=caseworker, decision=second
            ),
            caseworker,
        )
        _sent(letter, caseworker, dt.date(2025, 7, 1))
    assert _rules(objection_2)["inaction_action"].status == Deadline.Status.DONE
    assert _rules(objection_1)["inaction_action"].status == Deadline.Status.OPEN
    assert "letter_follow_up" in _rules(letter)


# --- Aussetzung der Vollziehung (§ 86a Abs. 3 SGG) ----------------------------------------


def test_suspension_request_to_the_jobcenter_for_a_minderung(case, caseworker):
    # § 39 Nr. 1 SGB II: the Widerspruch against a Minderung does not suspend.
    # Faxed Thursday 20.03.2025: decision asked for within 2 weeks, 03.04.2025.
    with time_machine.travel("2025-03-20 10:00 +01:00", tick=False):
        letter = letter_draft_create(
            case=case,
            kind=Letter.Kind.SUSPENSION,
            by=caseworker,
            planned_channel=Letter.Channel.FAX,
        )
        assert letter.recipient_jobcenter == case.jobcenter
        text = _text(finalized(letter, caseworker))
    assert "Vollziehung Ihres Bescheids vom 28.02.2025 (Zeichen: 835-AZ-77)" in text
    assert "(§ 86a Abs. 3 Satz 1 SGG)" in text
    assert "keine aufschiebende Wirkung (§ 39 Nr. 1 SGB II)" in text
    assert "Bitte entscheiden Sie bis zum 03.04.2025" in text
    assert "§ 86b Abs. 1 Satz 1 Nr. 2 SGG" in text
    # No Widerspruch recorded: the letter does not claim one.
    assert "Widerspruch eingelegt" not in text


def test_suspension_request_names_the_sent_widerspruch(case, caseworker):
    with time_machine.travel("2025-03-20 10:00 +01:00", tick=False):
        _sent_objection(case, caseworker, dt.date(2025, 3, 18))
        letter = letter_draft_create(case=case, kind=Letter.Kind.SUSPENSION, by=caseworker)
    assert "Gegen den Bescheid habe ich am 18.03.2025 Widerspruch eingelegt." in letter.body


def test_suspension_request_against_a_suspending_bescheid_is_refused(case, caseworker):
    # An Erstattungsbescheid: the Widerspruch suspends (§ 86a Abs. 1 SGG).
    case.decisions.update(kind=Decision.Kind.REFUND)
    with pytest.raises(DecisionMissing, match="Aufhebung"):
        letter_draft_create(case=case, kind=Letter.Kind.SUSPENSION, by=caseworker)
    with pytest.raises(DecisionMissing, match="aufschiebende Wirkung"):
        letter_draft_create(
            case=case,
            kind=Letter.Kind.SUSPENSION,
            by=caseworker,
            decision=case.decisions.get(),
        )


def test_sent_suspension_request_is_followed_up_after_two_weeks(case, caseworker):
    with time_machine.travel("2025-03-20 10:00 +01:00", tick=False):
        letter = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.SUSPENSION, by=caseworker), caseworker
        )
        _sent(letter, caseworker, dt.date(2025, 3, 20))
    follow_up = _rules(letter)["letter_follow_up"]
    assert follow_up.due_on == dt.date(2025, 4, 3)
    assert any("2 Wochen" in step for step in follow_up.explanation)


# --- Wiedereinsetzung (§ 67 SGG via § 84 Abs. 2 Satz 3 SGG; § 27 SGB X) ------------------


@pytest.fixture
def missed_objection(case, caseworker):
    """A Minderung posted Monday 03.03.2025 → notified 07.03. → Widerspruchsfrist
    ended 07.04.2025 (§ 84 SGG); missed; obstacle ended 15.04.2025."""
    decision = decision_record_with_deadlines(
        case=case,
        by=caseworker,
        kind=Decision.Kind.SANCTION,
        dated_on=dt.date(2025, 3, 3),
        posted_on=dt.date(2025, 3, 3),
        reference="MIN-9",
    )
    deadline = Deadline.objects.get(decision=decision, rule="objection")
    assert deadline.due_on == dt.date(2025, 4, 7)
    with time_machine.travel("2025-04-20 10:00 +02:00", tick=False):
        deadline_mark_missed(deadline_id=deadline.pk, today=dt.date(2025, 4, 20))
        deadline.refresh_from_db()
        reinstatement_start(
            deadline=deadline, obstacle_ended_on=dt.date(2025, 4, 15), by=caseworker
        )
    return deadline


def test_reinstatement_for_a_missed_widerspruchsfrist_cites_section_67_sgg(
    case, caseworker, missed_objection
):
    decision = missed_objection.decision
    with time_machine.travel("2025-04-22 10:00 +02:00", tick=False):
        letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker, decision=decision)
        letter = letter_draft_create(
            case=case,
            kind=Letter.Kind.REINSTATEMENT,
            by=caseworker,
            options={"missed_deadline": missed_objection.pk},
        )
        assert letter.recipient_jobcenter == case.jobcenter
        assert letter.decision == decision
        text = _text(finalized(letter, caseworker))
    assert "Widerspruch gegen Ihren Bescheid vom 03.03.2025 (Zeichen: MIN-9)" in text
    assert "(§ 67 Abs. 1 SGG, für den Widerspruch entsprechend nach § 84 Abs. 2 Satz 3 SGG)" in text
    assert "Die Frist (Widerspruchsfrist) endete am 07.04.2025." in text
    assert "Das Hindernis ist am 15.04.2025 weggefallen." in text
    assert "§ 67 Abs. 2 Satz 3 SGG" in text
    assert "Meinen Widerspruch gegen den Bescheid füge ich diesem Antrag bei." in text
    # § 27 SGB X does not apply to the Widerspruchsfrist.
    assert "§ 27 SGB X" not in text


def test_reinstatement_without_the_widerspruch_cannot_be_made_final(
    case, caseworker, missed_objection
):
    with time_machine.travel("2025-04-22 10:00 +02:00", tick=False):
        letter = complete(
            letter_draft_create(
                case=case,
                kind=Letter.Kind.REINSTATEMENT,
                by=caseworker,
                options={"missed_deadline": missed_objection.pk},
            ),
            caseworker,
        )
        with pytest.raises(LetterNotReady, match="§ 67 Abs. 2 Satz 3 SGG"):
            letter_finalize(letter=letter, by=caseworker)


def test_reinstatement_for_another_administrative_period_cites_section_27_sgb_x(case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.REINSTATEMENT, by=caseworker)
    text = _text(finalized(letter, caseworker))
    assert "Wiedereinsetzung in den vorigen Stand nach § 27 SGB X" in text
    assert "innerhalb von zwei Wochen nach Wegfall des Hindernisses" in text
    assert "§ 67" not in text


def test_reinstatement_into_a_court_or_criminal_period_is_refused(case, caseworker):
    klagefrist = _objection_decision(case, caseworker).deadlines.get(rule="action")
    with pytest.raises(DecisionMissing, match=r"§ 67 Abs\. 4 SGG"):
        letter_draft_create(
            case=case,
            kind=Letter.Kind.REINSTATEMENT,
            by=caseworker,
            options={"missed_deadline": klagefrist.pk},
        )
    (strafantrag,) = deadlines_for_incident(incident=case.incidents.get())
    # § 77b StGB is a period of substantive law: no Wiedereinsetzung.
    with pytest.raises(DecisionMissing, match="Keine Wiedereinsetzung"):
        letter_draft_create(
            case=case,
            kind=Letter.Kind.REINSTATEMENT,
            by=caseworker,
            options={"missed_deadline": strafantrag.pk},
        )


def test_sent_reinstatement_completes_the_section_67_periods(case, caseworker, missed_objection):
    decision = missed_objection.decision
    with time_machine.travel("2025-04-22 10:00 +02:00", tick=False):
        letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker, decision=decision)
        letter = finalized(
            letter_draft_create(
                case=case,
                kind=Letter.Kind.REINSTATEMENT,
                by=caseworker,
                options={"missed_deadline": missed_objection.pk},
            ),
            caseworker,
        )
        _sent(letter, caseworker, dt.date(2025, 4, 22))
    periods = Deadline.objects.filter(rule__in=["reinstatement", "reinstatement_limit"])
    assert periods.count() == 2
    assert set(periods.values_list("status", flat=True)) == {Deadline.Status.DONE}
    assert "letter_follow_up" in _rules(letter)


# --- Sachstandsanfrage ------------------------------------------------------------------------


def _sent_access_request(case, by) -> Letter:
    # Posted Friday 20.03.2026: the answer is due 24.04.2026 (Art. 12 Abs. 3 DSGVO).
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        letter = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.ACCESS_REQUEST, by=by), by
        )
        return _sent(letter, by, dt.date(2026, 3, 20), channel=Letter.Channel.POST)


def test_status_inquiry_goes_to_the_recipient_of_the_letter_it_asks_about(case, caseworker):
    about = _sent_access_request(case, caseworker)
    with time_machine.travel("2026-04-27 10:00 +02:00", tick=False):
        letter = letter_draft_create(
            case=case,
            kind=Letter.Kind.STATUS_INQUIRY,
            by=caseworker,
            options={"about_letter": about.pk},
        )
        assert letter.recipient_jobcenter == about.recipient_jobcenter
        pdf = finalized(letter, caseworker).pdf.read()
    assert "Jobcenter Landkreis Miesbach" in address_window_text(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert "mit Schreiben vom 20.03.2026 (Auskunftsersuchen:" in text
    assert "Die Frist für Ihre Antwort (Art. 12 Abs. 3 DSGVO) endete am 24.04.2026." in text
    assert "Sachstandsanfrage zu meinem Schreiben vom 20.03.2026" in text


def test_status_inquiry_before_the_follow_up_day_cannot_be_made_final(case, caseworker):
    about = _sent_access_request(case, caseworker)
    with time_machine.travel("2026-04-10 10:00 +02:00", tick=False):
        letter = complete(
            letter_draft_create(
                case=case,
                kind=Letter.Kind.STATUS_INQUIRY,
                by=caseworker,
                options={"about_letter": about.pk},
            ),
            caseworker,
        )
        with pytest.raises(LetterNotReady, match=r"erst am 24\.04\.2026"):
            letter_finalize(letter=letter, by=caseworker)


def test_status_inquiry_about_a_strafantrag_completes_its_follow_up(case, caseworker, directory):
    # Strafantrag faxed 01.04.2025: the engine's follow-up is 01.05.2025 (a
    # holiday) → 02.05.2025; the inquiry goes to the same prosecutor.
    with time_machine.travel("2025-04-01 10:00 +02:00", tick=False):
        complaint = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker),
            caseworker,
        )
        _sent(complaint, caseworker, dt.date(2025, 4, 1))
    follow_up = _rules(complaint)["complaint_follow_up"]
    with time_machine.travel("2025-05-05 10:00 +02:00", tick=False):
        letter = letter_draft_create(
            case=case,
            kind=Letter.Kind.STATUS_INQUIRY,
            by=caseworker,
            options={"about_letter": complaint.pk},
        )
        assert letter.recipient_authority == directory["sta_muenchen"]
        final = finalized(letter, caseworker)
        assert "Ihr Aktenzeichen" in _text(final)
        _sent(final, caseworker, dt.date(2025, 5, 5))
    follow_up.refresh_from_db()
    assert follow_up.status == Deadline.Status.DONE
    assert _rules(final)["letter_follow_up"].due_on == dt.date(2025, 6, 5)


def test_status_inquiry_about_a_letter_without_a_period_uses_the_engines_follow_up(
    case, caseworker
):
    # An Akteneinsicht runs no period: the engine's Wiedervorlage one month
    # after dispatch (Friday 20.03.2026 → Monday 20.04.2026).
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        inspection = finalized(
            letter_draft_create(case=case, kind=Letter.Kind.FILE_INSPECTION, by=caseworker),
            caseworker,
        )
        _sent(inspection, caseworker, dt.date(2026, 3, 20))
    assert not inspection.deadlines.exists()
    with time_machine.travel("2026-04-15 10:00 +02:00", tick=False):
        letter = complete(
            letter_draft_create(
                case=case,
                kind=Letter.Kind.STATUS_INQUIRY,
                by=caseworker,
                options={"about_letter": inspection.pk},
            ),
            caseworker,
        )
        with pytest.raises(LetterNotReady, match=r"erst am 20\.04\.2026"):
            letter_finalize(letter=letter, by=caseworker)
    assert "Die Frist für Ihre Antwort" not in letter.body


def test_status_inquiry_needs_a_sent_letter(case, caseworker):
    draft = letter_draft_create(case=case, kind=Letter.Kind.ACCESS_REQUEST, by=caseworker)
    with pytest.raises(DecisionMissing, match="versandten Brief"):
        letter_draft_create(
            case=case,
            kind=Letter.Kind.STATUS_INQUIRY,
            by=caseworker,
            options={"about_letter": draft.pk},
        )


def test_status_inquiry_after_the_answer_was_recorded_is_refused(case, caseworker):
    about = _sent_access_request(case, caseworker)
    with time_machine.travel("2026-04-10 10:00 +02:00", tick=False):
        answer_record(
            deadline=_rules(about)["gdpr_access_answer"],
            received_on=dt.date(2026, 4, 9),
            by=caseworker,
        )
    with pytest.raises(DecisionMissing, match="Antwort bereits erfasst"):
        letter_draft_create(
            case=case,
            kind=Letter.Kind.STATUS_INQUIRY,
            by=caseworker,
            options={"about_letter": about.pk},
        )


# --- the letter pages ----------------------------------------------------------------------------


def test_new_kinds_are_offered_and_created_from_the_case_page(cw_client, case, caseworker):
    from django.urls import reverse

    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).content.decode()
    for kind in ("loeschung", "ueberpruefung", "klage", "sachstandsanfrage", "wiedereinsetzung"):
        assert f'value="{kind}"' in page
    response = cw_client.post(
        reverse("letters:create", args=[case.reference]), {"kind": "ueberpruefung"}
    )
    letter = Letter.objects.get(kind="ueberpruefung")
    assert response.status_code == 302
    assert response["Location"] == reverse("letters:edit", args=[letter.pk])


def test_status_inquiry_form_offers_the_sent_letters(cw_client, case, caseworker):
    from django.urls import reverse

    about = _sent_access_request(case, caseworker)
    url = reverse("letters:create", args=[case.reference])
    refused = cw_client.post(url, {"kind": "sachstandsanfrage"})
    assert refused.status_code == 400
    assert "versandten Brief" in refused.content.decode()
    assert f'<option value="{about.pk}"' in refused.content.decode()
    with time_machine.travel("2026-04-27 10:00 +02:00", tick=False):
        response = cw_client.post(url, {"kind": "sachstandsanfrage", "about_letter": about.pk})
    assert response.status_code == 302
    inquiry = Letter.objects.get(kind="sachstandsanfrage")
    assert inquiry.recipient_jobcenter == about.recipient_jobcenter
    assert inquiry.options["about_letter"] == about.pk


def test_reinstatement_form_offers_the_missed_deadlines(
    cw_client, case, caseworker, missed_objection
):
    from django.urls import reverse

    url = reverse("letters:create", args=[case.reference])
    page = cw_client.get(url).content.decode()
    assert f'<option value="{missed_objection.pk}"' in page
    assert "§ 27 SGB X" in page
    with time_machine.travel("2025-04-22 10:00 +02:00", tick=False):
        response = cw_client.post(
            url, {"kind": "wiedereinsetzung", "missed_deadline": missed_objection.pk}
        )
    assert response.status_code == 302
    letter = Letter.objects.get(kind="wiedereinsetzung")
    assert letter.decision == missed_objection.decision
    assert "§ 84 Abs. 2 Satz 3 SGG" in letter.body
    edit = cw_client.get(reverse("letters:edit", args=[letter.pk]))
    assert edit.status_code == 200
    assert "§ 27 SGB X" in edit.content.decode()  # the kind's notice: not for this period


def test_status_inquiry_about_a_widerspruch_is_due_a_month_after_not_at_section_88(
    case, caseworker
):
    # The § 88 Abs. 2 SGG day (21.06.2025) is when the Untätigkeitsklage becomes
    # possible, not a day to ask: the engine's Wiedervorlage one month after the
    # Widerspruch was faxed on Thursday 20.03.2025 is Tuesday 22.04.2025 (Easter
    # Monday 21.04.).
    with time_machine.travel("2025-03-20 10:00 +01:00", tick=False):
        objection = _sent_objection(case, caseworker, dt.date(2025, 3, 20))
    with time_machine.travel("2025-04-23 10:00 +02:00", tick=False):
        letter = letter_draft_create(
            case=case,
            kind=Letter.Kind.STATUS_INQUIRY,
            by=caseworker,
            options={"about_letter": objection.pk},
        )
        assert letter.options["about"]["follow_up_on"] == "2025-04-22"
        text = _text(finalized(letter, caseworker))
    assert "mit Schreiben vom 20.03.2025 (Widerspruch:" in text
    assert "Die Frist für Ihre Antwort" not in text
    # Sending it leaves the § 88 SGG wait of the Widerspruch running.
    _sent(Letter.objects.get(pk=letter.pk), caseworker, dt.date(2025, 4, 23))
    assert _rules(objection)["inaction_action"].status == Deadline.Status.OPEN


def test_section_88_deadline_offers_the_answer_only_after_a_review_application(
    cw_client, case, caseworker
):
    # The § 88 SGG wait of a Widerspruch ends with a Widerspruchsbescheid
    # (recorded as a Bescheid); that of an Überprüfungsantrag with the answer
    # recorded on the deadline page (consequences.ANSWER_RECEIVED).
    from django.urls import reverse

    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        objection = _sent_objection(case, caseworker, dt.date(2026, 3, 20))
        review = finalized(
            letter_draft_create(
                case=case,
                kind=Letter.Kind.REVIEW,
                by=caseworker,
                planned_channel=Letter.Channel.FAX,
            ),
            caseworker,
        )
        _sent(review, caseworker, dt.date(2026, 3, 20))
    objection_page = cw_client.get(
        reverse("deadlines:detail", args=[_rules(objection)["inaction_action"].pk])
    ).text
    assert "Antwort erfassen" not in objection_page
    assert "Widerspruchsbescheid erhalten?" in objection_page
    review_page = cw_client.get(
        reverse("deadlines:detail", args=[_rules(review)["inaction_application"].pk])
    ).text
    assert "Antwort erfassen" in review_page


def test_a_sent_letter_offers_a_status_inquiry_prefilled(cw_client, case, caseworker):
    from django.urls import reverse

    about = _sent_access_request(case, caseworker)
    detail = cw_client.get(reverse("letters:detail", args=[about.pk])).content.decode()
    link = (
        f"{reverse('letters:create', args=[case.reference])}"
        f"?kind=sachstandsanfrage&amp;about_letter={about.pk}"
    )
    assert link in detail
    form = cw_client.get(link.replace("&amp;", "&")).content.decode()
    assert f'<option value="{about.pk}" selected>' in form
    assert '<option value="sachstandsanfrage" selected>' in form
