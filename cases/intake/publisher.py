"""Who is behind the public pages: the group's organisation profile."""

from __future__ import annotations

from django.apps import apps


def public_organisation():
    """The organisation profile (one row), or None while none is kept.

    The profile model comes with the letters work on the group as
    representative; until it is installed the public pages say that the
    details are missing instead of inventing them."""
    try:
        model = apps.get_model("cases", "OrganisationProfile")
    except LookupError:
        return None
    return model.objects.first()
