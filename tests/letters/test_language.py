"""German grammar of the letters (pure)."""

from __future__ import annotations

import pytest

from letters.language import jobcenter_phrase, tidy


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [
        ("Jobcenter Köln", "gen", "des Jobcenters Köln"),
        ("Jobcenter Köln", "acc", "das Jobcenter Köln"),
        ("Jobcenter Köln", "dat", "dem Jobcenter Köln"),
        ("Jobcenter Landkreis Miesbach", "gen", "des Jobcenters Landkreis Miesbach"),
        ("Kommunales Jobcenter Hamm", "gen", "des Kommunalen Jobcenters Hamm"),
        ("Kommunales Jobcenter Hamm", "nom", "das Kommunale Jobcenter Hamm"),
        ("Kommunales Jobcenter Hamm", "dat", "dem Kommunalen Jobcenter Hamm"),
        ("Pro Arbeit – Kreis Offenbach", "gen", "des Jobcenters „Pro Arbeit – Kreis Offenbach“"),
        ("Jobcenter team.arbeit.hamburg", "gen", "des Jobcenters team.arbeit.hamburg"),
    ],
)
def test_jobcenter_names_are_declined(name, case, expected):
    assert jobcenter_phrase(name, case) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Daten wurden erhoben..", "Die Daten wurden erhoben."),
        ("Die Daten wurden erhoben. .", "Die Daten wurden erhoben."),
        ("Er schwieg …", "Er schwieg …"),
        ("und so weiter...", "und so weiter..."),
        ("i. V. m. § 42 BDSG .", "i. V. m. § 42 BDSG."),
    ],
)
def test_tidy_removes_doubled_full_stops(text, expected):
    assert tidy(text) == expected
