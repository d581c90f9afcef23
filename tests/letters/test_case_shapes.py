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

from cases.models import Incident, PowerOfAttorney
from letters.kinds import DecisionMissing
from letters.models import Letter
from letters.services import RepresentationRefused, letter_draft_create
from tests.factories import CaseFactory, DecisionFactory, IncidentFactory, PersonFactory
from tests.letters.conftest import address_window_text, finalized, pdf_text

DIMENSIONS = (("gE", "zkT"), ("known", "unknown"), ("public", "non-public"), (True, False))
DEFAULT_SHAPE = ("gE", "known", "non-public", True)

# The dimensions each kind's text depends on (0 Träger kind, 1 offender,
# 2 accessibility of the data, 3 Bescheid); the others stay at their default
# so that the table renders each distinct case once.
RELEVANT = {
    Letter.Kind.CRIMINAL_COMPLAINT: (0, 1, 2),
    Letter.Kind.DPA_COMPLAINT: (0, 2),
    Letter.Kind.OBJECTION: (0, 3),
    Letter.Kind.INTERIM_ORDER: (0, 3),
    Letter.Kind.ACCESS_REQUEST: (0,),
    Letter.Kind.FILE_INSPECTION: (0, 3),
    Letter.Kind.PETITION: (0,),
}


def shapes_of(kind: str) -> list[tuple]:
    dims = [
        values if index in RELEVANT[kind] else (DEFAULT_SHAPE[index],)
        for index, values in enumerate(DIMENSIONS)
    ]
    return list(itertools.product(*dims))


# Each kind once more as written by the group as representative (§ 13 SGB X).
CASES = [(kind, (*shape, "person")) for kind in RELEVANT for shape in shapes_of(kind)] + [
    (kind, (*DEFAULT_SHAPE, "organisation")) for kind in RELEVANT
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
            "Unser Zeichen",
            "Vollmacht vom 01.03.2025",
        ]
    else:
        # in the person's own name the group does not appear
        absent += ["Erwerbslosen-Forum", "Unser Zeichen", "in Vollmacht"]
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
        if with_decision:
            present += ["Widerspruch gegen den Bescheid ist nicht erfasst"]
            absent += ["aufschiebende Wirkung meines Widerspruchs"]
        else:
            present += ["§ 86b Abs. 2 Satz 2 SGG"]
            absent += ["aufschiebende Wirkung"]
    elif kind == Letter.Kind.ACCESS_REQUEST:
        # Sent 01.04.2025 by post: received 05.04., answer due 05.05.2025 (Art. 12 Abs. 3 DSGVO)
        present += ["Art. 15 Abs. 1 Buchst. g DSGVO", "bis spätestens 05.05.2025", "Art. 18 Abs. 1"]
    elif kind == Letter.Kind.FILE_INSPECTION:
        present += ["§ 25 SGB X"]
        (present if with_decision else absent).append("Bescheid vom 28.02.2025")
    elif kind == Letter.Kind.PETITION:
        present += ["Art. 17 GG", "Einer Veröffentlichung meiner Petition stimme ich nicht zu"]
        present += ["Bundestag" if ge else "Ausschuss für Eingaben und Beschwerden"]
        absent += ["Mit der Veröffentlichung"]
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
            DecisionFactory(case=case, dated_on=dt.date(2025, 2, 28))
        PowerOfAttorney.objects.create(
            person=person,
            signed_on=dt.date(2025, 3, 1),
            scan="vollmacht/2025/x.pdf",
            includes_complaint_mandate=True,
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
        if kind == Letter.Kind.INTERIM_ORDER and shape[4] == "organisation":
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
