"""The shape of a letter's document: the JSON-serialisable facts a letter
is generated and rendered from (built in ``letters.context``). Types only,
so that any module may name them without importing the builders."""

from __future__ import annotations

from typing import TypedDict


class SenderFacts(TypedDict):
    name: str
    lines: list[str]
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    customer_number: str


class SeatFacts(TypedDict):
    """Where a recipient sits: its holidays decide when a period ends."""

    holiday_region: str
    observes_catholic_holidays: bool
    state: str
    state_label: str


class JobcenterFacts(SeatFacts):
    id: int
    name: str
    kind: str
    kind_label: str
    lines: list[str]
    # The name in the grammatical cases a sentence needs.
    nom: str
    acc: str
    dat: str
    gen: str
    court_party: list[str]


class RecipientFacts(TypedDict, total=False):
    type: str  # "authority", "jobcenter" or "" (none yet)
    id: int | None
    kind: str
    name: str
    is_federal: bool
    lines: list[str]
    notes: list[str]
    holiday_region: str
    observes_catholic_holidays: bool
    state: str
    state_label: str


class DecisionFacts(TypedDict):
    id: int
    kind: str
    kind_label: str
    reference: str
    dated_on: str | None
    dated_on_display: str
    received_on_display: str
    has_correct_legal_remedy_notice: bool | None
    incident_ids: list[int]
    objection_effect: str
    objection_effect_reason: str
    offers_suspension_request: bool


class IncidentFacts(TypedDict):
    id: int
    number: int
    kind: str
    kind_label: str
    phrase: str
    occurred_on: str | None
    occurred_on_display: str
    learned_of_act_on: str | None
    learned_of_act_on_display: str
    learned_of_offender_on: str | None
    learned_of_offender_on_display: str
    staff_member: str
    is_offender_known: bool
    is_data_public: bool | None
    is_data_not_public: bool
    bfdi_fits: bool
    was_asked_first: bool | None
    was_informed_afterwards: bool | None
    was_fraud_suspicion_stated: bool | None
    # Where each statement comes from, for the source notes.
    source: str
    source_staff: str
    source_public: str
    source_learned: str


class EvidenceFacts(TypedDict):
    id: int
    title: str
    original_name: str
    sha256: str


class CriterionFacts(TypedDict):
    code: str
    text: str
    source: str


class CaseRef(TypedDict):
    id: int
    reference: str
    title: str


class CaseFacts(TypedDict):
    """Everything about a case a letter may use."""

    case: CaseRef
    sender: SenderFacts
    jobcenter: JobcenterFacts
    decision: DecisionFacts | None
    incidents: list[IncidentFacts]
    linked_incidents: list[IncidentFacts]
    criteria: list[CriterionFacts]
    criteria_codes: list[str]
    has_non_public_data: bool
    bfdi_fits: bool
    evidence: list[EvidenceFacts]
    enclosures: list[str]


class OrganisationFacts(TypedDict):
    name: str
    lines: list[str]
    contact: list[str]
    is_data_protection_body: bool
    may_represent_in_court: bool


class PowerOfAttorneyFacts(TypedDict):
    id: int
    signed_on_display: str
    includes_complaint_mandate: bool
    scope: str
    # The matters it covers (``PowerOfAttorney.MATTERS``; absent in the
    # documents of letters made final before they were recorded).
    matters: list[str]


class LetterDocument(CaseFacts):
    """The full rendering context of one letter version (stored as JSON with
    a final letter, so it must stay JSON-serialisable)."""

    sender_mode: str  # "person" or "organisation"
    organisation: OrganisationFacts | None
    power_of_attorney: PowerOfAttorneyFacts | None
    signer: str
    may_sign: bool
    release_required: bool
    released: bool
    kind: str
    kind_label: str
    version: int
    template_version: str
    subject: str
    body: str
    recipient: RecipientFacts
    options: dict
    planned_channel: str
    date: str
    date_display: str
