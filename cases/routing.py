"""Which authority supervises a Jobcenter's data protection (pure, no database).

A person may turn to the Federal Commissioner (BfDI) about a federal body
(§ 81 Abs. 1 Nr. 1 SGB X) and to the body that Land law makes competent
about any other (§ 81 Abs. 1 Nr. 2 SGB X). A gemeinsame Einrichtung is
supervised by the BfDI (§ 50 Abs. 4 SGB II); a zugelassener kommunaler
Träger is a municipal body of the Land, supervised by the Land's commissioner.
"""

from __future__ import annotations

from dataclasses import dataclass

FEDERAL = "BUND"


@dataclass(frozen=True)
class Supervision:
    level: str  # "BUND" or a Land code such as "BY"
    reason: str
    norm: str = ""


def supervising_dpa(*, jobcenter_kind: str, state: str) -> Supervision:
    """Return who supervises a Jobcenter of the given kind in the given Land."""
    if jobcenter_kind == "gE":
        return Supervision(
            level=FEDERAL,
            reason=(
                "Gemeinsame Einrichtung: zuständig ist die oder der Bundesbeauftragte für den "
                "Datenschutz und die Informationsfreiheit (§ 81 Abs. 1 Nr. 1 SGB X, "
                "§ 50 Abs. 4 SGB II)."
            ),
            norm="§ 81 Abs. 1 Nr. 1 SGB X i. V. m. § 50 Abs. 4 SGB II",
        )
    if jobcenter_kind == "zkT":
        return Supervision(
            level=state,
            reason=(
                "Zugelassener kommunaler Träger: zuständig ist die nach Landesrecht für die "
                "Kontrolle des Datenschutzes zuständige Stelle (§ 81 Abs. 1 Nr. 2 SGB X)."
            ),
            norm="§ 81 Abs. 1 Nr. 2 SGB X",
        )
    raise ValueError(f"unknown Jobcenter kind: {jobcenter_kind!r}")
