"""The letter workflow: draft → final (immutable) → sent; versions; bundles."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from cases.deadlines import services as deadline_services
from cases.events import event_text
from cases.models import CaseEvent, Decision
from cases.uploads import check_upload
from letters.kinds import DecisionMissing
from letters.models import Letter
from letters.services import (
    LetterIsFinal,
    LetterNotFinal,
    letter_bundle_create,
    letter_draft_create,
    letter_mark_sent,
    letter_new_version,
    letter_update,
)
from tests.factories import CaseFactory
from tests.letters.conftest import complete, finalized

PDF_PROOF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def draft(case, caseworker):
    return complete(
        letter_draft_create(case=case, kind=Letter.Kind.ACCESS_REQUEST, by=caseworker), caseworker
    )


@pytest.fixture
def final(draft, caseworker):
    return finalized(draft, caseworker)


def test_draft_creation_is_on_the_timeline(draft, case):
    event = case.events.get(kind=CaseEvent.Kind.LETTER, data__action="draft")
    assert event.data == {
        "letter": draft.pk,
        "action": "draft",
        "letter_kind": draft.kind,
        "version": 1,
    }
    assert "Auskunftsersuchen" in event_text(event)


def test_finalize_stores_pdf_hash_version_and_snapshot(final, caseworker):
    final.refresh_from_db()
    data = final.pdf.read()
    assert data.startswith(b"%PDF")
    assert final.pdf_sha256 == hashlib.sha256(data).hexdigest()
    assert final.status == Letter.Status.FINAL
    assert final.template_version == "auskunft/2"
    assert final.finalized_by == caseworker
    snapshot = final.context_snapshot
    assert snapshot["case"]["reference"] == "2026-0042"
    assert snapshot["body"] == final.body
    assert snapshot["recipient"]["name"] == "Jobcenter Landkreis Miesbach"
    assert snapshot["template_version"] == "auskunft/2"


def test_a_final_letter_cannot_be_changed(final, caseworker):
    with pytest.raises(LetterIsFinal):
        letter_update(letter=final, by=caseworker, subject="anders", body="anders")
    final.refresh_from_db()
    assert final.subject != "anders"


def test_a_final_letter_cannot_be_finalized_twice(final, caseworker):
    with pytest.raises(LetterIsFinal):
        finalized(final, caseworker)


def test_the_database_refuses_a_final_letter_without_hash(draft):
    with pytest.raises(IntegrityError):
        Letter.objects.filter(pk=draft.pk).update(status=Letter.Status.FINAL)


def test_new_version_is_a_draft_copy_and_the_old_pdf_stays(final, caseworker):
    new = letter_new_version(letter=final, by=caseworker)
    assert (new.version, new.previous, new.status) == (2, final, Letter.Status.DRAFT)
    assert new.body == final.body
    letter_update(letter=new, by=caseworker, subject="Neu", body="Neuer Text.")
    final.refresh_from_db()
    assert final.body != "Neuer Text."
    assert final.pdf.read().startswith(b"%PDF")
    # Asking again returns the same successor instead of forking the chain.
    assert letter_new_version(letter=final, by=caseworker) == new


def test_a_draft_gets_no_new_version(draft, caseworker):
    with pytest.raises(LetterNotFinal):
        letter_new_version(letter=draft, by=caseworker)


def test_marking_sent_records_channel_and_tracking_number(final, caseworker, case):
    letter_mark_sent(
        letter=final,
        by=caseworker,
        channel=Letter.Channel.REGISTERED,
        sent_on=dt.date(2026, 3, 21),
        tracking_number="RR123456789DE",
    )
    final.refresh_from_db()
    assert final.status == Letter.Status.SENT
    assert final.channel == Letter.Channel.REGISTERED
    assert final.tracking_number == "RR123456789DE"
    event = case.events.filter(kind=CaseEvent.Kind.LETTER, data__action="sent").get()
    assert event.data["channel"] == "einschreiben"
    assert event.data["sent_on"] == "2026-03-21"
    assert "Einschreiben" in event_text(event)


def test_marking_sent_calls_the_deadline_hook_with_the_letter(final, caseworker, monkeypatch):
    calls = []

    def record(*, letter, by=None):
        calls.append((letter.pk, letter.status, by))
        return []

    monkeypatch.setattr(deadline_services, "deadlines_for_letter_sent", record)
    letter_mark_sent(
        letter=final, by=caseworker, channel=Letter.Channel.FAX, sent_on=dt.date(2026, 3, 21)
    )
    assert calls == [(final.pk, Letter.Status.SENT, caseworker)]


def test_marking_an_access_request_sent_creates_the_art_12_answer_deadline(final, caseworker, case):
    # Art. 12(3) DSGVO: answer within one month of receipt. Posted Sat
    # 21.03.2026, receipt assumed on the 4th day (Wed 25.03.2026), one month
    # later is Sat 25.04.2026, so the period ends on Mon 27.04.2026.
    letter_mark_sent(
        letter=final, by=caseworker, channel=Letter.Channel.POST, sent_on=dt.date(2026, 3, 21)
    )
    assert case.events.filter(
        kind=CaseEvent.Kind.LETTER, data__action="sent", data__letter=final.pk
    ).exists()
    deadline = final.deadlines.get()
    assert deadline.case_id == case.pk
    assert deadline.rule == "gdpr_access_answer"
    assert deadline.due_on == dt.date(2026, 4, 27)
    assert any("Art. 12" in step for step in deadline.explanation)
    assert deadline.confirmed_at is None  # computed deadlines wait for a second pair of eyes


def test_marking_sent_stores_the_proof(final, caseworker):
    proof = check_upload(SimpleUploadedFile("beleg.pdf", PDF_PROOF, "application/pdf"))
    letter_mark_sent(
        letter=final,
        by=caseworker,
        channel=Letter.Channel.FAX,
        sent_on=dt.date(2026, 3, 21),
        proof=proof,
    )
    final.refresh_from_db()
    assert final.proof.read() == PDF_PROOF


def test_a_draft_or_sent_letter_cannot_be_marked_sent(draft, caseworker):
    with pytest.raises(LetterNotFinal):
        letter_mark_sent(
            letter=draft, by=caseworker, channel=Letter.Channel.POST, sent_on=dt.date(2026, 3, 1)
        )


def test_bundle_creates_the_surveillance_set_to_the_right_recipients(case, caseworker, directory):
    result = letter_bundle_create(case=case, by=caseworker)
    assert result.problems == []
    by_kind = {letter.kind: letter for letter in result.created}
    assert set(by_kind) == {"widerspruch", "auskunft", "dsgvo_beschwerde", "strafantrag"}
    assert by_kind["widerspruch"].recipient_jobcenter == case.jobcenter
    assert by_kind["widerspruch"].decision == case.decisions.get()
    assert by_kind["auskunft"].recipient_jobcenter == case.jobcenter
    assert by_kind["dsgvo_beschwerde"].recipient_authority == directory["baylfd"]
    assert by_kind["strafantrag"].recipient_authority == directory["sta_muenchen"]


def test_bundle_without_prosecutor_or_decision_explains_what_is_missing(
    team, zkt_bavaria, directory, caseworker
):
    directory["sta_muenchen"].delete()
    case = CaseFactory(team=team, jobcenter=zkt_bavaria)
    result = letter_bundle_create(case=case, by=caseworker)
    assert {letter.kind for letter in result.created} == {"auskunft", "dsgvo_beschwerde"}
    assert any("Staatsanwaltschaft für den Kreis 09182" in p for p in result.problems)
    assert any("kein Bescheid" in p for p in result.problems)


def test_objection_needs_a_decision(team, zkt_bavaria, caseworker):
    case = CaseFactory(team=team, jobcenter=zkt_bavaria)
    with pytest.raises(DecisionMissing):
        letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)


def test_objection_is_not_drafted_against_a_widerspruchsbescheid(team, zkt_bavaria, caseworker):
    case = CaseFactory(team=team, jobcenter=zkt_bavaria)
    Decision.objects.create(
        case=case, kind=Decision.Kind.OBJECTION_DECISION, dated_on=dt.date(2025, 5, 1)
    )
    with pytest.raises(DecisionMissing):
        letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
