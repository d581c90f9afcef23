"""The JSON-serialisable facts a letter is generated and rendered from.

A letter's template sees only this dictionary, never model instances, so
that the snapshot stored with a final letter is exactly what it was
rendered from. Every value here comes from a structured field; an empty
field stays empty, and the templates leave its sentence out.
"""

from __future__ import annotations

from datetime import date

from cases.criteria import bfdi_position_fits, breaches, is_data_not_generally_accessible
from cases.models import Authority, Case, Decision, Incident, Jobcenter
from cases.remedies import objection_effect
from letters.document import (
    CaseFacts,
    DecisionFacts,
    EvidenceFacts,
    IncidentFacts,
    JobcenterFacts,
    LetterDocument,
    OrganisationFacts,
    PowerOfAttorneyFacts,
    RecipientFacts,
    SeatFacts,
    SenderFacts,
)
from letters.language import jobcenter_phrase
from letters.routing import Recipient, state_name

DATE_FORMAT = "%d.%m.%Y"

# What an incident was, as the person names it in a letter (nominal, so
# that it asserts no more than the recorded kind).
INCIDENT_PHRASES: dict[str, str] = {
    Incident.Kind.PROFILE_RESEARCH: "Recherche über mich in sozialen Netzwerken",
    Incident.Kind.FAKE_PROFILE: (
        "Zugriff auf mein Profil über ein Nutzerkonto, ein Fake-Profil oder eine "
        "Freundschaftsanfrage"
    ),
    Incident.Kind.SEARCH_ENGINE: "Recherche über mich mit einer Suchmaschine",
    Incident.Kind.THIRD_PARTY: "Befragung Dritter über mich",
    Incident.Kind.DATA_PASSED_ON: "Weitergabe von Daten über mich an Dritte",
    Incident.Kind.OTHER: "Erhebung von Daten über mich außerhalb des Verwaltungsverfahrens",
}


def _day(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def sender_of(case: Case) -> SenderFacts:
    person = case.person
    return {
        "name": person.name or "",
        "lines": person.address_lines,
        "street": person.street,
        "postcode": person.postcode,
        "city": person.city,
        "phone": person.phone,
        "email": person.email,
        "customer_number": person.customer_number,
    }


def jobcenter_facts(jobcenter: Jobcenter) -> JobcenterFacts:
    court_party = [line.strip() for line in jobcenter.court_party.splitlines() if line.strip()]
    if not court_party and jobcenter.kind == Jobcenter.Kind.GE:
        # A gemeinsame Einrichtung takes part in proceedings itself.
        court_party = [jobcenter.name, *jobcenter.address_lines]
    return {
        "id": jobcenter.pk,
        "name": jobcenter.name,
        "kind": jobcenter.kind,
        "kind_label": str(jobcenter.get_kind_display()),
        "state": jobcenter.state,
        "state_label": state_name(jobcenter.state),
        "lines": [jobcenter.name, *jobcenter.address_lines],
        "nom": jobcenter_phrase(jobcenter.name, "nom"),
        "acc": jobcenter_phrase(jobcenter.name, "acc"),
        "dat": jobcenter_phrase(jobcenter.name, "dat"),
        "gen": jobcenter_phrase(jobcenter.name, "gen"),
        "court_party": court_party,
        "holiday_region": jobcenter.holiday_region,
        "observes_catholic_holidays": jobcenter.observes_catholic_holidays,
    }


def _seat(seat) -> SeatFacts:
    return {
        "holiday_region": seat.holiday_region,
        "observes_catholic_holidays": seat.observes_catholic_holidays,
        "state": seat.state,
        "state_label": state_name(seat.state),
    }


def recipient_facts(
    *, authority: Authority | None, jobcenter: Jobcenter | None, rule: str = ""
) -> RecipientFacts:
    """The recipient as the letter shows it; ``rule`` says whom at the
    Jobcenter (its data-protection officer, its Dienstaufsicht)."""
    lines = Recipient(authority=authority, jobcenter=jobcenter, rule=rule).lines
    if authority is not None:
        return {
            "type": "authority",
            "id": authority.pk,
            "kind": authority.kind,
            "name": authority.name,
            "is_federal": authority.is_federal,
            "lines": lines,
            "notes": [],
            **_seat(authority),
        }
    if jobcenter is not None:
        return {
            "type": "jobcenter",
            "id": jobcenter.pk,
            "kind": "jobcenter",
            "name": lines[0] if lines else jobcenter.name,
            "is_federal": False,
            "lines": lines,
            "notes": [],
            **_seat(jobcenter),
        }
    return {"type": "", "id": None, "kind": "", "name": "", "lines": [], "notes": []}


def decision_facts(decision: Decision | None) -> DecisionFacts | None:
    if decision is None:
        return None
    effect = objection_effect(decision.kind)
    return {
        "id": decision.pk,
        "kind": decision.kind,
        "kind_label": str(decision.get_kind_display()),
        "reference": decision.reference,
        "dated_on": _iso(decision.dated_on),
        "dated_on_display": _day(decision.dated_on),
        "received_on_display": _day(decision.received_on),
        "has_correct_legal_remedy_notice": decision.has_correct_legal_remedy_notice,
        "incident_ids": sorted(i.pk for i in decision.incidents.all()),
        "objection_effect": effect.code,
        "objection_effect_reason": effect.reason,
        "offers_suspension_request": effect.offers_suspension_request,
    }


def incident_facts(incident: Incident, number: int) -> IncidentFacts:
    label = f"Vorfall {number}"
    platform = incident.get_platform_display() if incident.platform else ""
    if incident.platform in {"", Incident.Platform.OTHER, Incident.Platform.SEARCH}:
        platform = ""
    phrase = INCIDENT_PHRASES.get(incident.kind, INCIDENT_PHRASES[Incident.Kind.OTHER])
    if platform:
        phrase += f" ({platform})"
    is_offender_known = bool(incident.staff_member and incident.learned_of_offender_on)
    return {
        "id": incident.pk,
        "number": number,
        "kind": incident.kind,
        "kind_label": str(incident.get_kind_display()),
        "phrase": phrase,
        "occurred_on": _iso(incident.occurred_on),
        "occurred_on_display": _day(incident.occurred_on),
        "learned_of_act_on": _iso(incident.learned_of_act_on),
        "learned_of_act_on_display": _day(incident.learned_of_act_on),
        "learned_of_offender_on": _iso(incident.learned_of_offender_on),
        "learned_of_offender_on_display": _day(incident.learned_of_offender_on),
        "staff_member": incident.staff_member,
        "is_offender_known": is_offender_known,
        "is_data_public": incident.is_data_public,
        "is_data_not_public": is_data_not_generally_accessible(incident.is_data_public),
        "bfdi_fits": bfdi_position_fits(incident.kind),
        "was_asked_first": incident.was_asked_first,
        "was_informed_afterwards": incident.was_informed_afterwards,
        "was_fraud_suspicion_stated": incident.was_fraud_suspicion_stated,
        "source": f"{label}: Art{', Plattform' if platform else ''}"
        f"{', geschehen am' if incident.occurred_on else ''}",
        "source_staff": f"{label}: Mitarbeiter/in des Jobcenters",
        "source_public": f"{label}: Daten allgemein zugänglich? = nein",
        "source_learned": f"{label}: Kenntnis von der Tat / von der Person des Täters am",
    }


def case_facts(
    *, case: Case, decision: Decision | None = None, options: dict | None = None
) -> CaseFacts:
    """Everything about the case a letter may use; JSON-serialisable."""
    options = options or {}
    incidents = [
        incident_facts(incident, number)
        for number, incident in enumerate(case.incidents.order_by("occurred_on", "pk"), start=1)
    ]
    evidence = [
        EvidenceFacts(id=e.pk, title=e.title, original_name=e.original_name, sha256=e.sha256)
        for e in case.evidence.order_by("created_at", "pk")
    ]
    decision_dict = decision_facts(decision)
    attached = options.get("enclosures")
    enclosed = [e for e in evidence if attached is None or e["id"] in attached]
    enclosures: list[str] = []
    # Only what is attached: the Bescheid's copy unless the user left it out.
    if decision_dict and not options.get("without_decision_copy"):
        enclosures.append(
            f"Kopie des Bescheids vom {decision_dict['dated_on_display']}"
            + (f" ({decision_dict['reference']})" if decision_dict["reference"] else "")
        )
    # The Eilantrag's separate affidavit (§ 86b Abs. 2 Satz 4 SGG, § 920 Abs. 2 ZPO).
    if options.get("with_affidavit"):
        enclosures.append("Versicherung an Eides statt")
    enclosures += [str(e["title"]) for e in enclosed]
    linked_ids = set(decision_dict["incident_ids"]) if decision_dict else set()
    criteria = breaches(incidents)
    return {
        "case": {"id": case.pk, "reference": case.reference, "title": case.title},
        "sender": sender_of(case),
        "jobcenter": jobcenter_facts(case.jobcenter),
        "decision": decision_dict,
        "incidents": incidents,
        "linked_incidents": [i for i in incidents if i["id"] in linked_ids],
        "criteria": [
            {"code": hint.code, "text": hint.letter_text, "source": "Kriterien (cases.criteria)"}
            for hint in criteria
        ],
        "criteria_codes": [hint.code for hint in criteria],
        "has_non_public_data": any(i["is_data_not_public"] for i in incidents),
        "bfdi_fits": any(i["bfdi_fits"] for i in incidents),
        "evidence": evidence,
        "enclosures": enclosures,
    }


def organisation_facts(profile) -> OrganisationFacts | None:
    if profile is None:
        return None
    contact = [
        f"Telefon {profile.phone}" if profile.phone else "",
        f"Fax {profile.fax}" if profile.fax else "",
        profile.email,
        profile.web,
    ]
    return {
        "name": profile.name,
        "lines": [profile.name, *profile.address_lines],
        "contact": [c for c in contact if c],
        "is_data_protection_body": profile.is_data_protection_body,
        "may_represent_in_court": profile.may_represent_in_court,
    }


def power_of_attorney_facts(power) -> PowerOfAttorneyFacts | None:
    if power is None:
        return None
    return {
        "id": power.pk,
        "signed_on_display": _day(power.signed_on),
        "includes_complaint_mandate": power.includes_complaint_mandate,
        "scope": power.scope,
        "matters": [name for name in power.MATTERS if getattr(power, name)],
    }


def letter_document(
    *,
    facts: CaseFacts,
    kind: str,
    kind_label: str,
    version: int,
    template_version: str,
    subject: str,
    body: str,
    recipient: RecipientFacts,
    dated_on: date,
    options: dict | None = None,
    planned_channel: str = "post",
    sender_mode: str = "person",
    organisation: OrganisationFacts | None = None,
    power_of_attorney: PowerOfAttorneyFacts | None = None,
    signer: str = "",
    may_sign: bool = False,
    release_required: bool = False,
    released: bool = False,
    is_enclosure: bool = False,
) -> LetterDocument:
    """The full rendering context of one letter version. A document that is
    itself an enclosure (the affidavit, the Vollmacht) lists no enclosures."""
    facts = CaseFacts(**facts)
    if is_enclosure:
        facts["enclosures"] = []
    elif sender_mode == "organisation" and power_of_attorney:
        facts["enclosures"] = [
            f"Vollmacht vom {power_of_attorney['signed_on_display']}",
            *facts["enclosures"],
        ]
    return {
        **facts,
        "sender_mode": sender_mode,
        "organisation": organisation,
        "power_of_attorney": power_of_attorney,
        "signer": signer,
        "may_sign": may_sign,
        "release_required": release_required,
        "released": released,
        "kind": kind,
        "kind_label": kind_label,
        "version": version,
        "template_version": template_version,
        "subject": subject,
        "body": body,
        "recipient": recipient,
        "options": options or {},
        "planned_channel": planned_channel,
        "date": dated_on.isoformat(),
        "date_display": _day(dated_on),
    }
