"""Who a letter goes to: ``recipient_for(rule, case)`` is the one routing
function; the letter kinds name only which of its rules applies.

Routing never guesses: where the directory lacks the competent authority,
``RecipientMissing`` names what to add (and carries what the form that
adds it needs); no letter is addressed to another district's court or
prosecutor instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from cases.authorities import (
    Lookup,
    data_protection_authority_for,
    general_prosecutor_above,
    has_dpo_contact,
    has_supervisor,
    petitions_committee_for,
    prosecutor_for,
    social_court_for,
    state_name,
)
from cases.models import Authority, Case, Jobcenter
from letters.models import Letter

__all__ = [
    "RecipientMissing",
    "Recipient",
    "recipient_for",
    "recipient_problem",
    "state_name",
    "JOBCENTER",
    "SOCIAL_COURT",
    "DATA_PROTECTION",
    "PROSECUTOR",
    "GENERAL_PROSECUTOR",
    "PETITIONS",
    "JOBCENTER_DPO",
    "SUPERVISION",
]


class RecipientMissing(Exception):
    """The directory has no authority this letter can be addressed to.

    ``authority_kind`` and ``district_key`` (when known) say what a
    coordinator would add; ``jobcenter`` is the Jobcenter whose entry lacks it;
    ``below`` the authority the missing one is above."""

    def __init__(
        self,
        message: str,
        *,
        authority_kind: str = "",
        district_key: str = "",
        jobcenter: Jobcenter | None = None,
        below: Authority | None = None,
    ):
        super().__init__(message)
        self.authority_kind = authority_kind
        self.district_key = district_key
        self.jobcenter = jobcenter
        self.below = below


JOBCENTER = "jobcenter"
SOCIAL_COURT = "social_court"
DATA_PROTECTION = "data_protection"
PROSECUTOR = "prosecutor"
GENERAL_PROSECUTOR = "general_prosecutor"
PETITIONS = "petitions"
JOBCENTER_DPO = "jobcenter_dpo"
SUPERVISION = "supervision"


@dataclass(frozen=True)
class Recipient:
    """An authority, or the Jobcenter (itself, its data-protection officer or
    whoever holds Dienstaufsicht over it, as ``rule`` says)."""

    authority: Authority | None = None
    jobcenter: Jobcenter | None = None
    rule: str = ""

    @property
    def lines(self) -> list[str]:
        """The address window, name first."""
        if self.authority is not None:
            return [self.authority.name, *self.authority.address_lines]
        jobcenter = self.jobcenter
        if jobcenter is None:
            return []
        if self.rule == JOBCENTER_DPO:
            own = [line.strip() for line in jobcenter.dpo_address.splitlines() if line.strip()]
            name = jobcenter.dpo_name or "Datenschutzbeauftragte/r"
            return [jobcenter.name, f"– {name} –", *(own or jobcenter.address_lines)]
        if self.rule == SUPERVISION and jobcenter.kind == Jobcenter.Kind.ZKT:
            own = [
                line.strip() for line in jobcenter.supervisor_address.splitlines() if line.strip()
            ]
            return [jobcenter.supervisor_name, *own]
        if self.rule == SUPERVISION:
            return [jobcenter.name, "– Geschäftsführung –", *jobcenter.address_lines]
        return [jobcenter.name, *jobcenter.address_lines]

    @property
    def name(self) -> str:
        return self.lines[0] if self.lines else ""


def _found(lookup: Lookup) -> Recipient:
    if lookup.authority is None:
        raise RecipientMissing(
            lookup.missing,
            authority_kind=lookup.kind,
            district_key=lookup.district_key,
            jobcenter=lookup.jobcenter,
            below=lookup.below,
        )
    return Recipient(authority=lookup.authority)


def _social_court(case: Case) -> Recipient:
    return _found(
        social_court_for(case.jobcenter, residence_district_key=case.person.residence_district_key)
    )


def _data_protection(case: Case) -> Recipient:
    found = data_protection_authority_for(case.jobcenter)
    if found is None:
        where = (
            "den Bund (BfDI)"
            if case.jobcenter.kind == Jobcenter.Kind.GE
            else state_name(case.jobcenter.state)
        )
        raise RecipientMissing(
            f"Im Behördenverzeichnis fehlt die Datenschutzaufsicht für {where}.",
            authority_kind=Authority.Kind.DATA_PROTECTION,
        )
    return Recipient(authority=found)


def _prosecutor(case: Case) -> Recipient:
    return _found(prosecutor_for(case.jobcenter))


def _case_prosecutor(case: Case) -> Authority:
    """The Staatsanwaltschaft the case's Strafanzeige went to (the latest one
    made final), else the one competent at the Jobcenter's seat."""
    letter = (
        Letter.objects.filter(
            case=case,
            kind=Letter.Kind.CRIMINAL_COMPLAINT,
            recipient_authority__kind=Authority.Kind.PROSECUTOR,
        )
        .exclude(status=Letter.Status.DRAFT)
        .select_related("recipient_authority__superior")
        .order_by("-finalized_at", "-pk")
        .first()
    )
    if letter is not None and letter.recipient_authority is not None:
        return letter.recipient_authority
    found = _prosecutor(case).authority
    assert found is not None
    return found


def _general_prosecutor(case: Case) -> Recipient:
    return _found(general_prosecutor_above(_case_prosecutor(case)))


def _petitions(case: Case) -> Recipient:
    return _found(petitions_committee_for(case.jobcenter))


def _jobcenter_dpo(case: Case) -> Recipient:
    if not has_dpo_contact(case.jobcenter):
        raise RecipientMissing(
            f"Im Jobcenter-Verzeichnis fehlt für {case.jobcenter.name} die Anschrift oder "
            "E-Mail-Adresse der/des Datenschutzbeauftragten (Art. 37 Abs. 7 DSGVO verpflichtet "
            "das Jobcenter, sie zu veröffentlichen). Bitte beim Jobcenter ergänzen.",
            jobcenter=case.jobcenter,
        )
    return Recipient(jobcenter=case.jobcenter, rule=JOBCENTER_DPO)


def _supervision(case: Case) -> Recipient:
    if not has_supervisor(case.jobcenter):
        raise RecipientMissing(
            f"Im Jobcenter-Verzeichnis fehlt für {case.jobcenter.name} (zugelassener kommunaler "
            "Träger), wer die Dienstaufsicht führt: Landrat bzw. Oberbürgermeister mit "
            "Anschrift. Bitte beim Jobcenter ergänzen.",
            jobcenter=case.jobcenter,
        )
    return Recipient(jobcenter=case.jobcenter, rule=SUPERVISION)


_RULES = {
    JOBCENTER: lambda case: Recipient(jobcenter=case.jobcenter, rule=JOBCENTER),
    SOCIAL_COURT: _social_court,
    DATA_PROTECTION: _data_protection,
    PROSECUTOR: _prosecutor,
    GENERAL_PROSECUTOR: _general_prosecutor,
    PETITIONS: _petitions,
    JOBCENTER_DPO: _jobcenter_dpo,
    SUPERVISION: _supervision,
}

AUTHORITY_KIND = {
    JOBCENTER: None,
    SOCIAL_COURT: Authority.Kind.SOCIAL_COURT,
    DATA_PROTECTION: Authority.Kind.DATA_PROTECTION,
    PROSECUTOR: Authority.Kind.PROSECUTOR,
    GENERAL_PROSECUTOR: Authority.Kind.GENERAL_PROSECUTOR,
    PETITIONS: Authority.Kind.PETITIONS,
    JOBCENTER_DPO: None,
    SUPERVISION: None,
}

# Rules where the user may write to another authority of the same kind than
# the routed one: any Staatsanwaltschaft may receive a Strafanzeige and a
# Strafantrag (§ 158 Abs. 1 und 2 StPO); a petition may go to the Bundestag
# or any Landtag (Art. 17 GG). A court, a Generalstaatsanwaltschaft or a
# data-protection authority is competent by law, never by choice.
FREE_CHOICE = frozenset({PROSECUTOR, PETITIONS})


def recipient_for(rule: str, case: Case) -> Recipient:
    """The recipient of a letter routed by ``rule``; raises ``RecipientMissing``
    with a message naming what the directory lacks."""
    return _RULES[rule](case)


def recipient_problem(rule: str, case: Case, authority: Authority) -> str:
    """Why ``authority``, chosen by the user, may not receive a letter routed by
    ``rule`` (empty: it may)."""
    wanted = AUTHORITY_KIND[rule]
    if wanted is None:
        return "Dieser Brief geht an das Jobcenter des Falls."
    if authority.kind != wanted:
        return f"Bitte eine Behörde der Art „{Authority.Kind(wanted).label}“ wählen."
    if rule in FREE_CHOICE:
        return ""
    try:
        competent = recipient_for(rule, case).authority
    except RecipientMissing as exc:
        return str(exc)
    if competent != authority:
        return (
            f"Zuständig ist {competent.name if competent else '–'}, nicht {authority.name}: "
            "an eine andere Behörde dieser Art wird nicht geschrieben."
        )
    return ""
