"""Every kind for every shape of case, read back from the final PDF.

A shape: the Jobcenter's Träger kind (gE or zkT), whether the offender is
known, whether the data were generally accessible, with or without a
Bescheid. Each row asserts the sentences that must be there and those that
must not: a letter says only what the case supports.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import time_machine

from cases.models import Decision, Incident, PowerOfAttorney
from cases.remedies import interim_remedy
from letters.kinds import COURT_KINDS, DecisionMissing
from letters.models import Letter
from letters.services import RepresentationRefused, letter_advice, letter_draft_create
from tests.factories import CaseFactory, DecisionFactory, IncidentFactory, PersonFactory
from tests.letters.conftest import address_window_text, finalized, pdf_text

DIMENSIONS = (("gE", "zkT"), ("known", "unknown"), ("public", "non-public"), (True, False))
DEFAULT_SHAPE = ("gE", "known", "non-public", True)

# The dimensions each kind is rendered over (0 Träger kind, 1 offender,
# 2 accessibility of the data, 3 Bescheid). Every kind varies 0 to 2, since
# the facts of the incident (who was involved, whether the data were
# accessible) appear in each letter that recounts them; the Bescheid varies
# for the kinds that can be about one (the others never mention it). The
# Vollmacht recounts no incident. A dimension left out stays at its default.
RELEVANT = {
    Letter.Kind.CRIMINAL_COMPLAINT: (0, 1, 2),
    Letter.Kind.DPA_COMPLAINT: (0, 1, 2),
    Letter.Kind.OBJECTION: (0, 1, 2, 3),
    Letter.Kind.INTERIM_ORDER: (0, 1, 2, 3),
    Letter.Kind.ACCESS_REQUEST: (0, 1, 2),
    Letter.Kind.FILE_INSPECTION: (0, 1, 2, 3),
    Letter.Kind.PETITION: (0, 1, 2),
    # The two documents the person signs themselves.
    Letter.Kind.AFFIDAVIT: (0, 1, 2, 3),
    Letter.Kind.POWER_OF_ATTORNEY: (0, 3),
}
# The kinds that recount the case's incidents (the Widerspruch only those the
# Bescheid rests on; none here).
RECOUNT_FACTS = set(RELEVANT) - {Letter.Kind.OBJECTION, Letter.Kind.POWER_OF_ATTORNEY}
# Kinds the person always signs (the Vollmacht form), so no row as representative.
PERSON_ONLY = {Letter.Kind.POWER_OF_ATTORNEY}
# Kinds whose recipient is the Jobcenter that issued the Bescheid ("Ihr Zeichen").
TO_JOBCENTER = {Letter.Kind.OBJECTION, Letter.Kind.ACCESS_REQUEST, Letter.Kind.FILE_INSPECTION}


def shapes_of(kind: str) -> list[tuple]:
    dims = [
        values if index in RELEVANT[kind] else (DEFAULT_SHAPE[index],)
        for index, values in enumerate(DIMENSIONS)
    ]
    return list(itertools.product(*dims))


# Each kind once more as written by the group as representative (§ 13 SGB X).
CASES = [(kind, (*shape, "person")) for kind in RELEVANT for shape in shapes_of(kind)] + [
    (kind, (*DEFAULT_SHAPE, "organisation")) for kind in RELEVANT if kind not in PERSON_ONLY
]


def _shape_id(shape) -> str:
    kind, offender, data, with_decision, sender = shape
    return f"{kind}-{offender}-{data}-{'bescheid' if with_decision else 'ohne'}-{sender}"


def expectations(kind: str, shape) -> tuple[list[str], list[str]]:
    """(sentences present, sentences absent) for a letter kind and case shape."""
    jc_kind, offender, data, with_decision, sender = shape
    ge = jc_kind == "gE"
    non_public = data == "non-public"
    known = offender == "known"
    jobcenter_gen = "des Jobcenters München" if ge else "des Jobcenters Landkreis Miesbach"
    present: list[str] = ["Ayşe Yılmaz"]
    absent: list[str] = ["Die Sachbearbeiterin hat Fotos", "[", ".."]
    if sender == "organisation":
        # § 13 SGB X: the group's letterhead, "in Vollmacht für", the Vollmacht enclosed
        present += [
            "Erwerbslosen-Forum Datenschutz e. V.",
            "in Vollmacht für Ayşe Yılmaz",
            "Namens und in Vollmacht von Ayşe Yılmaz",
            # the salutation opens the letter, the notice of representation follows
            "Sehr geehrte Damen und Herren, wir zeigen an, dass wir Ayşe Yılmaz vertreten",
            "Unser Zeichen",
            "Vollmacht vom 01.03.2025",
        ]
        absent += ["Mandant"]
        # § 13 SGB X governs the administrative procedure (the Jobcenter), Art. 80
        # DSGVO the complaint; the prosecutor and the Landtag are neither.
        if kind in TO_JOBCENTER:
            present += ["liegt bei (§ 13 Abs. 1 SGB X)"]
        elif kind == Letter.Kind.DPA_COMPLAINT:
            present += ["liegt bei (Art. 80 Abs. 1 DSGVO)"]
        else:
            absent += ["§ 13 Abs. 1 SGB X"]
    elif kind != Letter.Kind.POWER_OF_ATTORNEY:
        # in the person's own name the group does not appear
        absent += ["Erwerbslosen-Forum", "Unser Zeichen", "in Vollmacht"]
    # "Ihr Zeichen" is the recipient's reference: the Jobcenter's Bescheid
    # reference only in a letter about it to the Jobcenter, never to a court.
    if with_decision and kind in {Letter.Kind.OBJECTION, Letter.Kind.FILE_INSPECTION}:
        present += ["Ihr Zeichen AZ-4711", "Ihr Bescheid vom 28.02.2025"]
    else:
        absent += ["Ihr Zeichen", "Ihr Bescheid vom"]
    # The facts of the incident, each from its field: the staff member only
    # where recorded (hedged), "not generally accessible" only on a recorded "no".
    if kind in RECOUNT_FACTS:
        (present if known else absent).append("Beteiligt war nach meinem Kenntnisstand Frau K.")
        sentence = "Die dabei erhobenen Daten waren nicht allgemein zugänglich."
        (present if non_public else absent).append(sentence)
    else:
        absent += ["Beteiligt war", "nicht allgemein zugänglich"]
    if kind == Letter.Kind.CRIMINAL_COMPLAINT:
        present += ["§ 158 Abs. 2 StPO", "schriftlich zu bestätigen", jobcenter_gen]
        absent += ["in der Absicht, mich zu schädigen"]
        if non_public:
            # § 85 Abs. 1 SGB X applies § 42 Abs. 1, 2 BDSG; prosecuted on application only
            present += ["§ 42 Abs. 2 Nr. 1 BDSG", "§ 85 Abs. 2 Satz 1 SGB X", "nicht allgemein"]
        else:
            absent += ["§ 42 Abs. 2", "§ 85 Abs. 2"]
        if known:
            # § 77b Abs. 2 StGB: knowledge of act and offender; period from the engine
            present += ["Person des Täters am 10.03.2025", "könnte Frau K.", "10.06.2025"]
        else:
            present += ["gegen Unbekannt"]
            absent += ["Person des Täters am", "Frau K.", "10.06.2025"]
        if not non_public:
            absent += ["ebenfalls"]
        # § 158 Abs. 2 StPO: identity and will to prosecute of the applicant
        if sender == "organisation":
            present += ["von ihr unterschriebenen Vollmacht (§ 158 Abs. 2 StPO)"]
        else:
            present += ["Meine Identität und mein Verfolgungswille ergeben sich"]
    elif kind == Letter.Kind.DPA_COMPLAINT:
        # § 81 Abs. 1 Nr. 1 SGB X (federal body) or Nr. 2 (Land), Land by name
        present += ["§ 81 Abs. 1 Nr. 1 SGB X" if ge else "§ 81 Abs. 1 Nr. 2 SGB X"]
        present += ["24. Mai 2013"]  # the BfDI's position with its source
        if not ge:
            present += ["Land Bayern"]
        if non_public:
            present += ["§ 85 Abs. 1, Abs. 2 Satz 2 SGB X"]
        else:
            absent += ["Abs. 2 Satz 2 SGB X"]
    elif kind == Letter.Kind.OBJECTION:
        present += ["Widerspruch", "28.02.2025", "Art. 18 Abs. 1"]
        absent += ["stützt sich", "unverzüglich zu löschen"]  # no Bescheid–incident link
    elif kind == Letter.Kind.INTERIM_ORDER:
        absent += ["an Eides statt", "Anordnungsgrund"]
        present += ["Jobcenter München" if ge else "Landkreis Miesbach"]
        present += ["§ 86b Abs. 2 Satz 2 SGG"]
        # No Widerspruch recorded: nothing about the Bescheid's suspensive effect,
        # and the caseworker's explanation stays out of the application.
        absent += ["aufschiebende Wirkung", "nicht erfasst", "keinen Antrag zum Bescheid"]
        if with_decision:
            present += ["eine Minderung meiner Leistungen festgestellt"]
            absent += ["Sanktion / Minderung"]  # a label, not a sentence
    elif kind == Letter.Kind.AFFIDAVIT:
        # A separate, purely factual document for the person to sign
        present += ["an Eides statt", "§ 156 StGB"]
        present += ["(Antragsgegner: " + ("Jobcenter München" if ge else "Landkreis Miesbach")]
        absent += ["§ 86b", "§ 67a", "Anlagen", "Kopie des Bescheids"]
    elif kind == Letter.Kind.POWER_OF_ATTORNEY:
        # The form the person signs: the group as Bevollmächtigte (§ 13 SGB X), the
        # Art. 80 Abs. 1 DSGVO mandate (the profile says the group qualifies), not the
        # court (§ 73 Abs. 2 SGG: the profile does not admit it); nothing enclosed.
        present += ["Hiermit bevollmächtige ich, Ayşe Yılmaz"]
        present += ["Erwerbslosen-Forum Datenschutz e. V., Vereinsweg 1, 80331 München"]
        present += ["(§ 13 SGB X)", "Art. 80 Abs. 1 DSGVO", "Unterschrift", "jederzeit widerrufen"]
        # a Strafantrag the group files must be covered by the Vollmacht itself
        present += ["die Stellung von Strafanträgen in meinem Namen"]
        absent += ["§ 73 Abs. 2 SGG", "Anlagen", "Unser Zeichen", "in Vollmacht für"]
        # enclosed with letters to any authority: addressed to none
        absent += ["Kapuzinerstraße 26", "Rosenheimer Straße 3"]
    elif kind == Letter.Kind.ACCESS_REQUEST:
        # Sent 01.04.2025 by post: received 05.04., answer due 05.05.2025 (Art. 12 Abs. 3 DSGVO)
        present += ["Art. 15 Abs. 1 Buchst. g DSGVO", "bis spätestens 05.05.2025", "Art. 18 Abs. 1"]
    elif kind == Letter.Kind.FILE_INSPECTION:
        present += ["§ 25 SGB X"]
        (present if with_decision else absent).append("Bescheid vom 28.02.2025")
    elif kind == Letter.Kind.PETITION:
        present += ["Art. 17 GG", "Einer Veröffentlichung meiner Petition stimme ich nicht zu"]
        present += ["Bundestag" if ge else "Ausschuss für Eingaben und Beschwerden"]
        # A petition may be passed on or published: no BG-Nummer (Art. 5 Abs. 1 c DSGVO)
        absent += ["Mit der Veröffentlichung", "Kundennummer", "123D"]
    return present, absent


@pytest.fixture
def shaped_case(team, ge_bavaria, zkt_bavaria, directory, organisation):
    # A group under Art. 80 Abs. 1 DSGVO, not admitted before the court.
    organisation.is_data_protection_body = True
    organisation.save()

    def make(shape):
        jc_kind, offender, data, with_decision, sender = shape
        person = PersonFactory(name="Ayşe Yılmaz", street="Beispielweg 5", postcode="83734")
        case = CaseFactory(
            team=team, person=person, jobcenter=ge_bavaria if jc_kind == "gE" else zkt_bavaria
        )
        IncidentFactory(
            case=case,
            kind=Incident.Kind.PROFILE_RESEARCH,
            staff_member="Frau K." if offender == "known" else "",
            learned_of_offender_on=dt.date(2025, 3, 10) if offender == "known" else None,
            is_data_public=data == "public",
        )
        if with_decision:
            DecisionFactory(case=case, dated_on=dt.date(2025, 2, 28), reference="AZ-4711")
        PowerOfAttorney.objects.create(
            person=person,
            signed_on=dt.date(2025, 3, 1),
            scan="vollmacht/2025/x.pdf",
            **dict.fromkeys(PowerOfAttorney.MATTERS, True),
        )
        return case

    return make


@pytest.mark.parametrize(
    ("kind", "shape"), CASES, ids=[f"{kind}-{_shape_id(shape)}" for kind, shape in CASES]
)
def test_each_kind_says_only_what_the_case_supports(shaped_case, caseworker, kind, shape):
    case = shaped_case(shape)
    with time_machine.travel("2025-04-01 10:00 +02:00", tick=False):
        if kind == Letter.Kind.OBJECTION and not shape[3]:
            with pytest.raises(DecisionMissing):
                letter_draft_create(case=case, kind=kind, by=caseworker)
            return
        if kind in COURT_KINDS and shape[4] == "organisation":
            # § 73 Abs. 2 SGG: the profile does not admit the group before the court
            with pytest.raises(RepresentationRefused, match="§ 73 Abs. 2 SGG"):
                letter_draft_create(case=case, kind=kind, by=caseworker, sender=shape[4])
            return
        letter = letter_draft_create(case=case, kind=kind, by=caseworker, sender=shape[4])
        pdf = finalized(letter, caseworker).pdf.read()
    text = " ".join(f"{pdf_text(pdf)} {address_window_text(pdf)}".split())
    present, absent = expectations(kind, shape)
    for sentence in present:
        assert sentence in text, sentence
    for sentence in absent:
        assert sentence not in text, sentence


# --- Eilantrag: the remedy follows the situation (§ 86b SGG, § 39 SGB II) ---------------

D = Decision.Kind
REMEDY_ROWS = [
    # (Bescheid, Widerspruch lodged, enforced anyway, present, absent)
    # § 39 Nr. 1 SGB II: no suspensive effect → order it, § 86b Abs. 1 Satz 1 Nr. 2 SGG
    (
        D.SANCTION,
        True,
        False,
        [
            "die aufschiebende Wirkung meines Widerspruchs gegen den Bescheid vom 28.02.2025",
            "keine aufschiebende Wirkung (§ 39 Nr. 1 SGB II)",
            "am 20.03.2025 Widerspruch eingelegt",
        ],
        ["festzustellen, dass"],
    ),
    (
        D.REVOCATION,
        True,
        False,
        ["anzuordnen (§ 86b Abs. 1 Satz 1 Nr. 2 SGG)", "aufgehoben, zurückgenommen oder entzogen"],
        ["festzustellen, dass"],
    ),
    # An Erstattungsbescheid's Widerspruch suspends (§ 86a Abs. 1 SGG): enforced
    # anyway, the court declares it by analogy to § 86b Abs. 1
    (
        D.REFUND,
        True,
        True,
        [
            "festzustellen, dass mein Widerspruch gegen den Bescheid vom 28.02.2025",
            "entsprechend § 86b Abs. 1 Satz 1 Nr. 2 SGG",
            "vollzieht den Bescheid trotzdem",
        ],
        ["anzuordnen (§ 86b Abs. 1"],
    ),
    # ... not enforced: nothing to ask about the Bescheid, and no sentence telling
    # the court that no application is needed
    (
        D.REFUND,
        True,
        False,
        ["die Erstattung von Leistungen gefordert"],
        ["aufschiebende Wirkung meines", "festzustellen, dass", "keinen Eilantrag", "Solange"],
    ),
    # Benefits refused: only an order under § 86b Abs. 2 SGG helps
    (
        D.BENEFITS,
        False,
        False,
        ["vorläufig Leistungen nach dem SGB II", "statthaft ist insoweit der Antrag"],
        ["aufschiebende Wirkung meines"],
    ),
    # No Widerspruch lodged (checked, not assumed): nothing about the suspensive effect
    (
        D.SANCTION,
        False,
        False,
        ["eine Minderung meiner Leistungen festgestellt"],
        ["aufschiebende Wirkung", "nicht erfasst", "Widerspruch eingelegt"],
    ),
]


@pytest.mark.parametrize(
    ("decision_kind", "lodged", "enforced", "present", "absent"),
    REMEDY_ROWS,
    ids=[
        f"{r[0]}-{'lodged' if r[1] else 'none'}-{'enforced' if r[2] else 'not'}"
        for r in REMEDY_ROWS
    ],
)
def test_eilantrag_remedy_follows_the_situation(
    shaped_case, caseworker, decision_kind, lodged, enforced, present, absent
):
    case = shaped_case(("zkT", "unknown", "public", True, "person"))
    case.decisions.update(kind=decision_kind)
    options: dict = {}
    if lodged:
        options["objection_lodged_on"] = "2025-03-20"
    if enforced:
        options["enforced_anyway"] = True
    with time_machine.travel("2025-04-01 10:00 +02:00", tick=False):
        letter = letter_draft_create(
            case=case, kind=Letter.Kind.INTERIM_ORDER, by=caseworker, options=options
        )
        # The caseworker sees why (the application states only the grounds).
        [advice] = letter_advice(letter)
        pdf = finalized(letter, caseworker).pdf.read()
    text = " ".join(pdf_text(pdf).split())
    for sentence in present:
        assert sentence in text, sentence
    for sentence in absent:
        assert sentence not in text, sentence
    assert (
        advice
        == interim_remedy(
            decision_kind=decision_kind, objection_lodged=lodged, enforced_anyway=enforced
        ).explanation
    )
    if not lodged and decision_kind == D.SANCTION:
        assert "nicht erfasst" in advice


def test_the_vollmacht_form_needs_no_bg_nummer_and_encloses_nothing(shaped_case, caseworker):
    # The person signs the form; the BG-Nummer is for letters to the Jobcenter.
    case = shaped_case(("gE", "known", "non-public", True, "person"))
    case.person.customer_number = ""
    case.person.save()
    with time_machine.travel("2025-04-01 10:00 +02:00", tick=False):
        form = letter_draft_create(case=case, kind=Letter.Kind.POWER_OF_ATTORNEY, by=caseworker)
        text = pdf_text(finalized(form, caseworker).pdf.read())
    assert "Anlagen" not in text
    assert "Unterschrift" in text


# --- Widerspruch: the link to the incident and the § 86a Abs. 3 request --------------

OBJECTION_ROWS = [
    # (Bescheid, linked to the incident, suspension asked, present, absent)
    (
        D.SANCTION,
        True,
        True,
        [
            "Der Bescheid stützt sich nach meiner Kenntnis auf Erkenntnisse aus folgendem Vorgang",
            "Ich widerspreche der Verwertung",
            # § 39 Nr. 1 SGB II: no suspensive effect, so the request is offered
            "auszusetzen (§ 86a Abs. 3 Satz 1 SGG)",
            "ernstliche Zweifel (entsprechend § 86a Abs. 3 Satz 2 SGG)",
        ],
        ["unverzüglich zu löschen"],
    ),
    (
        D.REVOCATION,
        False,
        True,
        ["auszusetzen (§ 86a Abs. 3 Satz 1 SGG)"],
        ["stützt sich", "widerspreche der Verwertung"],
    ),
    # An Erstattungsbescheid's Widerspruch already suspends: no request
    (D.REFUND, True, True, ["stützt sich"], ["§ 86a Abs. 3"]),
    (D.SANCTION, False, False, [], ["§ 86a Abs. 3", "stützt sich"]),
]


@pytest.mark.parametrize(
    ("decision_kind", "linked", "suspension", "present", "absent"),
    OBJECTION_ROWS,
    ids=[f"{r[0]}-{'linked' if r[1] else 'unlinked'}-{r[2]}" for r in OBJECTION_ROWS],
)
def test_widerspruch_claims_the_link_only_where_recorded(
    shaped_case, caseworker, decision_kind, linked, suspension, present, absent
):
    case = shaped_case(("gE", "known", "non-public", True, "person"))
    decision = case.decisions.get()
    decision.kind = decision_kind
    decision.save()
    if linked:
        decision.incidents.set(case.incidents.all())
    options = {"suspension_request": True} if suspension else {}
    with time_machine.travel("2025-04-01 10:00 +02:00", tick=False):
        letter = letter_draft_create(
            case=case, kind=Letter.Kind.OBJECTION, by=caseworker, options=options
        )
        text = " ".join(pdf_text(finalized(letter, caseworker).pdf.read()).split())
    for sentence in present:
        assert sentence in text, sentence
    for sentence in absent:
        assert sentence not in text, sentence
