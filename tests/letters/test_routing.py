"""Routing never guesses: the competent court follows the person's residence
(§ 57 Abs. 1 SGG), the prosecutor the Jobcenter's seat (§ 143 Abs. 1 GVG),
and where the directory lacks one, the letter is refused; it is never
addressed to another district's court or prosecutor."""

from __future__ import annotations

import itertools

import pytest
from django.utils import timezone

from cases.models import Authority, Case, Jobcenter, Person
from letters import routing
from letters.kinds import KINDS
from letters.models import Letter
from letters.routing import RecipientMissing, recipient_for, recipient_problem
from letters.services import letter_draft_create
from tests.factories import AuthorityFactory, CaseFactory, JobcenterFactory, PersonFactory

pytestmark = pytest.mark.django_db

# Kreisschlüssel (first five digits of the AGS)
MIESBACH, MUENCHEN_STADT, ERLANGEN, NUERNBERG = "09182", "09162", "09562", "09564"
DRESDEN, LEIPZIG, JENA = "14612", "14713", "16053"


def authority(kind, name, state, districts, **extra):
    return AuthorityFactory(
        kind=kind,
        name=name,
        city=name.split()[-1],
        state=state,
        jurisdiction_state=state,
        district_keys=districts,
        **extra,
    )


@pytest.fixture
def courts_and_prosecutors(db):
    """Bavaria and Saxony as the directory knows them: several courts and
    prosecutors in one Land, each with its own district."""
    gsta_m = authority(
        Authority.Kind.GENERAL_PROSECUTOR, "Generalstaatsanwaltschaft München", "BY", ""
    )
    gsta_n = authority(
        Authority.Kind.GENERAL_PROSECUTOR, "Generalstaatsanwaltschaft Nürnberg", "BY", ""
    )
    gsta_dd = authority(
        Authority.Kind.GENERAL_PROSECUTOR, "Generalstaatsanwaltschaft Dresden", "SN", ""
    )
    sg, sta = Authority.Kind.SOCIAL_COURT, Authority.Kind.PROSECUTOR
    return {
        "sg_muenchen": authority(sg, "Sozialgericht München", "BY", f"{MUENCHEN_STADT} {MIESBACH}"),
        "sg_nuernberg": authority(sg, "Sozialgericht Nürnberg", "BY", f"{ERLANGEN} {NUERNBERG}"),
        "sg_dresden": authority(sg, "Sozialgericht Dresden", "SN", DRESDEN),
        "sg_leipzig": authority(sg, "Sozialgericht Leipzig", "SN", LEIPZIG),
        "sta_muenchen_1": authority(
            sta, "Staatsanwaltschaft München I", "BY", MUENCHEN_STADT, superior=gsta_m
        ),
        "sta_muenchen_2": authority(
            sta, "Staatsanwaltschaft München II", "BY", MIESBACH, superior=gsta_m
        ),
        "sta_nuernberg": authority(
            sta,
            "Staatsanwaltschaft Nürnberg-Fürth",
            "BY",
            f"{ERLANGEN} {NUERNBERG}",
            superior=gsta_n,
        ),
        "sta_dresden": authority(
            sta, "Staatsanwaltschaft Dresden", "SN", DRESDEN, superior=gsta_dd
        ),
        "sta_leipzig": authority(
            sta, "Staatsanwaltschaft Leipzig", "SN", LEIPZIG, superior=gsta_dd
        ),
        "gsta_muenchen": gsta_m,
        "gsta_nuernberg": gsta_n,
        "gsta_dresden": gsta_dd,
    }


def case_at(district_key, *, kind=Jobcenter.Kind.ZKT, state="BY", residence="", **jobcenter):
    jobcenter = JobcenterFactory(kind=kind, state=state, district_key=district_key, **jobcenter)
    person = PersonFactory(residence_district_key=residence)
    return CaseFactory(jobcenter=jobcenter, person=person)


@pytest.mark.parametrize(
    ("district", "state", "court", "prosecutor"),
    [
        # Landkreis Miesbach: Oberbayern (Art. 1 Abs. 1 Nr. 1 AGSGG), Landgericht
        # München II: not München I, whose district is the city and the Landkreis München.
        (MIESBACH, "BY", "sg_muenchen", "sta_muenchen_2"),
        # Erlangen: Mittelfranken (Art. 1 Abs. 1 Nr. 4 AGSGG), Landgericht Nürnberg-Fürth.
        (ERLANGEN, "BY", "sg_nuernberg", "sta_nuernberg"),
        # Dresden: not Leipzig, the other court of the same Land.
        (DRESDEN, "SN", "sg_dresden", "sta_dresden"),
    ],
)
def test_court_and_prosecutor_are_those_of_the_jobcenters_district(
    courts_and_prosecutors, district, state, court, prosecutor
):
    # § 57 Abs. 1 SGG (residence, by default the Jobcenter's district);
    # § 143 Abs. 1 GVG with § 7 Abs. 1 StPO (the Jobcenter's seat).
    case = case_at(district, state=state)
    assert recipient_for(routing.SOCIAL_COURT, case).authority == courts_and_prosecutors[court]
    assert recipient_for(routing.PROSECUTOR, case).authority == courts_and_prosecutors[prosecutor]


def test_a_district_without_a_court_is_refused_not_sent_to_a_neighbour(courts_and_prosecutors):
    # Jena (Thüringen): the directory has no court and no prosecutor for it.
    case = case_at(JENA, state="TH")
    with pytest.raises(RecipientMissing, match="Sozialgericht für den Kreis 16053") as caught:
        recipient_for(routing.SOCIAL_COURT, case)
    assert caught.value.authority_kind == Authority.Kind.SOCIAL_COURT
    assert caught.value.district_key == JENA
    with pytest.raises(RecipientMissing, match="Staatsanwaltschaft für den Kreis 16053"):
        recipient_for(routing.PROSECUTOR, case)


def test_a_jobcenter_without_district_or_court_is_refused(courts_and_prosecutors):
    case = case_at("", state="BY")
    with pytest.raises(RecipientMissing, match="Kreisschlüssel"):
        recipient_for(routing.SOCIAL_COURT, case)


def test_the_persons_residence_decides_the_court(courts_and_prosecutors):
    # § 57 Abs. 1 Satz 1 SGG: the person moved from Miesbach to Erlangen; the
    # Jobcenter Miesbach still decides, but the court is Nürnberg's.
    case = case_at(MIESBACH, residence=ERLANGEN)
    assert (
        recipient_for(routing.SOCIAL_COURT, case).authority
        == courts_and_prosecutors["sg_nuernberg"]
    )
    # The prosecutor stays the one at the Jobcenter's seat.
    assert (
        recipient_for(routing.PROSECUTOR, case).authority
        == courts_and_prosecutors["sta_muenchen_2"]
    )


def test_a_residence_without_a_court_is_refused_even_if_the_jobcenter_has_one(
    courts_and_prosecutors,
):
    case = case_at(MIESBACH, residence=JENA, social_court=courts_and_prosecutors["sg_muenchen"])
    with pytest.raises(RecipientMissing, match="Wohnort der Person"):
        recipient_for(routing.SOCIAL_COURT, case)


def test_the_court_recorded_on_the_jobcenter_wins_over_the_district_search(
    courts_and_prosecutors,
):
    court = AuthorityFactory(kind=Authority.Kind.SOCIAL_COURT, name="Sozialgericht Landshut")
    case = case_at("", social_court=court)
    assert recipient_for(routing.SOCIAL_COURT, case).authority == court


def test_a_recorded_court_that_does_not_serve_the_district_is_refused(courts_and_prosecutors):
    case = case_at(MIESBACH, social_court=courts_and_prosecutors["sg_nuernberg"])
    with pytest.raises(RecipientMissing, match="Kreis 09182 nicht umfasst"):
        recipient_for(routing.SOCIAL_COURT, case)


def test_two_courts_claiming_one_district_are_refused(courts_and_prosecutors):
    authority(Authority.Kind.SOCIAL_COURT, "Sozialgericht Rosenheim", "BY", MIESBACH)
    case = case_at(MIESBACH)
    with pytest.raises(RecipientMissing, match="mehrere"):
        recipient_for(routing.SOCIAL_COURT, case)


def test_a_substring_of_another_key_is_no_match(courts_and_prosecutors):
    # "0918" is part of "09182": only whole keys count.
    authority(Authority.Kind.SOCIAL_COURT, "Sozialgericht Irgendwo", "BY", "09183")
    case = case_at("09181")
    with pytest.raises(RecipientMissing):
        recipient_for(routing.SOCIAL_COURT, case)


# --- Beschwerde gegen die Einstellung: the GenStA above (§ 172 Abs. 1 StPO) ---


def test_general_prosecutor_is_the_one_above_the_competent_prosecutor(courts_and_prosecutors):
    case = case_at(ERLANGEN)
    found = recipient_for(routing.GENERAL_PROSECUTOR, case).authority
    assert found == courts_and_prosecutors["gsta_nuernberg"]


def test_general_prosecutor_follows_the_prosecutor_the_complaint_went_to(
    courts_and_prosecutors, caseworker
):
    # The person chose München I (§ 158 Abs. 1 StPO: any Staatsanwaltschaft):
    # the Beschwerde goes to the GenStA above München I.
    case = case_at(ERLANGEN)
    Letter.objects.create(
        case=case,
        kind=Letter.Kind.CRIMINAL_COMPLAINT,
        recipient_authority=courts_and_prosecutors["sta_muenchen_1"],
        subject="Strafanzeige",
        body="…",
        template_version="strafantrag/1",
        status=Letter.Status.SENT,
        pdf="letters/2026/strafanzeige.pdf",
        pdf_sha256="0" * 64,
        finalized_at=timezone.now(),
        created_by=caseworker,
    )
    found = recipient_for(routing.GENERAL_PROSECUTOR, case).authority
    assert found == courts_and_prosecutors["gsta_muenchen"]


def test_general_prosecutor_missing_above_the_prosecutor_is_refused(courts_and_prosecutors):
    courts_and_prosecutors["sta_dresden"].superior = None
    courts_and_prosecutors["sta_dresden"].save()
    case = case_at(DRESDEN, state="SN")
    with pytest.raises(
        RecipientMissing, match="Generalstaatsanwaltschaft über der Staatsanwaltschaft Dresden"
    ):
        recipient_for(routing.GENERAL_PROSECUTOR, case)


# --- The Jobcenter's data-protection officer and its Dienstaufsicht ----------


def test_letter_to_the_dpo_without_a_contact_in_the_directory_is_refused(db):
    case = case_at(MIESBACH)
    with pytest.raises(RecipientMissing, match="Datenschutzbeauftragten"):
        recipient_for(routing.JOBCENTER_DPO, case)


def test_letter_to_the_dpo_is_addressed_to_the_officer(db):
    case = case_at(
        MIESBACH,
        name="Jobcenter Landkreis Miesbach",
        dpo_name="Datenschutzbeauftragter",
        dpo_address="Postfach 10 04 50\n83707 Miesbach",
    )
    lines = recipient_for(routing.JOBCENTER_DPO, case).lines
    assert lines == [
        "Jobcenter Landkreis Miesbach",
        "– Datenschutzbeauftragter –",
        "Postfach 10 04 50",
        "83707 Miesbach",
    ]


def test_dienstaufsicht_over_a_joint_facility_is_its_management(db):
    case = case_at(
        MUENCHEN_STADT,
        kind=Jobcenter.Kind.GE,
        name="Jobcenter München",
        street="Orleansplatz 11",
        postcode="81667",
        city="München",
    )
    assert recipient_for(routing.SUPERVISION, case).lines == [
        "Jobcenter München",
        "– Geschäftsführung –",
        "Orleansplatz 11",
        "81667 München",
    ]


def test_dienstaufsicht_over_a_zkt_needs_the_landrat_in_the_directory(db):
    case = case_at(MIESBACH)
    with pytest.raises(RecipientMissing, match="Landrat bzw. Oberbürgermeister"):
        recipient_for(routing.SUPERVISION, case)
    jobcenter = case.jobcenter
    jobcenter.supervisor_name = "Landratsamt Miesbach, Landrat"
    jobcenter.supervisor_address = "Rosenheimer Straße 1-3\n83714 Miesbach"
    jobcenter.save()
    assert recipient_for(routing.SUPERVISION, case).lines == [
        "Landratsamt Miesbach, Landrat",
        "Rosenheimer Straße 1-3",
        "83714 Miesbach",
    ]


# --- Petitions: the level that supervises the Jobcenter ---------------------


def test_petition_about_a_zkt_without_its_landtag_is_refused_not_sent_to_the_bundestag(db):
    # § 48 Abs. 1 SGB II: the Land supervises a zugelassener kommunaler Träger.
    AuthorityFactory(
        kind=Authority.Kind.PETITIONS,
        name="Deutscher Bundestag, Petitionsausschuss",
        is_federal=True,
    )
    case = case_at(JENA, state="TH")
    with pytest.raises(RecipientMissing, match="Landtag von Thüringen"):
        recipient_for(routing.PETITIONS, case)


# --- A user's own choice of recipient ----------------------------------------


def test_a_user_may_choose_another_prosecutor_but_not_another_court(courts_and_prosecutors):
    case = case_at(MIESBACH)
    c = courts_and_prosecutors
    # § 158 Abs. 1 StPO: any Staatsanwaltschaft may receive the Strafanzeige.
    assert recipient_problem(routing.PROSECUTOR, case, c["sta_nuernberg"]) == ""
    assert "nicht Sozialgericht Nürnberg" in recipient_problem(
        routing.SOCIAL_COURT, case, c["sg_nuernberg"]
    )
    assert recipient_problem(routing.SOCIAL_COURT, case, c["sg_muenchen"]) == ""
    assert "nicht Generalstaatsanwaltschaft Nürnberg" in recipient_problem(
        routing.GENERAL_PROSECUTOR, case, c["gsta_nuernberg"]
    )


# --- The guarantee: no letter goes to another district's court or prosecutor ---

DISTRICT_RULES = {routing.SOCIAL_COURT, routing.PROSECUTOR, routing.GENERAL_PROSECUTOR}
DISTRICTS = [MIESBACH, MUENCHEN_STADT, ERLANGEN, NUERNBERG, DRESDEN, LEIPZIG, JENA, ""]


def test_no_letter_is_ever_addressed_to_an_authority_of_another_district(courts_and_prosecutors):
    """Every pair of Jobcenter district and residence, each with the court and
    prosecutor recorded on the Jobcenter right, wrong or missing: whenever a
    court or prosecutor is found, its district is the one the law decides
    (residence for the court, § 57 SGG; the Jobcenter's district for the
    prosecutor); otherwise the letter is refused."""
    c = courts_and_prosecutors
    recorded_courts = [None, c["sg_muenchen"], c["sg_dresden"]]
    recorded_prosecutors = [None, c["sta_muenchen_2"], c["sta_leipzig"]]
    checked = refused = 0
    for jc_key, residence, court, sta in itertools.product(
        DISTRICTS, DISTRICTS, recorded_courts, recorded_prosecutors
    ):
        jobcenter = Jobcenter(
            name="Jobcenter X", district_key=jc_key, social_court=court, prosecutor=sta
        )
        case = Case(jobcenter=jobcenter, person=Person(residence_district_key=residence))
        court_district = residence or jc_key
        for rule, district, recorded in (
            (routing.SOCIAL_COURT, court_district, court),
            (routing.PROSECUTOR, jc_key, sta),
        ):
            try:
                found = recipient_for(rule, case).authority
            except RecipientMissing:
                refused += 1
                continue
            assert found is not None
            if district:
                assert district in found.served_districts, (rule, jc_key, residence, found)
            else:
                # Nothing to check the district against: only what a
                # coordinator recorded on the Jobcenter, never a search.
                assert found == recorded, (rule, jc_key, residence, found)
            checked += 1
    assert checked > 100 and refused > 100


def test_letters_of_every_kind_go_to_the_district_of_the_case(courts_and_prosecutors, caseworker):
    """Drafted letters, not only lookups: for Erlangen every court or
    prosecutor letter goes to Nürnberg, never to München."""
    case = case_at(
        ERLANGEN,
        name="Jobcenter Stadt Erlangen",
        court_party="Stadt Erlangen\nRathausplatz 1\n91052 Erlangen",
    )
    munich = {a.pk for key, a in courts_and_prosecutors.items() if "muenchen" in key}
    kinds = [k for k, spec in KINDS.items() if spec.route in DISTRICT_RULES]
    assert kinds
    _what_the_later_kinds_continue(case, caseworker)
    for kind in kinds:
        letter = letter_draft_create(case=case, kind=kind, by=caseworker)
        assert letter.recipient_authority is not None, kind
        assert letter.recipient_authority.pk not in munich, kind
        if letter.recipient_authority.kind != Authority.Kind.GENERAL_PROSECUTOR:
            assert ERLANGEN in letter.recipient_authority.served_districts, kind


def _what_the_later_kinds_continue(case, by) -> None:
    """A Bescheid with a sent Widerspruch (Untätigkeitsklage), a
    Widerspruchsbescheid (Klage) and an Einstellungsbescheid (Beschwerde
    gegen die Einstellung), so that every court or prosecutor kind can be drafted."""
    import datetime as dt

    from cases.models import Decision
    from letters.models import Letter
    from letters.services import letter_mark_sent
    from tests.factories import DecisionFactory

    bescheid = DecisionFactory(case=case, kind=Decision.Kind.SANCTION)
    DecisionFactory(case=case, kind=Decision.Kind.OBJECTION_DECISION)
    DecisionFactory(case=case, kind=Decision.Kind.PROSECUTION_DROPPED)
    objection = Letter.objects.create(
        case=case,
        kind=Letter.Kind.OBJECTION,
        decision=bescheid,
        recipient_jobcenter=case.jobcenter,
        subject="Widerspruch",
        body="Text",
        template_version="widerspruch/2",
        status=Letter.Status.FINAL,
        pdf_sha256="0" * 64,
    )
    letter_mark_sent(
        letter=objection, by=by, channel=Letter.Channel.FAX, sent_on=dt.date(2025, 1, 2)
    )
