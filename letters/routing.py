"""Who a letter goes to: ``recipient_for(kind, case)`` is the one routing
function; the letter kinds name only which of its rules applies."""

from __future__ import annotations

from dataclasses import dataclass

from advocacy.models import Bundesland
from cases.authorities import data_protection_authority_for
from cases.models import Authority, Case, Jobcenter


class RecipientMissing(Exception):
    """The directory has no authority this letter can be addressed to."""


@dataclass(frozen=True)
class Recipient:
    authority: Authority | None = None
    jobcenter: Jobcenter | None = None


JOBCENTER = "jobcenter"
SOCIAL_COURT = "social_court"
DATA_PROTECTION = "data_protection"
PROSECUTOR = "prosecutor"
PETITIONS = "petitions"


def state_name(code: str) -> str:
    """The Land's name, never its code."""
    try:
        return str(Bundesland(code).label)
    except ValueError:
        return code


def _pick(candidates: list[Authority], *, city: str = "") -> Authority | None:
    """One seated in ``city`` first, then by name."""
    if not candidates:
        return None
    return sorted(candidates, key=lambda a: (0 if city and a.city == city else 1, a.name))[0]


def _social_court(case: Case) -> Recipient:
    state = case.jobcenter.state
    found = _pick(
        list(Authority.objects.filter(kind=Authority.Kind.SOCIAL_COURT, jurisdiction_state=state)),
        city=case.person.city or case.jobcenter.city,
    )
    if found is None:
        raise RecipientMissing(
            f"Im Behördenverzeichnis fehlt ein Sozialgericht für {state_name(state)}."
        )
    return Recipient(authority=found)


def _data_protection(case: Case) -> Recipient:
    found = data_protection_authority_for(case.jobcenter)
    if found is None:
        where = (
            "den Bund (BfDI)"
            if case.jobcenter.kind == Jobcenter.Kind.GE
            else state_name(case.jobcenter.state)
        )
        raise RecipientMissing(f"Im Behördenverzeichnis fehlt die Datenschutzaufsicht für {where}.")
    return Recipient(authority=found)


def _prosecutor(case: Case) -> Recipient:
    state = case.jobcenter.state
    found = _pick(
        list(Authority.objects.filter(kind=Authority.Kind.PROSECUTOR, jurisdiction_state=state)),
        city=case.jobcenter.city,
    )
    if found is None:
        raise RecipientMissing(
            f"Im Behördenverzeichnis fehlt eine Staatsanwaltschaft für {state_name(state)}."
        )
    return Recipient(authority=found)


def _petitions(case: Case) -> Recipient:
    jobcenter = case.jobcenter
    qs = Authority.objects.filter(kind=Authority.Kind.PETITIONS)
    federal = list(qs.filter(is_federal=True))
    land = list(qs.filter(is_federal=False, jurisdiction_state=jobcenter.state))
    # A gE is run with the Bundesagentur (federal oversight), a zkT by the
    # municipality under the Land's oversight.
    first, second = (federal, land) if jobcenter.kind == Jobcenter.Kind.GE else (land, federal)
    found = _pick(first) or _pick(second)
    if found is None:
        raise RecipientMissing(
            "Im Behördenverzeichnis fehlt ein Petitionsausschuss (Bundestag oder Landtag "
            f"{state_name(jobcenter.state)})."
        )
    return Recipient(authority=found)


_RULES = {
    JOBCENTER: lambda case: Recipient(jobcenter=case.jobcenter),
    SOCIAL_COURT: _social_court,
    DATA_PROTECTION: _data_protection,
    PROSECUTOR: _prosecutor,
    PETITIONS: _petitions,
}

AUTHORITY_KIND = {
    JOBCENTER: None,
    SOCIAL_COURT: Authority.Kind.SOCIAL_COURT,
    DATA_PROTECTION: Authority.Kind.DATA_PROTECTION,
    PROSECUTOR: Authority.Kind.PROSECUTOR,
    PETITIONS: Authority.Kind.PETITIONS,
}


def recipient_for(rule: str, case: Case) -> Recipient:
    """The recipient of a letter routed by ``rule``; raises ``RecipientMissing``
    with a message naming what the directory lacks."""
    return _RULES[rule](case)
