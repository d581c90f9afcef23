"""The shipped directory data is consistent: every district key is a real
Kreis of the authority's Land, every court and prosecutor that serves
districts names its source and the day it was checked, and in each Land
every Kreis has exactly one Sozialgericht (§ 57 Abs. 1 SGG: the court of
the claimant's residence) where the Land's courts are shipped."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command

from cases.directory import known_districts, read_shipped
from cases.models import Authority, Jobcenter
from cases.routing import STATE_BY_AGS_PREFIX, district_key_problem, parse_district_keys

AUTHORITIES = read_shipped("authorities.csv")
JOBCENTERS = read_shipped("jobcenters.csv")
KREISE = read_shipped("kreise.csv")
ROUTED = ("sg", "sta")
TODAY = dt.datetime.now(dt.UTC).date()

# Länder whose Sozialgerichte are all shipped, and the Kreise deliberately
# left without one because the statute splits them between two courts.
COMPLETE_SOCIAL_COURTS = {
    "BE": set(),
    "BB": set(),
    "BW": set(),
    "BY": set(),
    "HB": set(),
    "HE": set(),
    "HH": set(),
    "NI": set(),
    "NW": set(),
    "SH": set(),
    "SL": set(),
    "SN": set(),
    "ST": set(),
    "TH": set(),
    # § 9 Abs. 2 GerOrgG RP: the Rhein-Hunsrück-Kreis is split between the
    # Sozialgerichte Koblenz and Mainz by Verbandsgemeinde.
    "RP": {"07140"},
}


# Länder whose Staatsanwaltschaften are all shipped (§ 143 Abs. 1 GVG: the
# Landgericht's district).
COMPLETE_PROSECUTORS = ("BB", "BE", "HB", "HH", "SL")


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_the_kreis_list_has_the_400_kreise_with_valid_keys_and_a_source():
    keys = [row["key"] for row in KREISE]
    assert len(keys) == len(set(keys)) == 400
    for row in KREISE:
        assert district_key_problem(row["key"]) == "", row
        assert row["name"].strip() and row["source"].strip(), row
        assert _date(row["checked_on"]) <= TODAY
    assert set(STATE_BY_AGS_PREFIX) == {key[:2] for key in keys}


@pytest.mark.parametrize("row", [r for r in AUTHORITIES if r["kind"] in (*ROUTED, "gsta")])
def test_every_shipped_court_and_prosecutor_names_its_source_and_check_day(row):
    assert row["source"].strip(), row["name"]
    assert _date(row["checked_on"]) <= TODAY, row["name"]


def test_every_shipped_generalstaatsanwaltschaft_above_a_routed_prosecutor_is_sourced():
    # § 172 Abs. 1 StPO: the Beschwerde goes to the one above the prosecutor.
    by_name = {row["name"]: row for row in AUTHORITIES}
    for row in AUTHORITIES:
        if row["kind"] == "sta" and row["district_keys"] and row["superior"]:
            above = by_name[row["superior"]]
            assert (
                above["kind"] == "gsta" and above["jurisdiction_state"] == row["jurisdiction_state"]
            )
            assert above["source"].strip() and above["checked_on"], above["name"]


def test_every_shipped_district_key_is_a_kreis_of_the_authoritys_land():
    kreise = known_districts()
    for row in AUTHORITIES:
        for key in parse_district_keys(row["district_keys"]):
            assert key in kreise, (row["name"], key)
            assert district_key_problem(key, state=row["jurisdiction_state"]) == "", row["name"]
    for row in JOBCENTERS:
        if row["district_key"]:
            assert row["district_key"] in kreise, row["name"]
            assert district_key_problem(row["district_key"], state=row["Bundesland"]) == ""


def _served(kind: str) -> dict[str, list[str]]:
    served: dict[str, list[str]] = defaultdict(list)
    for row in AUTHORITIES:
        if row["kind"] == kind:
            for key in parse_district_keys(row["district_keys"]):
                served[key].append(row["name"])
    return served


@pytest.mark.parametrize("kind", ROUTED)
def test_no_kreis_is_claimed_by_two_shipped_courts_or_prosecutors(kind):
    doubles = {key: names for key, names in _served(kind).items() if len(names) > 1}
    assert doubles == {}


@pytest.mark.parametrize("state", sorted(COMPLETE_SOCIAL_COURTS))
def test_every_kreis_of_a_shipped_land_has_exactly_one_sozialgericht(state):
    served = _served("sg")
    kreise = [key for key in known_districts() if STATE_BY_AGS_PREFIX[key[:2]] == state]
    without = {key for key in kreise if not served.get(key)}
    assert without == COMPLETE_SOCIAL_COURTS[state]
    assert all(len(served[key]) == 1 for key in kreise if key not in without)


@pytest.mark.parametrize("state", COMPLETE_PROSECUTORS)
def test_every_kreis_of_a_land_with_shipped_prosecutors_has_exactly_one(state):
    served = _served("sta")
    kreise = [key for key in known_districts() if STATE_BY_AGS_PREFIX[key[:2]] == state]
    assert all(len(served.get(key, [])) == 1 for key in kreise), state


@pytest.mark.parametrize(
    ("court", "prefix"),
    [
        # Art. 1 Abs. 1 AGSGG: one Sozialgericht per Regierungsbezirk, whose
        # number is the third digit of the key; each serves all its Kreise.
        ("Sozialgericht München", "091"),
        ("Sozialgericht Landshut", "092"),
        ("Sozialgericht Regensburg", "093"),
        ("Sozialgericht Bayreuth", "094"),
        ("Sozialgericht Nürnberg", "095"),
        ("Sozialgericht Würzburg", "096"),
        ("Sozialgericht Augsburg", "097"),
    ],
)
def test_a_bavarian_sozialgericht_serves_every_kreis_of_its_regierungsbezirk(court, prefix):
    row = next(r for r in AUTHORITIES if r["kind"] == "sg" and r["name"] == court)
    assert set(parse_district_keys(row["district_keys"])) == {
        key for key in known_districts() if key.startswith(prefix)
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("jobcenter", "court", "prosecutor", "general_prosecutor"),
    [
        # Land Bremen: one Sozialgericht, one Staatsanwaltschaft.
        (
            "Jobcenter Bremen",
            "Sozialgericht Bremen",
            "Staatsanwaltschaft Bremen",
            "Generalstaatsanwaltschaft Bremen",
        ),
        # § 4 Abs. 2 HessAGSGG; the StA at the Landgericht Frankfurt.
        (
            "Jobcenter Frankfurt am Main",
            "Sozialgericht Frankfurt am Main",
            "Staatsanwaltschaft Frankfurt am Main",
            "Generalstaatsanwaltschaft Frankfurt am Main",
        ),
        # § 4 Abs. 1 HessAGSGG: Landkreis Offenbach belongs to Darmstadt.
        (
            "Jobcenter Kreis Offenbach (Pro Arbeit)",
            "Sozialgericht Darmstadt",
            "Staatsanwaltschaft Darmstadt",
            "Generalstaatsanwaltschaft Frankfurt am Main",
        ),
        # Landkreis Görlitz: SG Dresden (existing) and the StA at the
        # Landgericht Görlitz.
        (
            "Jobcenter Landkreis Görlitz",
            "Sozialgericht Dresden",
            "Staatsanwaltschaft Görlitz",
            "Generalstaatsanwaltschaft Dresden",
        ),
        # § 1 Abs. 2 Nr. 1 ThürAGSGG: Jena belongs to Altenburg.
        ("Jobcenter Jena (jenarbeit)", "Sozialgericht Altenburg", None, None),
        # § 82 Abs. 2 Nr. 7 NJG: the Emsland belongs to Osnabrück.
        ("Jobcenter Landkreis Emsland", "Sozialgericht Osnabrück", None, None),
        # § 20 Abs. 2 Nr. 7 JustG NRW; Landgerichtsbezirk Köln.
        (
            "Jobcenter Köln",
            "Sozialgericht Köln",
            "Staatsanwaltschaft Köln",
            "Generalstaatsanwaltschaft Köln",
        ),
        # Amtsgericht Leipzig (Stadt Leipzig) im Landgerichtsbezirk Leipzig.
        (
            "Jobcenter Leipzig",
            "Sozialgericht Leipzig",
            "Staatsanwaltschaft Leipzig",
            "Generalstaatsanwaltschaft Dresden",
        ),
        # § 1 AGSGG BW: Stuttgart.
        ("Jobcenter Stuttgart", "Sozialgericht Stuttgart", None, None),
    ],
)
def test_the_new_courts_route_by_the_jobcenters_district(
    jobcenter, court, prosecutor, general_prosecutor
):
    from cases.authorities import general_prosecutor_above, prosecutor_for, social_court_for

    call_command("load_directory", stdout=StringIO())
    found = Jobcenter.objects.get(name=jobcenter)
    assert social_court_for(found).authority.name == court
    sta = prosecutor_for(found)
    if prosecutor is None:
        assert sta.authority is None and found.district_key in sta.missing
        return
    assert sta.authority.name == prosecutor
    assert general_prosecutor_above(sta.authority).authority.name == general_prosecutor


@pytest.mark.django_db
def test_loading_the_directory_stores_every_shipped_court_with_its_districts():
    call_command("load_directory", stdout=StringIO())
    for row in AUTHORITIES:
        if row["kind"] in ROUTED:
            stored = Authority.objects.get(kind=row["kind"], name=row["name"])
            assert stored.served_districts == parse_district_keys(row["district_keys"])
            assert stored.source == row["source"]


@pytest.mark.django_db
def test_a_brandenburg_jobcenter_gets_its_court_prosecutor_and_general_prosecutor():
    # § 1 Abs. 1 Nr. 3 BbgSGG; Landgerichtsbezirk Neuruppin = Oberhavel.
    from cases.authorities import general_prosecutor_above, prosecutor_for, social_court_for
    from tests.factories import JobcenterFactory

    call_command("load_directory", stdout=StringIO())
    oberhavel = JobcenterFactory(name="Jobcenter Oberhavel", state="BB", district_key="12065")
    assert social_court_for(oberhavel).authority.name == "Sozialgericht Neuruppin"
    sta = prosecutor_for(oberhavel).authority
    assert sta.name == "Staatsanwaltschaft Neuruppin"
    above = general_prosecutor_above(sta).authority
    assert above.name == "Generalstaatsanwaltschaft des Landes Brandenburg"
