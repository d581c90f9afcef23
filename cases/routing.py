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


# --- Districts (Kreise and kreisfreie Städte) ---------------------------------
#
# A district is named by its key: the first five digits of the Amtlicher
# Gemeindeschlüssel (AGS), two for the Land, one for the Regierungsbezirk,
# two for the Kreis (e.g. 09182 Landkreis Miesbach). Courts and prosecutors
# list the districts they serve; a Jobcenter and a person's residence name
# the district they are in.

STATE_BY_AGS_PREFIX = {
    "01": "SH",
    "02": "HH",
    "03": "NI",
    "04": "HB",
    "05": "NW",
    "06": "HE",
    "07": "RP",
    "08": "BW",
    "09": "BY",
    "10": "SL",
    "11": "BE",
    "12": "BB",
    "13": "MV",
    "14": "SN",
    "15": "ST",
    "16": "TH",
}


def district_key_problem(key: str, *, state: str = "") -> str:
    """Why ``key`` is no district key (of ``state``, if given); empty if it is one."""
    if len(key) != 5 or not key.isdigit():
        return f"„{key}“ ist kein Kreisschlüssel (fünf Ziffern, z. B. 09182)."
    land = STATE_BY_AGS_PREFIX.get(key[:2])
    if land is None:
        return f"„{key}“ ist kein Kreisschlüssel: {key[:2]} ist kein Landesschlüssel."
    if state and land != state:
        return f"Der Kreisschlüssel {key} gehört nicht zum Land {state}, sondern zu {land}."
    return ""


def parse_district_keys(text: str) -> list[str]:
    """The district keys of a list written with spaces, commas or semicolons,
    sorted and without doubles; raises ``ValueError`` naming a wrong key."""
    keys = sorted({part for part in text.replace(",", " ").replace(";", " ").split() if part})
    for key in keys:
        problem = district_key_problem(key)
        if problem:
            raise ValueError(problem)
    return keys
