"""Creating and changing deadlines in the database.

The hooks below are called by the other apps' services; the deadline engine
fills them in.
"""

from __future__ import annotations


def deadlines_for_decision(*, decision, by=None) -> list:
    """Create the deadlines that follow from a recorded decision."""
    return []


def deadlines_for_incident(*, incident, by=None) -> list:
    """Create the deadlines that follow from an incident (Strafantrag clock)."""
    return []


def deadlines_for_letter_sent(*, letter, by=None) -> list:
    """Create the follow-up deadlines of a letter marked as sent."""
    return []
