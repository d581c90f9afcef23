"""Who is behind the public pages: the group's organisation profile."""

from __future__ import annotations

from cases.models import OrganisationProfile


def public_organisation() -> OrganisationProfile | None:
    """The organisation profile (one row), or None while none is kept: the
    public pages then say that the details are missing instead of inventing
    them."""
    return OrganisationProfile.objects.first()
