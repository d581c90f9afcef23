"""The rules the new letter kinds start (issue 17): the answer to a request
for erasure (Art. 12 Abs. 3 DSGVO), the Wiedervorlage of a letter without a
period of its own, and how far an Überprüfungsantrag reaches back
(§ 44 Abs. 4 SGB X with § 40 Abs. 1 Satz 2 Nr. 2 SGB II)."""

from __future__ import annotations

from datetime import date as d

import pytest

from cases.deadlines.compute import KIND_DEADLINE, KIND_EARLIEST, KIND_FOLLOW_UP, compute
from cases.deadlines.review import reaches_back_to

FOLLOW_UP_ROWS = [
    (
        "§ 88 Abs. 1 Satz 1 SGG: Überprüfungsantrag faxed Fri 20.03.2026, 6 months end "
        "Sun 20.09.2026, action possible Mon 21.09.2026 (an earliest day, not moved)",
        "inaction_application",
        d(2026, 3, 20),
        {"transit_days": 0},
        d(2026, 9, 21),
        KIND_EARLIEST,
    ),
    (
        "Art. 12 Abs. 3 DSGVO: posted Fri 20.03.2026, received Tue 24.03., one month",
        "erasure_answer",
        d(2026, 3, 20),
        {"transit_days": 4},
        d(2026, 4, 24),
        KIND_DEADLINE,
    ),
    (
        "Art. 12 Abs. 3 DSGVO, Art. 3 Abs. 4 VO 1182/71: faxed Wed 30.04.2025, "
        "one month ends Fri 30.05.2025",
        "erasure_answer",
        d(2025, 4, 30),
        {"transit_days": 0},
        d(2025, 5, 30),
        KIND_DEADLINE,
    ),
    (
        "Wiedervorlage 1 month: sent Tue 01.04.2025 → Thu 01.05.2025 is a holiday "
        "→ Fri 02.05.2025 (entsprechend § 193 BGB)",
        "letter_follow_up",
        d(2025, 4, 1),
        {"region": "BY"},
        d(2025, 5, 2),
        KIND_FOLLOW_UP,
    ),
    (
        "Wiedervorlage 2 weeks (Aussetzung, § 86a Abs. 3 SGG): Thu 20.03.2025 → Thu 03.04.2025",
        "letter_follow_up",
        d(2025, 3, 20),
        {"follow_up_weeks": 2},
        d(2025, 4, 3),
        KIND_FOLLOW_UP,
    ),
    (
        "Wiedervorlage 2 weeks: Sat 20.12.2025 → Sat 03.01.2026 → Mon 05.01.2026",
        "letter_follow_up",
        d(2025, 12, 20),
        {"follow_up_weeks": 2},
        d(2026, 1, 5),
        KIND_FOLLOW_UP,
    ),
]


@pytest.mark.parametrize(("why", "rule", "trigger", "context", "expected", "kind"), FOLLOW_UP_ROWS)
def test_follow_up_rules(why, rule, trigger, context, expected, kind):
    result = compute(rule, trigger, **context)
    assert result.due_on == expected, why
    assert result.kind == kind
    assert result.steps


@pytest.mark.parametrize(
    ("received", "first"),
    [
        # § 44 Abs. 4 SGB X with § 40 Abs. 1 Satz 2 Nr. 2 SGB II: the year before
        # the year of the application.
        (d(2026, 3, 24), d(2025, 1, 1)),
        (d(2026, 12, 31), d(2025, 1, 1)),
        (d(2027, 1, 2), d(2026, 1, 1)),
    ],
)
def test_review_reaches_back_to_the_first_of_january_of_the_year_before(received, first):
    day, steps = reaches_back_to(received)
    assert day == first
    assert any("§ 40 Abs. 1 Satz 2 Nr. 2 SGB II" in step for step in steps)
