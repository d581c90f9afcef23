"""Which authority supervises a Jobcenter's data protection (pure, no database).

The Federal Commissioner (BfDI) supervises the gemeinsame Einrichtungen
(§ 50 Abs. 4 Satz 2 SGB II); a zugelassener kommunaler Träger is a body of
the Land and supervised by the Land's commissioner.
"""

from __future__ import annotations

from dataclasses import dataclass

FEDERAL = "BUND"


@dataclass(frozen=True)
class Supervision:
    level: str  # "BUND" or a Land code such as "BY"
    reason: str


def supervising_dpa(*, jobcenter_kind: str, state: str) -> Supervision:
    """Return who supervises a Jobcenter of the given kind in the given Land."""
    if jobcenter_kind == "gE":
        return Supervision(
            level=FEDERAL,
            reason=(
                "Gemeinsame Einrichtung: Aufsicht durch die/den Bundesbeauftragte/n für den "
                "Datenschutz und die Informationsfreiheit (§ 50 Abs. 4 Satz 2 SGB II)."
            ),
        )
    if jobcenter_kind == "zkT":
        return Supervision(
            level=state,
            reason=(
                "Zugelassener kommunaler Träger: Aufsicht durch die Landesdatenschutzbehörde "
                f"des Landes {state} (§ 6a SGB II, Landesdatenschutzgesetz)."
            ),
        )
    raise ValueError(f"unknown Jobcenter kind: {jobcenter_kind!r}")
