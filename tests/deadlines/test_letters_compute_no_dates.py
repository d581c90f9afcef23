"""Letters never compute dates themselves (issue 18, point 4): every date a
letter names comes from the deadline engine (``cases.deadlines.compute``)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from letters.self_service import reminder_reply_by
from tests.factories import JobcenterFactory

LETTERS = Path(__file__).resolve().parents[2] / "letters"
DATE_ARITHMETIC = re.compile(r"\btimedelta\b|\brelativedelta\b|\badd_months\b|\.replace\(day=")


def test_no_module_of_the_letters_app_does_date_arithmetic():
    offenders = [
        f"{path.relative_to(LETTERS.parent)}:{number}"
        for path in LETTERS.rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DATE_ARITHMETIC.search(line)
    ]
    assert offenders == []


@pytest.mark.django_db
def test_a_reminder_asks_for_an_answer_on_a_working_day():
    """Written on Sat 07.03.2026: two weeks end Sat 21.03.2026, so the letter
    asks for an answer by Mon 23.03.2026 (the engine's Wiedervorlage, moved
    off the weekend as § 193 BGB would)."""
    jobcenter = JobcenterFactory(state="BE")
    assert reminder_reply_by(jobcenter=jobcenter, today=dt.date(2026, 3, 7)) == dt.date(2026, 3, 23)
