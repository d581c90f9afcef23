"""Each kind: its recipient from the directory and its generated text."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from cases.models import Authority, Decision, Incident, Jobcenter
from cases.services import decision_record
from letters.kinds import KINDS, DecisionMissing, RecipientMissing
from letters.models import Letter
from letters.services import (
    LetterNotReady,
    channel_refusal,
    letter_advice,
    letter_draft_create,
    letter_finalize,
)
from tests.factories import (
    AuthorityFactory,
    CaseFactory,
    DecisionFactory,
    IncidentFactory,
    JobcenterFactory,
)
from tests.letters.conftest import address_window_text, complete, finalized, pdf_text


def test_art_77_complaint_for_a_bavarian_zkt_goes_to_the_bavarian_commissioner(
    case, caseworker, directory
):
    # A zkT is a body of the Land: its commissioner for public bodies is
    # competent, not the Landesamt (private sector) (§ 81 Abs. 1 Nr. 2 SGB X).
    letter = letter_draft_create(case=case, kind=Letter.Kind.DPA_COMPLAINT, by=caseworker)
    assert letter.recipient_authority == directory["baylfd"]
    pdf = finalized(letter, caseworker).pdf.read()
    text = address_window_text(pdf)
    assert "Der Bayerische Landesbeauftragte für den Datenschutz" in text
    assert "Wagmüllerstraße 18" in text
    assert "80538 München" in text
    full = pdf_text(pdf)
    assert "Landesamt für Datenschutzaufsicht" not in full
    assert "§ 81 Abs. 1 Nr. 2 SGB X" in full
    assert "Land Bayern" in full  # the Land by name, never "BY"
    assert " BY " not in full and "(BY)" not in full


def test_art_77_complaint_for_a_ge_goes_to_the_bfdi(team, ge_bavaria, directory, caseworker):
    # A gemeinsame Einrichtung: BfDI (§ 81 Abs. 1 Nr. 1 SGB X, § 50 Abs. 4 SGB II).
    case = CaseFactory(team=team, jobcenter=ge_bavaria)
    IncidentFactory(case=case)
    letter = letter_draft_create(case=case, kind=Letter.Kind.DPA_COMPLAINT, by=caseworker)
    assert letter.recipient_authority == directory["bfdi"]
    assert "§ 81 Abs. 1 Nr. 1 SGB X i. V. m. § 50 Abs. 4 SGB II" in letter.body
    pdf = finalized(letter, caseworker).pdf.read()
    assert address_window_text(pdf).endswith(
        "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit "
        "Graurheindorfer Straße 153 53117 Bonn"
    )


def test_criminal_complaint_without_the_districts_prosecutor_says_so(case, caseworker, directory):
    # München I is in the directory, but Miesbach is not its district.
    directory["sta_muenchen"].delete()
    with pytest.raises(RecipientMissing, match="Staatsanwaltschaft für den Kreis 09182"):
        letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker)
    assert not Letter.objects.exists()


def test_caseworker_notes_are_never_pasted_into_the_letter(case, caseworker, organisation):
    # The incident's description is the caseworker's note, not the person's words.
    case.jobcenter.supervisor_name = "Landratsamt Miesbach, Landrat"
    case.jobcenter.supervisor_address = "Rosenheimer Straße 1-3\n83714 Miesbach"
    case.jobcenter.dpo_address = "Postfach 10 04 50\n83707 Miesbach"
    case.jobcenter.save()
    refused = set()
    for kind in KINDS:
        try:
            letter = letter_draft_create(case=case, kind=kind, by=caseworker)
        except DecisionMissing:
            refused.add(kind)
            continue
        assert "Die Sachbearbeiterin hat Fotos" not in letter.body, kind
    # These continue what the case does not have yet: a Widerspruchsbescheid,
    # a sent Widerspruch, a sent letter to ask about, an Einstellungsbescheid.
    assert refused == {
        Letter.Kind.ACTION,
        Letter.Kind.INACTION_ACTION,
        Letter.Kind.STATUS_INQUIRY,
        Letter.Kind.PROSECUTION_COMPLAINT,
    }


def test_each_claim_of_the_draft_names_the_field_it_comes_from(case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker)
    sources = {claim["source"] for claim in letter.claims}
    assert "Vorfall 1: Art, Plattform, geschehen am" in sources
    assert "Vorfall 1: Mitarbeiter/in des Jobcenters" in sources
    for claim in letter.claims:
        assert claim["text"].split()[0] in letter.body


def test_a_draft_with_a_placeholder_cannot_be_made_final(case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    with pytest.raises(LetterNotReady, match="Platzhalter"):
        letter_finalize(letter=letter, by=caseworker)
    letter.refresh_from_db()
    assert letter.is_draft and not letter.pdf


def test_a_letter_in_the_persons_name_needs_their_address_and_bg_number(case, caseworker):
    case.person.street = ""
    case.person.customer_number = ""
    case.person.save()
    letter = complete(
        letter_draft_create(case=case, kind=Letter.Kind.ACCESS_REQUEST, by=caseworker), caseworker
    )
    with pytest.raises(LetterNotReady) as caught:
        letter_finalize(letter=letter, by=caseworker)
    (problem,) = caught.value.problems
    assert "Postanschrift" in problem and "Kundennummer / BG-Nummer" in problem


# --- Strafantrag (§ 85 SGB X, § 42 BDSG, § 77b StGB, § 158 StPO) ---------------


def test_strafantrag_period_comes_from_the_engine_with_the_weekend_rule(
    team, caseworker, directory
):
    # Knowledge 08.03.2025, prosecutor in NRW: three months end on Sunday
    # 08.06.2025, Monday 09.06. is Pfingstmontag → 10.06.2025
    # (§ 77b Abs. 1 Satz 2 StGB). The letter used to say 08.06.2025.
    sta = AuthorityFactory(
        kind=Authority.Kind.PROSECUTOR,
        name="Staatsanwaltschaft Köln",
        city="Köln",
        state="NW",
        jurisdiction_state="NW",
        district_keys="05315",
    )
    jobcenter = JobcenterFactory(
        name="Jobcenter Köln", kind=Jobcenter.Kind.GE, city="Köln", state="NW", district_key="05315"
    )
    case = CaseFactory(team=team, jobcenter=jobcenter)
    IncidentFactory(
        case=case,
        staff_member="Herr M.",
        learned_of_act_on=dt.date(2025, 3, 8),
        learned_of_offender_on=dt.date(2025, 3, 8),
        is_data_public=False,
    )
    with time_machine.travel("2025-04-01 10:00 +02:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker)
        assert letter.recipient_authority == sta
        text = pdf_text(finalized(letter, caseworker).pdf.read())
    assert "endet danach mit Ablauf des 10.06.2025" in " ".join(text.split())
    assert "08.06.2025" not in text
    assert "des Jobcenters Köln" in " ".join(text.split())


def test_strafantrag_that_would_arrive_late_cannot_be_made_final(case, caseworker):
    # Knowledge 10.03.2025 → period ends 10.06.2025 (Tuesday). Sent by post on
    # 09.06. it is expected on 13.06.: too late. By fax it arrives the same day.
    with time_machine.travel("2025-06-09 10:00 +02:00", tick=False):
        letter = complete(
            letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker),
            caseworker,
        )
        with pytest.raises(LetterNotReady, match="10.06.2025"):
            letter_finalize(letter=letter, by=caseworker)
        letter.planned_channel = Letter.Channel.FAX
        letter.save()
        assert letter_finalize(letter=letter, by=caseworker).status == Letter.Status.FINAL


def test_fake_profile_with_non_public_data_adds_obtaining_by_deception(case, caseworker):
    IncidentFactory(case=case, kind=Incident.Kind.FAKE_PROFILE, is_data_public=False)
    letter = letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker)
    assert "§ 42 Abs. 2 Nr. 2 BDSG" in letter.body


def test_fake_profile_with_unknown_accessibility_names_no_bdsg_offence(case, caseworker):
    IncidentFactory(case=case, kind=Incident.Kind.FAKE_PROFILE, is_data_public=None)
    letter = letter_draft_create(case=case, kind=Letter.Kind.CRIMINAL_COMPLAINT, by=caseworker)
    assert "§ 42 Abs. 2" not in letter.body


# --- Widerspruch ----------------------------------------------------------------


def test_objection_claims_unlawful_data_only_for_a_linked_incident(case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    assert "stützt sich" not in letter.body
    decision = case.decisions.get()
    decision.incidents.set(case.incidents.all())
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    assert "stützt sich nach meiner Kenntnis auf Erkenntnisse" in letter.body
    assert "Ich widerspreche der Verwertung" in letter.body


def test_objection_restricts_processing_instead_of_erasing_the_evidence(case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    assert "einzuschränken (Art. 18 Abs. 1 Buchst. b und c DSGVO)" in letter.body
    assert "unverzüglich zu löschen" not in letter.body


@pytest.mark.parametrize(
    ("decision_kind", "offered"),
    [
        # § 39 Nr. 1 SGB II: no suspensive effect → § 86a Abs. 3 SGG request offered
        (Decision.Kind.SANCTION, True),
        (Decision.Kind.REVOCATION, True),
        # An Erstattungsbescheid's Widerspruch suspends (§ 86a Abs. 1 SGG)
        (Decision.Kind.REFUND, False),
        (Decision.Kind.BENEFITS, False),
    ],
)
def test_suspension_request_only_where_39_sgb_ii_applies(case, caseworker, decision_kind, offered):
    case.decisions.update(kind=decision_kind)
    letter = letter_draft_create(
        case=case,
        kind=Letter.Kind.OBJECTION,
        by=caseworker,
        options={"suspension_request": True},
    )
    assert ("§ 86a Abs. 3 Satz 1 SGG" in letter.body) is offered


def test_several_decisions_make_the_user_choose(case, caseworker):
    DecisionFactory(case=case, dated_on=dt.date(2025, 5, 2), reference="NEU-1")
    with pytest.raises(DecisionMissing, match="mehrere Bescheide"):
        letter_draft_create(case=case, kind=Letter.Kind.OBJECTION, by=caseworker)
    older = case.decisions.get(reference="835-AZ-77")
    letter = letter_draft_create(
        case=case, kind=Letter.Kind.OBJECTION, by=caseworker, decision=older
    )
    assert letter.decision == older
    assert "835-AZ-77" in letter.subject


# --- Eilantrag --------------------------------------------------------------------


def test_eilantrag_without_lodged_objection_asks_nothing_about_the_bescheid(case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.INTERIM_ORDER, by=caseworker)
    assert "aufschiebende Wirkung meines Widerspruchs" not in letter.body
    # Why is advice for the caseworker, not a sentence to the court.
    assert "nicht erfasst" not in letter.body
    assert "Widerspruch gegen den Bescheid ist nicht erfasst" in letter_advice(letter)[0]
    assert "an Eides statt" not in letter.body  # a separate affidavit
    assert "Landkreis Miesbach" in letter.body  # the respondent from the directory


def test_eilantrag_after_a_sent_objection_orders_the_suspensive_effect(case, caseworker):
    # Minderung: § 39 Nr. 1 SGB II → § 86b Abs. 1 Satz 1 Nr. 2 SGG
    letter = letter_draft_create(
        case=case,
        kind=Letter.Kind.INTERIM_ORDER,
        by=caseworker,
        options={"objection_lodged_on": "2025-03-20"},
    )
    assert "aufschiebende Wirkung meines Widerspruchs gegen den Bescheid vom 28.02.2025" in (
        letter.body
    )
    assert "§ 86b Abs. 1 Satz 1 Nr. 2 SGG" in letter.body
    assert "am 20.03.2025 Widerspruch eingelegt" in letter.body


def test_eilantrag_against_a_suspending_bescheid_enforced_anyway_asks_for_a_declaration(
    case, caseworker
):
    case.decisions.update(kind=Decision.Kind.REFUND)
    letter = letter_draft_create(
        case=case,
        kind=Letter.Kind.INTERIM_ORDER,
        by=caseworker,
        options={"objection_lodged_on": "2025-03-20", "enforced_anyway": True},
    )
    assert "festzustellen, dass mein Widerspruch" in letter.body
    assert "entsprechend § 86b Abs. 1 Satz 1 Nr. 2 SGG" in letter.body


def test_eilantrag_for_a_zkt_without_its_court_party_is_refused(case, caseworker, zkt_bavaria):
    zkt_bavaria.court_party = ""
    zkt_bavaria.save()
    with pytest.raises(RecipientMissing, match="Beteiligter vor Gericht"):
        letter_draft_create(case=case, kind=Letter.Kind.INTERIM_ORDER, by=caseworker)


def test_eilantrag_with_affidavit_creates_the_affidavit_as_its_own_document(case, caseworker):
    application = letter_draft_create(
        case=case,
        kind=Letter.Kind.INTERIM_ORDER,
        by=caseworker,
        options={"with_affidavit": True},
    )
    affidavit = Letter.objects.get(kind=Letter.Kind.AFFIDAVIT)
    assert "an Eides statt" in affidavit.body
    assert "§ 156 StGB" in affidavit.body
    assert "§ 86b" not in affidavit.body  # facts only, no legal argument
    # The application refers to it and lists it among its enclosures.
    text = " ".join(pdf_text(finalized(application, caseworker).pdf.read()).split())
    assert "meine gesonderte eidesstattliche Versicherung" in text
    assert "Versicherung an Eides statt" in text.split("Anlagen")[-1]


# --- Petition, Auskunft --------------------------------------------------------------


def test_petition_publication_is_opt_in(case, caseworker):
    letter = letter_draft_create(case=case, kind=Letter.Kind.PETITION, by=caseworker)
    assert "Mit der Veröffentlichung" not in letter.body
    assert "Einer Veröffentlichung meiner Petition stimme ich nicht zu" in letter.body
    consented = letter_draft_create(
        case=case,
        kind=Letter.Kind.PETITION,
        by=caseworker,
        options={"consent_to_publication": True},
    )
    assert "Mit der Veröffentlichung meines Anliegens" in consented.body


def test_petition_for_a_ge_goes_to_the_bundestag(team, ge_bavaria, directory, caseworker):
    case = CaseFactory(team=team, jobcenter=ge_bavaria)
    letter = letter_draft_create(case=case, kind=Letter.Kind.PETITION, by=caseworker)
    assert letter.recipient_authority == directory["bundestag"]


def test_access_request_names_the_answer_day_from_the_engine(case, caseworker):
    # Sent on Friday 20.03.2026 by post: received 24.03. (4 days), one month →
    # Friday 24.04.2026 (Art. 12 Abs. 3 DSGVO).
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        letter = letter_draft_create(case=case, kind=Letter.Kind.ACCESS_REQUEST, by=caseworker)
    assert "bis spätestens 24.04.2026" in letter.body
    assert "Art. 15 Abs. 1 Buchst. g DSGVO" in letter.body
    assert "Dritten" in letter.body
    # Made final a week later: received 31.03., April has no 31st → 30.04.2026.
    completed = complete(letter, caseworker)
    with (
        time_machine.travel("2026-03-27 10:00 +01:00", tick=False),
        pytest.raises(LetterNotReady, match="bis 30.04.2026"),
    ):
        letter_finalize(letter=completed, by=caseworker)


def test_an_explicit_recipient_wins(case, caseworker, directory):
    other = directory["bfdi"]
    letter = letter_draft_create(
        case=case, kind=Letter.Kind.DPA_COMPLAINT, by=caseworker, recipient=other
    )
    assert letter.recipient_authority == other


def test_recording_a_decision_links_it_to_incidents_of_its_case_only(case, caseworker):
    incident = case.incidents.get()
    foreign = IncidentFactory()
    decision = decision_record(
        case=case,
        by=caseworker,
        kind=Decision.Kind.SANCTION,
        dated_on=dt.date(2025, 4, 1),
        incidents=[incident, foreign],
    )
    assert list(decision.incidents.all()) == [incident]


def test_shipped_directory_sends_a_bavarian_zkt_petition_to_the_eingaben_committee(
    team, caseworker
):
    from cases.directory import directory_load

    directory_load()
    jobcenter = JobcenterFactory(
        name="Jobcenter Landkreis Testheim", kind=Jobcenter.Kind.ZKT, state="BY"
    )
    case = CaseFactory(team=team, jobcenter=jobcenter)
    letter = letter_draft_create(case=case, kind=Letter.Kind.PETITION, by=caseworker)
    assert letter.recipient_authority.name == (
        "Bayerischer Landtag, Ausschuss für Eingaben und Beschwerden"
    )


# --- Without a recorded incident nothing claims unlawful data gathering -------------


@pytest.mark.parametrize(
    "kind",
    [
        Letter.Kind.CRIMINAL_COMPLAINT,
        Letter.Kind.DPA_COMPLAINT,
        Letter.Kind.PETITION,
    ],
)
def test_letters_about_an_incident_are_not_final_without_one(case, caseworker, kind):
    case.incidents.all().delete()
    letter = complete(letter_draft_create(case=case, kind=kind, by=caseworker), caseworker)
    with pytest.raises(LetterNotReady, match="stützt sich auf einen Vorfall"):
        letter_finalize(letter=letter, by=caseworker)


def test_eilantrag_without_an_incident_asserts_no_unlawful_gathering(case, caseworker):
    # Benefits refused: § 86b Abs. 2 SGG about the Bescheid, nothing about data.
    case.incidents.all().delete()
    case.decisions.update(kind=Decision.Kind.BENEFITS)
    letter = letter_draft_create(case=case, kind=Letter.Kind.INTERIM_ORDER, by=caseworker)
    assert "vorläufig Leistungen" in letter.body
    assert "ohne Rechtsgrundlage erhoben" not in letter.body
    assert "Verarbeitung der über mich" not in letter.body
    # A Minderung without a lodged Widerspruch and no incident: nothing to ask.
    case.decisions.update(kind=Decision.Kind.SANCTION)
    letter = complete(
        letter_draft_create(case=case, kind=Letter.Kind.INTERIM_ORDER, by=caseworker), caseworker
    )
    with pytest.raises(LetterNotReady, match="enthält keinen Antrag"):
        letter_finalize(letter=letter, by=caseworker)


# --- Form of dispatch ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "channel", "allowed"),
    [
        # § 84 Abs. 1 SGG: written form; a plain e-mail does not meet it
        (Letter.Kind.OBJECTION, Letter.Channel.EMAIL, False),
        (Letter.Kind.OBJECTION, Letter.Channel.POST, True),
        (Letter.Kind.OBJECTION, Letter.Channel.FAX, True),
        (Letter.Kind.OBJECTION, Letter.Channel.IN_PERSON, True),
        # § 90, § 65a SGG: to the court in writing or on a safe electronic channel
        (Letter.Kind.INTERIM_ORDER, Letter.Channel.EMAIL, False),
        (Letter.Kind.INTERIM_ORDER, Letter.Channel.REGISTERED, True),
        (Letter.Kind.INTERIM_ORDER, Letter.Channel.FAX, True),
        (Letter.Kind.INTERIM_ORDER, Letter.Channel.E_FILING, True),
        # § 158 Abs. 2 StPO since 17.07.2024: valid if identity and will are ensured
        (Letter.Kind.CRIMINAL_COMPLAINT, Letter.Channel.EMAIL, True),
        (Letter.Kind.CRIMINAL_COMPLAINT, Letter.Channel.E_FILING, True),  # § 32a StPO
        # beA/eBO reach courts and prosecutors, not the Jobcenter: a wrong channel
        # would make the engine assume receipt on the day of sending
        (Letter.Kind.OBJECTION, Letter.Channel.E_FILING, False),
        (Letter.Kind.ACCESS_REQUEST, Letter.Channel.E_FILING, False),
    ],
)
def test_the_channel_must_meet_the_form_the_law_requires(kind, channel, allowed):
    refusal = channel_refusal(kind, channel)
    assert (not refusal) is allowed
    if refusal:
        assert ("Schriftform" if channel == Letter.Channel.EMAIL else "beA/eBO") in refusal


@pytest.mark.parametrize(
    ("incident_kind", "cited"),
    [
        (Incident.Kind.PROFILE_RESEARCH, True),
        (Incident.Kind.FAKE_PROFILE, True),
        (Incident.Kind.SEARCH_ENGINE, True),  # "erst beim Betroffenen, dann etwa google.de"
        (Incident.Kind.THIRD_PARTY, False),  # § 67a SGB X, not the BfDI's 2013 position
        (Incident.Kind.DATA_PASSED_ON, False),
    ],
)
def test_the_bfdi_2013_position_is_cited_with_its_source_only_where_it_fits(
    case, caseworker, incident_kind, cited
):
    case.incidents.update(kind=incident_kind)
    letter = letter_draft_create(case=case, kind=Letter.Kind.DPA_COMPLAINT, by=caseworker)
    assert ("2013 erklärt" in letter.body) is cited
    assert ("Peter Schaar, vom 24. Mai 2013" in letter.body) is cited
