"""The BfDI (2013) criteria for Jobcenter research, as hints on an incident (pure)."""

from __future__ import annotations

import pytest

from cases.criteria import BREACH, UNCLEAR, criteria_hints


def levels(kind, asked=None, informed=None, suspicion=None):
    return [
        hint.level
        for hint in criteria_hints(
            kind=kind,
            was_asked_first=asked,
            was_informed_afterwards=informed,
            was_fraud_suspicion_stated=suspicion,
        )
    ]


@pytest.mark.parametrize(
    ("kind", "asked", "informed", "suspicion", "expected", "rule"),
    [
        ("fake_profile", True, True, True, [BREACH], "BfDI: Login/Fake-Profil nie zulässig"),
        ("fake_profile", None, None, None, [BREACH], "BfDI: Login/Fake-Profil nie zulässig"),
        ("profile_research", None, None, False, [BREACH], "BfDI: nur bei Betrugsverdacht"),
        ("profile_research", None, None, True, [], "BfDI: absoluter Ausnahmefall"),
        ("profile_research", None, None, None, [UNCLEAR], "BfDI: Verdacht offen"),
        ("search_engine", False, True, None, [BREACH], "BfDI: erst fragen"),
        ("search_engine", True, False, None, [BREACH], "BfDI: nachträglich informieren"),
        ("search_engine", False, False, None, [BREACH, BREACH], "BfDI: beides verletzt"),
        ("search_engine", True, True, None, [], "BfDI: beides erfüllt"),
        ("search_engine", None, True, None, [UNCLEAR], "BfDI: Frage offen"),
        ("third_party", False, None, None, [BREACH], "§ 67a Abs. 2 SGB X: Ersterhebung"),
        ("third_party", True, None, None, [], "§ 67a Abs. 2 SGB X: gefragt"),
        ("data_passed_on", False, False, False, [], "kein BfDI-Kriterium"),
        ("other", None, None, None, [], "kein BfDI-Kriterium"),
    ],
)
def test_it_names_the_breached_bfdi_criteria(kind, asked, informed, suspicion, expected, rule):
    assert levels(kind, asked, informed, suspicion) == expected, rule


def test_hint_text_cites_the_source():
    (hint,) = criteria_hints(
        kind="fake_profile",
        was_asked_first=None,
        was_informed_afterwards=None,
        was_fraud_suspicion_stated=None,
    )
    assert hint.is_breach
    assert "BfDI 2013" in hint.text
