"""Which authority of the directory is competent for a Jobcenter.

The one place that looks an authority up for a Jobcenter: the letters'
routing and the Jobcenter page both ask here.
"""

from __future__ import annotations

from cases.models import Authority, Jobcenter
from cases.routing import FEDERAL, supervising_dpa


def _is_public_sector_commissioner(authority: Authority) -> bool:
    # Bavaria has two: the Landesbeauftragte for public bodies and the
    # Landesamt für Datenschutzaufsicht for private ones.
    return "aufsicht" not in authority.name.lower()


def data_protection_authority_for(jobcenter: Jobcenter) -> Authority | None:
    """The data-protection authority that supervises ``jobcenter`` (§ 81 Abs. 1 SGB X)."""
    supervision = supervising_dpa(jobcenter_kind=jobcenter.kind, state=jobcenter.state)
    qs = Authority.objects.filter(kind=Authority.Kind.DATA_PROTECTION)
    if supervision.level == FEDERAL:
        qs = qs.filter(is_federal=True)
    else:
        qs = qs.filter(is_federal=False, jurisdiction_state=supervision.level)
    candidates = sorted(qs, key=lambda a: (not _is_public_sector_commissioner(a), a.name))
    return candidates[0] if candidates else None
