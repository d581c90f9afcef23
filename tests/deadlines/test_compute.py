"""The legal table: real dates, each expected date reasoned by hand.

Every row names the norm it checks. Calendar facts used: 1 Jan 2025 was a
Wednesday, 1 Jan 2026 a Thursday, 1 Jan 2028 a Saturday.
"""

from __future__ import annotations

from datetime import date as d

import pytest

from cases.deadlines.compute import (
    KIND_EARLIEST,
    RULES,
    UnknownRule,
    add_months,
    compute,
    fmt,
)

ROWS = [
    # --- § 37 Abs. 2 SGB X: notification of a posted decision --------------
    (
        "§37 SGB X: posted Mon 03.03.2025, 4th day Fri",
        "notification",
        d(2025, 3, 3),
        {},
        d(2025, 3, 7),
    ),
    (
        "§37 SGB X a.F.: posted 30.12.2024, 3rd day Thu 02.01.2025",
        "notification",
        d(2024, 12, 30),
        {},
        d(2025, 1, 2),
    ),
    (
        "§37 SGB X a.F.: posted Tue 31.12.2024, 3rd day Fri 03.01.2025",
        "notification",
        d(2024, 12, 31),
        {},
        d(2025, 1, 3),
    ),
    (
        "§37 SGB X: posted Thu 02.01.2025, 4th day Mon 06.01.2025",
        "notification",
        d(2025, 1, 2),
        {},
        d(2025, 1, 6),
    ),
    (
        "§37 SGB X: fiction on Saturday is not moved",
        "notification",
        d(2025, 3, 4),
        {"region": "BE"},
        d(2025, 3, 8),
    ),
    (
        "§37 SGB X: fiction on Zweiter Weihnachtstag is not moved",
        "notification",
        d(2025, 12, 22),
        {"region": "NW"},
        d(2025, 12, 26),
    ),
    (
        "§37 Abs. 2 Satz 3 SGB X: later actual receipt wins",
        "notification",
        d(2025, 3, 3),
        {"received_on": d(2025, 3, 10)},
        d(2025, 3, 10),
    ),
    (
        "§37 SGB X: earlier receipt does not shorten",
        "notification",
        d(2025, 3, 3),
        {"received_on": d(2025, 3, 5)},
        d(2025, 3, 7),
    ),
    # --- § 84 SGG with § 64 SGG ---------------------------------------------
    (
        "§84 SGG: worked example notified Fri 07.03.2025 → Mon 07.04.2025",
        "objection",
        d(2025, 3, 7),
        {"region": "BE"},
        d(2025, 4, 7),
    ),
    (
        "§64 Abs. 2 SGG: notified 31.01.2025 → month end Fri 28.02.2025",
        "objection",
        d(2025, 1, 31),
        {"region": "BE"},
        d(2025, 2, 28),
    ),
    (
        "§64 Abs. 2 SGG: leap year 31.01.2028 → Tue 29.02.2028",
        "objection",
        d(2028, 1, 31),
        {"region": "BE"},
        d(2028, 2, 29),
    ),
    (
        "§64 Abs. 3 SGG: ends Sat 05.04.2025 → Mon 07.04.2025",
        "objection",
        d(2025, 3, 5),
        {"region": "HH"},
        d(2025, 4, 7),
    ),
    (
        "§64 Abs. 3 SGG: ends Sun 06.04.2025 → Mon 07.04.2025",
        "objection",
        d(2025, 3, 6),
        {"region": "HH"},
        d(2025, 4, 7),
    ),
    (
        "§64 Abs. 3 SGG: Fronleichnam 19.06.2025 in BY → Fri",
        "objection",
        d(2025, 5, 19),
        {"region": "BY"},
        d(2025, 6, 20),
    ),
    (
        "§64 Abs. 3 SGG: Fronleichnam is no holiday in BE",
        "objection",
        d(2025, 5, 19),
        {"region": "BE"},
        d(2025, 6, 19),
    ),
    (
        "§64 Abs. 3 SGG: Fronleichnam in catholic SN municipality",
        "objection",
        d(2025, 5, 19),
        {"region": "SN", "observes_catholic_holidays": True},
        d(2025, 6, 20),
    ),
    (
        "§64 Abs. 3 SGG: Fronleichnam not in SN without catholic flag",
        "objection",
        d(2025, 5, 19),
        {"region": "SN"},
        d(2025, 6, 19),
    ),
    (
        "§64 Abs. 3 SGG: Mariä Himmelfahrt in catholic BY seat → Mon 18.08.2025",
        "objection",
        d(2025, 7, 15),
        {"region": "BY", "observes_catholic_holidays": True},
        d(2025, 8, 18),
    ),
    (
        "§64 Abs. 3 SGG: Mariä Himmelfahrt not kept without catholic flag in BY",
        "objection",
        d(2025, 7, 15),
        {"region": "BY"},
        d(2025, 8, 15),
    ),
    (
        "§64 Abs. 3 SGG: Augsburger Friedensfest 08.08.2025 → Mon 11.08.2025",
        "objection",
        d(2025, 7, 8),
        {"region": "Augsburg"},
        d(2025, 8, 11),
    ),
    (
        "§64 Abs. 3 SGG: Friedensfest is no holiday elsewhere in BY",
        "objection",
        d(2025, 7, 8),
        {"region": "BY"},
        d(2025, 8, 8),
    ),
    (
        "§64 Abs. 3 SGG: Frauentag Fri 08.03.2024 in BE → Mon 11.03.2024",
        "objection",
        d(2024, 2, 8),
        {"region": "BE"},
        d(2024, 3, 11),
    ),
    (
        "§64 Abs. 3 SGG: Frauentag is no holiday in BB",
        "objection",
        d(2024, 2, 8),
        {"region": "BB"},
        d(2024, 3, 8),
    ),
    (
        "§64 Abs. 3 SGG: Weltkindertag Fri 20.09.2024 in TH → Mon 23.09.2024",
        "objection",
        d(2024, 8, 20),
        {"region": "TH"},
        d(2024, 9, 23),
    ),
    (
        "§64 Abs. 3 SGG: Weltkindertag is no holiday in SN",
        "objection",
        d(2024, 8, 20),
        {"region": "SN"},
        d(2024, 9, 20),
    ),
    (
        "§84 Abs. 1 Satz 2 SGG: abroad 3 months, Reformationstag SN → Mon 03.11.2025",
        "objection",
        d(2025, 7, 31),
        {"region": "SN", "abroad": True},
        d(2025, 11, 3),
    ),
    (
        "§84 Abs. 1 Satz 2 SGG: abroad, 31.10.2025 is a working day in BE",
        "objection",
        d(2025, 7, 31),
        {"region": "BE", "abroad": True},
        d(2025, 10, 31),
    ),
    (
        "§84 Abs. 1 Satz 2 SGG: abroad, Sat/Sun/Pfingstmontag → Tue 10.06.2025",
        "objection",
        d(2025, 3, 7),
        {"region": "BE", "abroad": True},
        d(2025, 6, 10),
    ),
    # --- § 66 Abs. 2 SGG ----------------------------------------------------
    (
        "§66 Abs. 2 SGG: no Rechtsbehelfsbelehrung, 1 year, Sat 07.03.2026 → Mon",
        "objection",
        d(2025, 3, 7),
        {"region": "NW", "has_correct_legal_remedy_notice": False},
        d(2026, 3, 9),
    ),
    (
        "§66 Abs. 2 SGG: 29.02.2028 + 1 year → Wed 28.02.2029",
        "remedy_without_notice",
        d(2028, 2, 29),
        {"region": "NW"},
        d(2029, 2, 28),
    ),
    # --- § 87 SGG -----------------------------------------------------------
    (
        "§87 SGG: Widerspruchsbescheid 17.03.2025 → Thu 17.04.2025",
        "action",
        d(2025, 3, 17),
        {"region": "NW"},
        d(2025, 4, 17),
    ),
    (
        "§87 SGG + §64 Abs. 3: Karfreitag to Ostermontag → Tue 22.04.2025",
        "action",
        d(2025, 3, 18),
        {"region": "NW"},
        d(2025, 4, 22),
    ),
    (
        "§87 Abs. 1 Satz 2 SGG: abroad 31.01.2025 → 30.04.2025",
        "action",
        d(2025, 1, 31),
        {"region": "NW", "abroad": True},
        d(2025, 4, 30),
    ),
    # --- § 151 SGG ----------------------------------------------------------
    (
        "§151 SGG: served Wed 30.04.2025 → Fri 30.05.2025",
        "appeal",
        d(2025, 4, 30),
        {"region": "HE"},
        d(2025, 5, 30),
    ),
    (
        "§151 SGG + §64 Abs. 3: Christi Himmelfahrt → Fri 30.05.2025",
        "appeal",
        d(2025, 4, 29),
        {"region": "HE"},
        d(2025, 5, 30),
    ),
    (
        "§151 SGG + §64 Abs. 3: Erster Mai → Fri 02.05.2025",
        "appeal",
        d(2025, 4, 1),
        {"region": "HE"},
        d(2025, 5, 2),
    ),
    # --- § 88 SGG -----------------------------------------------------------
    (
        "§88 Abs. 2 SGG: Widerspruch 15.01.2025 → possible from 16.04.2025",
        "inaction_action",
        d(2025, 1, 15),
        {},
        d(2025, 4, 16),
    ),
    (
        "§88 Abs. 1 SGG: application 31.08.2025, 6 months → from Sun 01.03.2026, not moved",
        "inaction_action",
        d(2025, 8, 31),
        {"after": "application", "region": "BE"},
        d(2026, 3, 1),
    ),
    # --- § 67 SGG -----------------------------------------------------------
    (
        "§67 Abs. 2 SGG: obstacle ended 06.10.2025 → Thu 06.11.2025",
        "reinstatement",
        d(2025, 10, 6),
        {"region": "NW"},
        d(2025, 11, 6),
    ),
    (
        "§67 Abs. 2 SGG: ends Sat 01.11.2025 (Allerheiligen) → Mon 03.11.2025",
        "reinstatement",
        d(2025, 10, 1),
        {"region": "NW"},
        d(2025, 11, 3),
    ),
    # --- § 77b StGB with §§ 187, 188, 193 BGB -------------------------------
    (
        "§77b StGB: knowledge 10.03.2025 → Tue 10.06.2025",
        "criminal_complaint",
        d(2025, 3, 10),
        {"learned_of_act_on": d(2025, 3, 10), "learned_of_offender_on": d(2025, 3, 10)},
        d(2025, 6, 10),
    ),
    (
        "§77b Abs. 2 StGB: the later knowledge (offender 02.04.2025) counts",
        "criminal_complaint",
        d(2025, 3, 10),
        {"learned_of_act_on": d(2025, 3, 10), "learned_of_offender_on": d(2025, 4, 2)},
        d(2025, 7, 2),
    ),
    (
        "§188 Abs. 3 + §193 BGB: 30.11.2025 → Sat 28.02.2026 → Mon 02.03.2026",
        "criminal_complaint",
        d(2025, 11, 30),
        {"region": "BE"},
        d(2026, 3, 2),
    ),
    (
        "§188 Abs. 3 BGB: 30.11.2027 → leap day Tue 29.02.2028",
        "criminal_complaint",
        d(2027, 11, 30),
        {"region": "BE"},
        d(2028, 2, 29),
    ),
    (
        "§193 BGB: Tag der Deutschen Einheit 03.10.2025 → Mon 06.10.2025",
        "criminal_complaint",
        d(2025, 7, 3),
        {},
        d(2025, 10, 6),
    ),
    # --- § 172 StPO with § 43 StPO -------------------------------------------
    (
        "§172 Abs. 1 StPO: 2 weeks, Buß- und Bettag SN → Thu 20.11.2025",
        "prosecution_complaint",
        d(2025, 11, 5),
        {"region": "SN"},
        d(2025, 11, 20),
    ),
    (
        "§172 Abs. 1 StPO: Buß- und Bettag is no holiday in BE",
        "prosecution_complaint",
        d(2025, 11, 5),
        {"region": "BE"},
        d(2025, 11, 19),
    ),
    (
        "§43 Abs. 2 StPO: Zweiter Weihnachtstag + weekend → Mon 29.12.2025",
        "prosecution_complaint",
        d(2025, 12, 12),
        {"region": "BE"},
        d(2025, 12, 29),
    ),
    (
        "§172 Abs. 2 StPO: 1 month, 24.11.2025 → Wed 24.12.2025",
        "compulsory_prosecution",
        d(2025, 11, 24),
        {"region": "BE"},
        d(2025, 12, 24),
    ),
    # --- Art. 12 Abs. 3 DSGVO ------------------------------------------------
    (
        "Art. 12(3) DSGVO: received 03.03.2025 → Thu 03.04.2025",
        "gdpr_access_answer",
        d(2025, 3, 3),
        {"region": "BE"},
        d(2025, 4, 3),
    ),
    (
        "Art. 12(3) DSGVO: 3 days' post, ends Sun 06.04.2025 → Mon 07.04.2025",
        "gdpr_access_answer",
        d(2025, 3, 3),
        {"region": "BE", "transit_days": 3},
        d(2025, 4, 7),
    ),
    (
        "Art. 12(3) Satz 2 DSGVO: extended by 2 months, 31.01.2025 → 30.04.2025",
        "gdpr_access_answer",
        d(2025, 1, 31),
        {"region": "BE", "extended": True},
        d(2025, 4, 30),
    ),
    # --- Art. 78 Abs. 2 DSGVO -------------------------------------------------
    (
        "Art. 78(2) DSGVO: complaint 15.01.2025 → action possible from 16.04.2025",
        "dpa_inaction",
        d(2025, 1, 15),
        {},
        d(2025, 4, 16),
    ),
    (
        "Art. 78(2) DSGVO: 30.11.2025 → month end 28.02.2026 → from 01.03.2026",
        "dpa_inaction",
        d(2025, 11, 30),
        {},
        d(2026, 3, 1),
    ),
    # --- follow-up after a Strafantrag --------------------------------------
    (
        "Wiedervorlage §158 StPO: Strafantrag sent 03.03.2025 → Thu 03.04.2025",
        "complaint_follow_up",
        d(2025, 3, 3),
        {},
        d(2025, 4, 3),
    ),
]


@pytest.mark.parametrize(
    ("rule", "trigger_on", "context", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_it_computes_the_legal_date(rule, trigger_on, context, expected):
    result = compute(rule, trigger_on, **context)
    assert result.due_on == expected, "\n".join(result.steps)


def test_the_table_has_at_least_forty_real_dates():
    from tests.deadlines.test_compute_new_rules import NEW_ROWS
    from tests.deadlines.test_follow_up_rules import FOLLOW_UP_ROWS

    assert len(ROWS) >= 40
    assert {row[1] for row in ROWS + NEW_ROWS + FOLLOW_UP_ROWS} == set(RULES)


def test_worked_example_posted_to_objection_deadline_with_explanation():
    notified = compute("notification", d(2025, 3, 3))
    assert notified.due_on == d(2025, 3, 7)
    assert (
        "Bekanntgabe am 4. Tag nach Aufgabe zur Post (§ 37 Abs. 2 Satz 1 SGB X): Fr 07.03.2025"
        in notified.steps
    )
    objection = compute("objection", notified.due_on, region="BE")
    assert objection.due_on == d(2025, 4, 7)
    assert any("(§ 84 Abs. 1 Satz 1 SGG)" in step for step in objection.steps)
    assert any("(§ 64 Abs. 2 SGG): Mo 07.04.2025" in step for step in objection.steps)


def test_saturday_end_is_explained_with_section_64_sgg():
    result = compute("objection", d(2025, 3, 5), region="HH")
    assert result.steps[-1] == (
        "Fristende fällt auf Samstag → nächster Werktag (§ 64 Abs. 3 SGG): Mo 07.04.2025"
    )


def test_holiday_end_names_the_holiday_and_region():
    result = compute("objection", d(2025, 5, 19), region="BY")
    assert "Fronleichnam" in result.steps[-1]
    assert "BY" in result.steps[-1]
    assert result.steps[-1].endswith("(§ 64 Abs. 3 SGG): Fr 20.06.2025")


def test_month_end_cut_cites_section_64_paragraph_2():
    result = compute("objection", d(2025, 1, 31), region="BE")
    assert any("letzte Tag des Monats (§ 64 Abs. 2 SGG): Fr 28.02.2025" in s for s in result.steps)


def test_2024_notification_cites_the_old_version():
    result = compute("notification", d(2024, 12, 30))
    assert any("3. Tag" in s and "bis 31.12.2024 geltenden Fassung" in s for s in result.steps)


def test_weekend_fiction_says_it_is_not_moved():
    result = compute("notification", d(2025, 3, 4))
    assert any("nicht auf den nächsten Werktag verschoben" in s for s in result.steps)


def test_missing_legal_remedy_notice_cites_section_66():
    result = compute("objection", d(2025, 3, 7), has_correct_legal_remedy_notice=False)
    assert any("§ 66 Abs. 2 Satz 1 SGG" in s for s in result.steps)


def test_criminal_complaint_rolls_off_saturday_under_77b_abs_1_satz_2_stgb():
    """Issue 18: the roll-off is § 77b Abs. 1 Satz 2 StGB, not § 193 BGB."""
    result = compute("criminal_complaint", d(2025, 11, 30), region="BE")
    text = "\n".join(result.steps)
    assert "§ 77b Abs. 2 Satz 1 StGB" in text
    assert "§ 188 Abs. 2, 3 BGB" in text
    assert "(§ 77b Abs. 1 Satz 2 StGB): Mo 02.03.2026" in text
    assert "§ 193 BGB" not in text


def test_possible_from_dates_are_marked_as_earliest():
    assert compute("inaction_action", d(2025, 1, 15)).kind == KIND_EARLIEST
    assert compute("dpa_inaction", d(2025, 1, 15)).kind == KIND_EARLIEST


def test_gdpr_transit_days_are_explained():
    result = compute("gdpr_access_answer", d(2025, 3, 3), transit_days=3)
    assert any("Postlaufzeit" in s for s in result.steps)
    assert any("Art. 12 Abs. 3 Satz 1 DSGVO" in s for s in result.steps)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_step_of_every_rule_ends_in_a_date_or_cites_a_norm(rule):
    result = compute(rule, d(2025, 3, 3), region="BE")
    assert result.steps
    for step in result.steps:
        assert "§" in step or "Art." in step or step.endswith(fmt_tail(step)), step


def fmt_tail(step: str) -> str:
    """Lines without a norm are plain facts ending in the date they state."""
    return step[-13:] if step[-13:-11] in {"Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"} else "∅"


def test_unknown_rule_is_refused():
    with pytest.raises(UnknownRule):
        compute("no_such_rule", d(2025, 1, 1))


def test_add_months_keeps_the_day_or_cuts_to_month_end():
    assert add_months(d(2025, 1, 31), 1) == (d(2025, 2, 28), True)
    assert add_months(d(2025, 3, 7), 1) == (d(2025, 4, 7), False)
    assert add_months(d(2025, 11, 30), 3) == (d(2026, 2, 28), True)
    assert fmt(d(2025, 3, 7)) == "Fr 07.03.2025"


@pytest.mark.parametrize(
    ("notice", "due_on", "says"),
    [
        # § 66 Abs. 1 SGG: checked and correct, the month of § 84 Abs. 1 Satz 1 SGG.
        (True, d(2025, 4, 7), "§ 84 Abs. 1 Satz 1 SGG"),
        # § 66 Abs. 2 Satz 1 SGG: missing or wrong, one year (07.03.2026 is a Saturday).
        (False, d(2026, 3, 9), "Frist 1 Jahr"),
        # Not checked yet: the short period as a precaution, and the explanation says so.
        (None, d(2025, 4, 7), "noch nicht geprüft"),
    ],
    ids=["correct", "missing", "unknown"],
)
def test_legal_remedy_notice_in_three_states_section_66_sgg(notice, due_on, says):
    result = compute(
        "objection", d(2025, 3, 7), region="BE", has_correct_legal_remedy_notice=notice
    )
    assert result.due_on == due_on
    text = "\n".join(result.steps)
    assert says in text
    if notice is None:
        # Never silently "correct": the step names the one-year rule it might be.
        assert "§ 66 Abs. 2 Satz 1 SGG" in text
        assert "§ 84 Abs. 1 Satz 1 SGG" in text
