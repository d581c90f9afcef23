"""Who is behind the public pages: the group's organisation profile."""

from __future__ import annotations


def public_organisation():
    """The organisation profile, or None while none is kept."""
    return None
