"""Fixtures of the letter tests: a directory of authorities and a
surveillance case with an incident, a decision and evidence."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest

from cases.models import Authority, Evidence, Jobcenter
from tests.factories import (
    AuthorityFactory,
    CaseFactory,
    DecisionFactory,
    IncidentFactory,
    JobcenterFactory,
    PersonFactory,
)

MM_PER_PT = 25.4 / 72


@pytest.fixture
def directory(db):
    """The authorities the letters of a Bavarian or Berlin case go to."""
    gsta = AuthorityFactory(
        kind=Authority.Kind.GENERAL_PROSECUTOR,
        name="Generalstaatsanwaltschaft München",
        street="Nymphenburger Straße 16",
        postcode="80335",
        city="München",
        state="BY",
        jurisdiction_state="BY",
    )
    return {
        "bfdi": AuthorityFactory(
            kind=Authority.Kind.DATA_PROTECTION,
            name="Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
            short_name="BfDI",
            street="Graurheindorfer Straße 153",
            postcode="53117",
            city="Bonn",
            state="NW",
            is_federal=True,
        ),
        "baylfd": AuthorityFactory(
            kind=Authority.Kind.DATA_PROTECTION,
            name="Der Bayerische Landesbeauftragte für den Datenschutz",
            street="Wagmüllerstraße 18",
            postcode="80538",
            city="München",
            state="BY",
            jurisdiction_state="BY",
        ),
        "baylda": AuthorityFactory(
            kind=Authority.Kind.DATA_PROTECTION,
            name="Bayerisches Landesamt für Datenschutzaufsicht",
            street="Promenade 18",
            postcode="91522",
            city="Ansbach",
            state="BY",
            jurisdiction_state="BY",
        ),
        # Miesbach (09182) lies in the district of the Landgericht München II.
        "sta_muenchen": AuthorityFactory(
            kind=Authority.Kind.PROSECUTOR,
            name="Staatsanwaltschaft München II",
            street="Arnulfstraße 16-18",
            postcode="80335",
            city="München",
            state="BY",
            jurisdiction_state="BY",
            district_keys="09173 09174 09175 09179 09180 09182 09188 09190",
            superior=gsta,
        ),
        "sta_muenchen_1": AuthorityFactory(
            kind=Authority.Kind.PROSECUTOR,
            name="Staatsanwaltschaft München I",
            street="Linprunstraße 25",
            postcode="80335",
            city="München",
            state="BY",
            jurisdiction_state="BY",
            district_keys="09162 09184",
            superior=gsta,
        ),
        "gsta_muenchen": gsta,
        # The Sozialgericht München serves Oberbayern (Art. 1 Abs. 1 Nr. 1 AGSGG).
        "sg_muenchen": AuthorityFactory(
            kind=Authority.Kind.SOCIAL_COURT,
            name="Sozialgericht München",
            street="Richelstraße 11",
            postcode="80634",
            city="München",
            state="BY",
            jurisdiction_state="BY",
            district_keys="09162 09182 09184",
        ),
        "bundestag": AuthorityFactory(
            kind=Authority.Kind.PETITIONS,
            name="Deutscher Bundestag, Petitionsausschuss",
            street="Platz der Republik 1",
            postcode="11011",
            city="Berlin",
            state="BE",
            is_federal=True,
        ),
        "landtag_by": AuthorityFactory(
            kind=Authority.Kind.PETITIONS,
            name="Bayerischer Landtag, Ausschuss für Eingaben und Beschwerden",
            street="Maximilianeum",
            postcode="81627",
            city="München",
            state="BY",
            jurisdiction_state="BY",
        ),
    }


@pytest.fixture
def zkt_bavaria(db):
    return JobcenterFactory(
        name="Jobcenter Landkreis Miesbach",
        kind=Jobcenter.Kind.ZKT,
        # In Bavaria the Landkreis is the party before the court.
        court_party="Landkreis Miesbach\nRosenheimer Straße 3\n83714 Miesbach",
        district_key="09182",
        street="Rosenheimer Straße 3",
        postcode="83714",
        city="Miesbach",
        state="BY",
    )


@pytest.fixture
def ge_bavaria(db):
    return JobcenterFactory(
        name="Jobcenter München",
        kind=Jobcenter.Kind.GE,
        district_key="09162",
        street="Kapuzinerstraße 26",
        postcode="80337",
        city="München",
        state="BY",
    )


@pytest.fixture
def case(team, zkt_bavaria, directory):
    """A case of ``team``: Facebook research, a sanction and a screenshot."""
    person = PersonFactory(
        name="Erika Mustermann",
        street="Beispielweg 5",
        postcode="83734",
        city="Hausham",
        customer_number="835D123456",
        phone="08025 1234",
    )
    case = CaseFactory(reference="2026-0042", team=team, person=person, jobcenter=zkt_bavaria)
    incident = IncidentFactory(case=case, staff_member="Frau K.")
    DecisionFactory(
        case=case, dated_on=dt.date(2025, 2, 28), reference="835-AZ-77", received_on=None
    )
    Evidence.objects.create(
        case=case,
        incident=incident,
        title="Bildschirmfoto der Freundschaftsanfrage",
        original="evidence/original/x.png",
        original_name="anfrage.png",
        sha256="0" * 64,
        content_type="image/png",
        size=10,
    )
    return case


@pytest.fixture
def other_case(other_team, zkt_bavaria, directory):
    return CaseFactory(reference="2026-0099", team=other_team, jobcenter=zkt_bavaria)


def pdf_words(pdf: bytes) -> list[list[dict]]:
    """The words of each page with positions in millimetres."""
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            words = page.extract_words(keep_blank_chars=False)
            for word in words:
                for key in ("x0", "x1", "top", "bottom"):
                    word[f"{key}_mm"] = word[key] * MM_PER_PT
            pages.append(words)
    return pages


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def address_window_text(pdf: bytes) -> str:
    """The text inside the window of a DIN long envelope on page 1
    (20–105 mm from the left, 45–90 mm from the top)."""
    words = [
        w
        for w in pdf_words(pdf)[0]
        if w["x0_mm"] >= 20 and w["x1_mm"] <= 105 and w["top_mm"] >= 45 and w["bottom_mm"] <= 90
    ]
    words.sort(key=lambda w: (round(w["top"]), w["x0"]))
    return " ".join(w["text"] for w in words)


FILLED_IN = "Das habe ich selbst erlebt und schildere es hier in eigenen Worten."


def complete(letter, by):
    """The draft with every "[… ergänzen]" written out, as a caseworker would."""
    from letters.kinds import PLACEHOLDER
    from letters.services import letter_update

    letter.refresh_from_db()
    return letter_update(
        letter=letter, by=by, subject=letter.subject, body=PLACEHOLDER.sub(FILLED_IN, letter.body)
    )


def finalized(letter, by):
    from letters.services import letter_finalize

    return letter_finalize(letter=complete(letter, by), by=by)


@pytest.fixture
def organisation(db, caseworker):
    """The group's profile; the caseworker may sign for it."""
    from cases.models import OrganisationProfile

    profile = OrganisationProfile.objects.create(
        id=1,
        name="Erwerbslosen-Forum Datenschutz e. V.",
        street="Vereinsweg 1",
        postcode="80331",
        city="München",
        phone="089 123456",
        fax="089 123457",
        email="post@example.org",
    )
    profile.signatories.add(caseworker)
    return profile
