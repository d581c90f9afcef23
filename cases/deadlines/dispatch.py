"""When a letter sent by a given channel is expected to arrive.

Small helpers for the letters app, kept apart from the engine's rules: they
read the engine's own assumption (``services.POSTAL_TRANSIT_DAYS`` and
``services.SAME_DAY_CHANNELS``) so that a letter's timeliness check and the
deadlines created when it is sent assume the same receipt date.
"""

from __future__ import annotations

from datetime import date, timedelta

from cases.deadlines.services import POSTAL_TRANSIT_DAYS, SAME_DAY_CHANNELS


def transit_days(channel: str) -> int:
    """Days between sending and the assumed receipt: 0 for fax, e-mail,
    personal delivery and the court's electronic channels, else the postal
    assumption of § 37 Abs. 2 Satz 1 SGB X."""
    return 0 if channel in SAME_DAY_CHANNELS else POSTAL_TRANSIT_DAYS


def expected_receipt_on(sent_on: date, channel: str) -> date:
    return sent_on + timedelta(days=transit_days(channel))
