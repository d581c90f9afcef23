"""Which authority of the directory is competent for a Jobcenter or a person.

The one place that looks an authority up: the letters' routing, the
Jobcenter page and the data-quality page all ask here. A lookup never
guesses: where the directory has no competent authority (or two that claim
the same district), it answers with what is missing instead of a neighbour.
"""

from __future__ import annotations

from dataclasses import dataclass

from advocacy.models import Bundesland
from cases.models import Authority, Jobcenter
from cases.routing import FEDERAL, supervising_dpa


def state_name(code: str) -> str:
    """The Land's name, never its code."""
    try:
        return str(Bundesland(code).label)
    except ValueError:
        return code


@dataclass(frozen=True)
class Lookup:
    """A competent authority, or the message naming what the directory lacks.

    ``kind`` and ``district_key`` say what would fill the gap: an authority
    of that kind that serves that district (for the form that adds it)."""

    authority: Authority | None = None
    missing: str = ""
    kind: str = ""
    district_key: str = ""
    jobcenter: Jobcenter | None = None
    # The authority the missing one is above (a Staatsanwaltschaft without
    # its Generalstaatsanwaltschaft).
    below: Authority | None = None


def serving(kind: str, district_key: str) -> list[Authority]:
    """The authorities of ``kind`` whose district list names ``district_key``."""
    if not district_key:
        return []
    return [
        authority
        for authority in Authority.objects.filter(kind=kind, district_keys__contains=district_key)
        if district_key in authority.served_districts
    ]


# The competent one, with its article, for the messages.
COMPETENT: dict[str, str] = {
    Authority.Kind.SOCIAL_COURT: "das zuständige Sozialgericht",
    Authority.Kind.PROSECUTOR: "die zuständige Staatsanwaltschaft",
    Authority.Kind.GENERAL_PROSECUTOR: "die zuständige Generalstaatsanwaltschaft",
}


def _jobcenter_district(jobcenter: Jobcenter) -> str:
    return f"Bezirk von „{jobcenter.name}“"


def _by_district(kind: str, district_key: str, *, where: str, jobcenter: Jobcenter) -> Lookup:
    label = Authority.Kind(kind).label
    found = serving(kind, district_key)
    if len(found) == 1:
        return Lookup(authority=found[0])
    if found:
        names = ", ".join(sorted(a.name for a in found))
        return Lookup(
            missing=(
                f"Im Behördenverzeichnis geben mehrere Behörden der Art „{label}“ den Kreis "
                f"{district_key} ({where}) als ihren Bezirk an: {names}. Bitte das Verzeichnis "
                "berichtigen; der Brief wird an keine von ihnen geraten adressiert."
            ),
            kind=kind,
            district_key=district_key,
            jobcenter=jobcenter,
        )
    return Lookup(
        missing=(
            f"Im Behördenverzeichnis fehlt {COMPETENT[kind]} für den Kreis {district_key} "
            f"({where}). Bitte ergänzen; an die Behörde eines anderen Bezirks wird nicht "
            "geschrieben."
        ),
        kind=kind,
        district_key=district_key,
        jobcenter=jobcenter,
    )


def _assigned(kind: str, assigned: Authority | None, jobcenter: Jobcenter, *, norm: str) -> Lookup:
    """The authority recorded on the Jobcenter, else the one serving its district."""
    label = Authority.Kind(kind).label
    key = jobcenter.district_key
    if assigned is not None:
        served = assigned.served_districts
        if key and served and key not in served:
            return Lookup(
                missing=(
                    f"Bei „{jobcenter.name}“ ist als {label} „{assigned.name}“ eingetragen, "
                    f"deren Bezirk laut Verzeichnis den Kreis {key} nicht umfasst. Bitte das "
                    "Verzeichnis berichtigen."
                ),
                kind=kind,
                district_key=key,
                jobcenter=jobcenter,
            )
        return Lookup(authority=assigned)
    if key:
        return _by_district(kind, key, where=_jobcenter_district(jobcenter), jobcenter=jobcenter)
    return Lookup(
        missing=(
            f"Für „{jobcenter.name}“ sind im Verzeichnis weder {COMPETENT[kind]} ({norm}) noch "
            "der Kreisschlüssel eingetragen. Bitte beim Jobcenter ergänzen."
        ),
        kind=kind,
        jobcenter=jobcenter,
    )


def social_court_for(jobcenter: Jobcenter, *, residence_district_key: str = "") -> Lookup:
    """The Sozialgericht for a person of ``jobcenter``: the court of the
    district where the person lives (§ 57 Abs. 1 SGG); by default the
    Jobcenter's district."""
    if residence_district_key and residence_district_key != jobcenter.district_key:
        return _by_district(
            Authority.Kind.SOCIAL_COURT,
            residence_district_key,
            where="Wohnort der Person, § 57 Abs. 1 SGG",
            jobcenter=jobcenter,
        )
    return _assigned(
        Authority.Kind.SOCIAL_COURT, jobcenter.social_court, jobcenter, norm="§ 57 Abs. 1 SGG"
    )


def prosecutor_for(jobcenter: Jobcenter) -> Lookup:
    """The Staatsanwaltschaft at the Jobcenter's seat (where the act was done,
    § 7 Abs. 1 StPO, § 143 Abs. 1 GVG)."""
    return _assigned(
        Authority.Kind.PROSECUTOR, jobcenter.prosecutor, jobcenter, norm="§ 143 Abs. 1 GVG"
    )


def general_prosecutor_above(prosecutor: Authority) -> Lookup:
    """The Generalstaatsanwaltschaft above ``prosecutor`` (§ 172 Abs. 1 StPO,
    § 147 Nr. 3 GVG)."""
    superior = prosecutor.superior
    if superior is not None and superior.kind == Authority.Kind.GENERAL_PROSECUTOR:
        return Lookup(authority=superior)
    return Lookup(
        missing=(
            f"Im Behördenverzeichnis fehlt die Generalstaatsanwaltschaft über der "
            f"{prosecutor.name} (bei der Staatsanwaltschaft als übergeordnete Behörde "
            "eintragen)."
        ),
        kind=Authority.Kind.GENERAL_PROSECUTOR,
        below=prosecutor,
    )


def petitions_committee_for(jobcenter: Jobcenter) -> Lookup:
    """The petitions committee of the level that supervises the Jobcenter: the
    Bundestag for a gemeinsame Einrichtung (federal supervision of the
    Bundesagentur's tasks, § 47 Abs. 1 SGB II), the Landtag for a zugelassener
    kommunaler Träger (supervision by the Land, § 48 Abs. 1 SGB II)."""
    qs = Authority.objects.filter(kind=Authority.Kind.PETITIONS)
    if jobcenter.kind == Jobcenter.Kind.GE:
        found = list(qs.filter(is_federal=True))
        where = "den Deutschen Bundestag (gemeinsame Einrichtung, § 47 Abs. 1 SGB II)"
    else:
        found = list(qs.filter(is_federal=False, jurisdiction_state=jobcenter.state))
        where = (
            f"den Landtag von {state_name(jobcenter.state)} (zugelassener kommunaler Träger, "
            "§ 48 Abs. 1 SGB II)"
        )
    if len(found) == 1:
        return Lookup(authority=found[0])
    if found:
        return Lookup(
            missing=f"Im Behördenverzeichnis stehen mehrere Petitionsausschüsse für {where}.",
            kind=Authority.Kind.PETITIONS,
            jobcenter=jobcenter,
        )
    return Lookup(
        missing=f"Im Behördenverzeichnis fehlt der Petitionsausschuss für {where}.",
        kind=Authority.Kind.PETITIONS,
        jobcenter=jobcenter,
    )


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


def has_dpo_contact(jobcenter: Jobcenter) -> bool:
    """Whether the directory says how to reach the Jobcenter's data-protection officer."""
    return bool(jobcenter.dpo_email or jobcenter.dpo_address.strip())


def has_supervisor(jobcenter: Jobcenter) -> bool:
    """Whether the directory names who holds Dienstaufsicht over the Jobcenter:
    a gemeinsame Einrichtung's Geschäftsführung is the Jobcenter itself; for
    a zugelassener kommunaler Träger the Landrat or Oberbürgermeister with
    an address must be recorded."""
    if jobcenter.kind == Jobcenter.Kind.GE:
        return True
    return bool(jobcenter.supervisor_name.strip() and jobcenter.supervisor_address.strip())


def assignment_problem(authority: Authority, district_key: str) -> str:
    """Why ``authority`` may not be recorded as the court or prosecutor of a
    Jobcenter in ``district_key`` (empty: it may)."""
    served = authority.served_districts
    if district_key and served and district_key not in served:
        return (
            f"{authority.name} ist laut Verzeichnis nicht für den Kreis {district_key} zuständig."
        )
    return ""


@dataclass
class DirectoryGap:
    """One directory entry and what it lacks, for the data-quality page."""

    entry: Jobcenter | Authority
    lacks: list[str]


def directory_gaps() -> tuple[list[DirectoryGap], list[DirectoryGap]]:
    """Jobcenters lacking a street, a fax, a competent court or prosecutor,
    and authorities lacking a street or a fax (three queries in all: the
    district search runs over authorities loaded once)."""
    routed = [Authority.Kind.SOCIAL_COURT, Authority.Kind.PROSECUTOR]
    authorities = list(Authority.objects.order_by("kind", "name"))
    index: dict[tuple[str, str], list[Authority]] = {}
    for authority in authorities:
        if authority.kind in routed:
            for key in authority.served_districts:
                index.setdefault((authority.kind, key), []).append(authority)
    jobcenter_gaps = []
    for jobcenter in Jobcenter.objects.filter(is_active=True).select_related(
        "social_court", "prosecutor"
    ):
        lacks = []
        if not jobcenter.street:
            lacks.append("Straße")
        if not jobcenter.fax:
            lacks.append("Fax")
        for kind, assigned, label in (
            (Authority.Kind.SOCIAL_COURT, jobcenter.social_court, "Sozialgericht"),
            (Authority.Kind.PROSECUTOR, jobcenter.prosecutor, "Staatsanwaltschaft"),
        ):
            if assigned is not None:
                if assignment_problem(assigned, jobcenter.district_key):
                    lacks.append(f"{label} (eingetragenes passt nicht zum Kreis)")
            elif len(index.get((kind, jobcenter.district_key), [])) != 1:
                lacks.append(label)
        if lacks:
            jobcenter_gaps.append(DirectoryGap(jobcenter, lacks))
    authority_gaps = []
    for authority in authorities:
        lacks = []
        if not authority.street:
            lacks.append("Straße")
        if not authority.fax:
            lacks.append("Fax")
        if authority.kind in routed and not authority.served_districts:
            lacks.append("Kreise im Bezirk")
        if authority.kind == Authority.Kind.PROSECUTOR and authority.superior_id is None:
            lacks.append("Generalstaatsanwaltschaft")
        if lacks:
            authority_gaps.append(DirectoryGap(authority, lacks))
    return jobcenter_gaps, authority_gaps
