"""The rules added for issue 18: real dates, each reasoned by hand, each row
naming the norm it checks.

Calendar facts used: Karfreitag 18.04.2025, Ostermontag 21.04.2025,
Pfingstmontag 09.06.2025, Christi Himmelfahrt 14.05.2026; 03.01.2026 and
28.02.2026 are Saturdays, 30.11.2025 and 31.12.2028 Sundays.
"""

from __future__ import annotations

from datetime import date as d

import pytest

from cases.deadlines.compute import KIND_FOLLOW_UP, compute

NEW_ROWS = [
    # --- § 77b Abs. 1 Satz 2 StGB: a Strafantrag period ending on a free day ----
    (
        "§77b Abs. 1 Satz 2 StGB: knew 07.03.2025, Sat 07.06. → Pfingstmontag → Tue 10.06.2025",
        "criminal_complaint",
        d(2025, 3, 7),
        {"region": "BE"},
        d(2025, 6, 10),
    ),
    (
        "§77b Abs. 1 Satz 2 StGB: knew 03.10.2025, Sat 03.01.2026 → Mon 05.01.2026",
        "criminal_complaint",
        d(2025, 10, 3),
        {"region": "BY"},
        d(2026, 1, 5),
    ),
    (
        "§77b Abs. 1 Satz 2 StGB: knew 18.01.2025, Karfreitag → Ostermontag → Tue 22.04.2025",
        "criminal_complaint",
        d(2025, 1, 18),
        {"region": "NW"},
        d(2025, 4, 22),
    ),
    (
        "§77b Abs. 1 Satz 1 StGB: knew 01.09.2025 → Mon 01.12.2025, nothing to move",
        "criminal_complaint",
        d(2025, 9, 1),
        {"region": "NW"},
        d(2025, 12, 1),
    ),
    # --- § 44 Abs. 4 SGB X with § 40 Abs. 1 Satz 2 Nr. 2 SGB II ----------------
    (
        "§44 Abs. 4 SGB X/§40 SGB II: March 2024 reachable until Wed 31.12.2025",
        "review_limit",
        d(2024, 3, 1),
        {},
        d(2025, 12, 31),
    ),
    (
        "§44 Abs. 4 SGB X/§40 SGB II: December 2025 reachable until Thu 31.12.2026",
        "review_limit",
        d(2025, 12, 1),
        {},
        d(2026, 12, 31),
    ),
    (
        "§44 Abs. 4 SGB X/§40 SGB II: any day of January 2026 → Fri 31.12.2027",
        "review_limit",
        d(2026, 1, 15),
        {},
        d(2027, 12, 31),
    ),
    (
        "§44 Abs. 4 Satz 3 SGB X: June 2027 → Sun 31.12.2028, a year limit is not moved",
        "review_limit",
        d(2027, 6, 1),
        {"region": "BE"},
        d(2028, 12, 31),
    ),
    (
        "§44 Abs. 4 SGB X/§40 SGB II: December reminder 2025 → Wed 31.12.2025",
        "review_year_end",
        d(2025, 12, 1),
        {},
        d(2025, 12, 31),
    ),
    (
        "§44 Abs. 4 SGB X/§40 SGB II: December reminder 2026 → Thu 31.12.2026",
        "review_year_end",
        d(2026, 12, 1),
        {},
        d(2026, 12, 31),
    ),
    # --- § 67 Abs. 3 SGG: one year after the missed period ended ----------------
    (
        "§67 Abs. 3 SGG: period ended Mon 07.04.2025 → Tue 07.04.2026",
        "reinstatement_limit",
        d(2025, 4, 7),
        {"region": "BE"},
        d(2026, 4, 7),
    ),
    (
        "§67 Abs. 3 SGG with §64 Abs. 3 SGG: ended 28.02.2025 → Sat 28.02.2026 → Mon 02.03.2026",
        "reinstatement_limit",
        d(2025, 2, 28),
        {"region": "BE"},
        d(2026, 3, 2),
    ),
    (
        "§67 Abs. 3 SGG with §64 Abs. 2 SGG: ended Thu 29.02.2024 → Fri 28.02.2025",
        "reinstatement_limit",
        d(2024, 2, 29),
        {"region": "BE"},
        d(2025, 2, 28),
    ),
    (
        "§67 Abs. 3 SGG: ended 14.05.2025 → Christi Himmelfahrt 14.05.2026 → Fri 15.05.2026",
        "reinstatement_limit",
        d(2025, 5, 14),
        {"region": "HE"},
        d(2026, 5, 15),
    ),
    # --- § 145 SGG: Nichtzulassungsbeschwerde -------------------------------------
    (
        "§145 Abs. 1 Satz 2 SGG: judgment served Tue 11.03.2025 → Fri 11.04.2025",
        "leave_complaint",
        d(2025, 3, 11),
        {"region": "NW"},
        d(2025, 4, 11),
    ),
    (
        "§145 SGG with §64 Abs. 2 SGG: served 31.01.2025 → Fri 28.02.2025",
        "leave_complaint",
        d(2025, 1, 31),
        {"region": "NW"},
        d(2025, 2, 28),
    ),
    (
        "§145 SGG with §64 Abs. 3 SGG: served 03.12.2025 → Sat 03.01.2026 → Mon 05.01.2026",
        "leave_complaint",
        d(2025, 12, 3),
        {"region": "BE"},
        d(2026, 1, 5),
    ),
    (
        "§145 SGG with §66 Abs. 2 SGG: no correct notice, served 11.03.2025 → Wed 11.03.2026",
        "leave_complaint",
        d(2025, 3, 11),
        {"region": "BE", "has_correct_legal_remedy_notice": False},
        d(2026, 3, 11),
    ),
    # --- § 173 SGG: Beschwerde against an order of the Sozialgericht ------------
    (
        "§173 Satz 1 SGG: order notified Mon 01.09.2025 → Wed 01.10.2025",
        "order_complaint",
        d(2025, 9, 1),
        {"region": "SN"},
        d(2025, 10, 1),
    ),
    (
        "§173 SGG with §64 Abs. 2, 3 SGG: notified 31.10.2025 → Sun 30.11.2025 → Mon 01.12.2025",
        "order_complaint",
        d(2025, 10, 31),
        {"region": "BE"},
        d(2025, 12, 1),
    ),
    (
        "§173 SGG with §64 Abs. 3 SGG: notified 18.03.2025 → Karfreitag → Tue 22.04.2025",
        "order_complaint",
        d(2025, 3, 18),
        {"region": "BE"},
        d(2025, 4, 22),
    ),
    # --- service by registered mail: § 65 SGB X with § 4 Abs. 2 VwZG (gE) -------
    (
        "§4 Abs. 2 Satz 2 VwZG: registered Mon 03.03.2025 → 4th day Fri 07.03.2025",
        "service_registered",
        d(2025, 3, 3),
        {"carrier": "gE"},
        d(2025, 3, 7),
    ),
    (
        "§4 Abs. 2 Satz 2 VwZG a.F.: registered Mon 30.12.2024 → 3rd day Thu 02.01.2025",
        "service_registered",
        d(2024, 12, 30),
        {"carrier": "gE"},
        d(2025, 1, 2),
    ),
    (
        "§4 Abs. 2 VwZG, BSG B 14 AS 12/09 R: registered 05.03.2025 → Sun 09.03.2025, not moved",
        "service_registered",
        d(2025, 3, 5),
        {"carrier": "gE", "region": "BE"},
        d(2025, 3, 9),
    ),
    (
        "§4 Abs. 2 Satz 1 VwZG: return receipt dated 05.03.2025 is the day of service",
        "service_registered",
        d(2025, 3, 3),
        {"carrier": "gE", "return_receipt_on": d(2025, 3, 5)},
        d(2025, 3, 5),
    ),
    (
        "§4 Abs. 2 Satz 2 VwZG: later receipt 10.03.2025 proven → 10.03.2025",
        "service_registered",
        d(2025, 3, 3),
        {"carrier": "gE", "received_on": d(2025, 3, 10)},
        d(2025, 3, 10),
    ),
    # --- zugelassener kommunaler Träger: § 65 Abs. 2 SGB X with the Land's law ---
    (
        "Art. 4 Abs. 2 BayVwZVG: 03.03.2025, since-date of the 4th day unknown → Thu 06.03.2025",
        "service_registered",
        d(2025, 3, 3),
        {"carrier": "zkT", "land": "BY"},
        d(2025, 3, 6),
    ),
    (
        "Art. 4 Abs. 2 BayVwZVG a.F.: registered Mon 03.06.2024 → 3rd day Thu 06.06.2024",
        "service_registered",
        d(2024, 6, 3),
        {"carrier": "zkT", "land": "BY"},
        d(2024, 6, 6),
    ),
    (
        "§4 Abs. 2 Satz 2 ThürVwZVG: registered Mon 03.03.2025 → 3rd day Thu 06.03.2025",
        "service_registered",
        d(2025, 3, 3),
        {"carrier": "zkT", "land": "TH"},
        d(2025, 3, 6),
    ),
    (
        "§4 Abs. 2 Satz 2 LZG NRW (text as of 2024: 3rd day): 03.03.2025 → Thu 06.03.2025",
        "service_registered",
        d(2025, 3, 3),
        {"carrier": "zkT", "land": "NW"},
        d(2025, 3, 6),
    ),
    (
        "§65 Abs. 2 SGB X, Land law not found (HE): earliest day, Thu 06.03.2025",
        "service_registered",
        d(2025, 3, 3),
        {"carrier": "zkT", "land": "HE"},
        d(2025, 3, 6),
    ),
    (
        "§1 Abs. 1 NVwZG with §4 Abs. 2 Satz 2 VwZG: Mon 10.02.2025 → 4th day Fri 14.02.2025",
        "service_registered",
        d(2025, 2, 10),
        {"carrier": "zkT", "land": "NI"},
        d(2025, 2, 14),
    ),
    (
        "§1 Abs. 1 LVwZG RLP with §4 Abs. 2 Satz 2 VwZG: Thu 06.03.2025 → Mon 10.03.2025",
        "service_registered",
        d(2025, 3, 6),
        {"carrier": "zkT", "land": "RP"},
        d(2025, 3, 10),
    ),
    (
        "§1 Abs. 1 VwZG-LSA, §4 Abs. 2 VwZG, BSG B 14 AS 12/09 R: Tue 08.04.2025 → Sat 12.04.",
        "service_registered",
        d(2025, 4, 8),
        {"carrier": "zkT", "land": "ST", "region": "ST"},
        d(2025, 4, 12),
    ),
    (
        "§1 Abs. 1 BbgVwZG, §4 Abs. 2 VwZG: Wed 02.07.2025 → Sun 06.07.2025, not moved",
        "service_registered",
        d(2025, 7, 2),
        {"carrier": "zkT", "land": "BB", "region": "BB"},
        d(2025, 7, 6),
    ),
    (
        "§1 SVwZG with §4 Abs. 2 Satz 2 VwZG a.F.: Mon 16.12.2024 → 3rd day Thu 19.12.2024",
        "service_registered",
        d(2024, 12, 16),
        {"carrier": "zkT", "land": "SL"},
        d(2024, 12, 19),
    ),
    (
        "§85 Abs. 3 Satz 2 SGG: a zkT's Widerspruchsbescheid, VwZG: Mon 12.05.2025 → Fri 16.05.",
        "service_registered",
        d(2025, 5, 12),
        {"carrier": "zkT", "land": "BY", "is_objection_decision": True},
        d(2025, 5, 16),
    ),
    # --- Postzustellungsurkunde: the day the certificate names -----------------
    (
        "§3 VwZG, §180 ZPO, BSG B 14 AS 12/09 R: certificate Sat 08.03.2025 stays Saturday",
        "service_certificate",
        d(2025, 3, 8),
        {"carrier": "gE", "region": "BE"},
        d(2025, 3, 8),
    ),
    # --- § 37 Abs. 2 Satz 2, Abs. 2a SGB X: electronic notification ---------------
    (
        "§37 Abs. 2 Satz 2 SGB X: sent Mon 03.03.2025, count unverified → Thu 06.03.2025",
        "notification_electronic",
        d(2025, 3, 3),
        {},
        d(2025, 3, 6),
    ),
    (
        "§37 Abs. 2 Satz 2 SGB X a.F.: sent Mon 04.03.2024 → 3rd day Thu 07.03.2024",
        "notification_electronic",
        d(2024, 3, 4),
        {},
        d(2024, 3, 7),
    ),
    (
        "§37 Abs. 2a Satz 4 SGB X a.F.: notice sent Fri 29.11.2024 → Mon 02.12.2024",
        "notification_retrieval",
        d(2024, 11, 29),
        {},
        d(2024, 12, 2),
    ),
    (
        "§37 Abs. 2a SGB X: notice disputed, retrieved 10.03.2025 → 10.03.2025",
        "notification_retrieval",
        d(2025, 3, 3),
        {"notice_disputed": True, "retrieved_on": d(2025, 3, 10)},
        d(2025, 3, 10),
    ),
    # --- § 172 Abs. 1 Satz 3 StPO --------------------------------------------------
    (
        "§172 Abs. 1 Satz 3 StPO: no notice, period does not run; follow-up Mon 17.03.2025",
        "prosecution_complaint",
        d(2025, 3, 3),
        {"has_correct_legal_remedy_notice": False},
        d(2025, 3, 17),
    ),
    (
        "§172 Abs. 1 Satz 3 StPO: the rule for an Einstellung without notice, Mon 17.03.2025",
        "prosecution_complaint_unbounded",
        d(2025, 3, 3),
        {},
        d(2025, 3, 17),
    ),
]


@pytest.mark.parametrize(
    ("rule", "trigger_on", "context", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in NEW_ROWS],
)
def test_it_computes_the_legal_date(rule, trigger_on, context, expected):
    result = compute(rule, trigger_on, **context)
    assert result.due_on == expected, "\n".join(result.steps)


def test_there_are_at_least_25_new_dates():
    assert len(NEW_ROWS) >= 25


def test_a_strafantrag_period_cites_77b_abs_1_satz_2_for_the_move():
    text = "\n".join(compute("criminal_complaint", d(2025, 3, 7), region="BE").steps)
    assert "Pfingstmontag" in text
    assert "(§ 77b Abs. 1 Satz 2 StGB): Di 10.06.2025" in text


def test_without_notice_the_172_stpo_period_does_not_run_and_is_a_follow_up():
    result = compute("prosecution_complaint", d(2025, 3, 3), has_correct_legal_remedy_notice=False)
    assert result.kind == KIND_FOLLOW_UP
    assert any("§ 172 Abs. 1 Satz 3 StPO" in step for step in result.steps)


def test_the_one_year_period_names_the_exceptions_of_section_66_and_84():
    """§ 66 Abs. 2 Satz 1 SGG: höhere Gewalt, Belehrung "kein Rechtsbehelf";
    § 84 Abs. 2 Satz 3 SGG makes § 66 apply to the Widerspruch."""
    text = "\n".join(
        compute("objection", d(2025, 3, 7), has_correct_legal_remedy_notice=False).steps
    )
    assert "höherer Gewalt" in text
    assert "ein Rechtsbehelf sei nicht gegeben" in text
    assert "§ 84 Abs. 2 Satz 3 SGG" in text
    assert "§ 66 Abs. 2 Satz 2 SGG" in text


@pytest.mark.parametrize(
    ("rule", "trigger_on", "context"),
    [
        ("notification", d(2025, 3, 4), {"region": "BE"}),  # 4th day Sat 08.03.2025
        ("service_registered", d(2025, 3, 5), {"carrier": "gE", "region": "BE"}),
        ("service_certificate", d(2025, 3, 8), {"region": "BE"}),
    ],
)
def test_a_notification_day_on_a_weekend_cites_bsg_b_14_as_12_09_r(rule, trigger_on, context):
    text = "\n".join(compute(rule, trigger_on, **context).steps)
    assert "BSG, Urteil vom 06.05.2010, B 14 AS 12/09 R" in text
    assert "nicht auf den nächsten Werktag verschoben" in text


def test_an_unverified_day_count_says_so_and_names_its_source():
    text = "\n".join(compute("service_registered", d(2025, 3, 3), carrier="zkT", land="BY").steps)
    assert "Art. 4 Abs. 2 Satz 2 BayVwZVG" in text
    assert "vorsichtig mit dem 3. Tag gerechnet" in text
    assert "lexmea.de" in text
    text = "\n".join(compute("notification_electronic", d(2025, 3, 3)).steps)
    assert "nicht am Gesetzestext belegt" in text


def test_a_land_that_applies_the_vwzg_says_so_with_its_source():
    text = "\n".join(compute("service_registered", d(2025, 2, 10), carrier="zkT", land="NI").steps)
    assert "§ 1 Abs. 1 NVwZG" in text and "jeweils geltenden Fassung" in text
    assert "Zustellung am 4. Tag nach Aufgabe zur Post" in text
    text = "\n".join(
        compute(
            "service_registered",
            d(2025, 5, 12),
            carrier="zkT",
            land="BY",
            is_objection_decision=True,
        ).steps
    )
    assert "§ 85 Abs. 3 Satz 2 SGG" in text
    assert "BayVwZVG" not in text


def test_the_review_limit_explains_the_year_rule():
    text = "\n".join(compute("review_limit", d(2024, 3, 1)).steps)
    assert "§ 44 Abs. 4 SGB X mit § 40 Abs. 1 Satz 2 Nr. 2 SGB II" in text
    assert "1. Januar des Jahres vor dem Jahr der Antragstellung" in text
