"""The JSON-serialisable facts a letter is generated and rendered from.

A letter's template sees only this dictionary, never model instances, so
that the snapshot stored with a final letter is exactly what it was
rendered from.
"""

from __future__ import annotations

from datetime import date

from cases.models import Authority, Case, Decision, Incident, Jobcenter

DATE_FORMAT = "%d.%m.%Y"


def _day(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def sender_of(case: Case) -> dict:
    person = case.person
    return {
        "name": person.name or "",
        "lines": person.address_lines,
        "city": person.city,
        "phone": person.phone,
        "email": person.email,
        "customer_number": person.customer_number,
    }


def jobcenter_facts(jobcenter: Jobcenter) -> dict:
    return {
        "id": jobcenter.pk,
        "name": jobcenter.name,
        "kind": jobcenter.kind,
        "kind_label": str(jobcenter.get_kind_display()),
        "state": jobcenter.state,
        "state_label": str(jobcenter.get_state_display()),
        "lines": [jobcenter.name, *jobcenter.address_lines],
    }


def recipient_facts(*, authority: Authority | None, jobcenter: Jobcenter | None) -> dict:
    if authority is not None:
        return {
            "type": "authority",
            "id": authority.pk,
            "kind": authority.kind,
            "name": authority.name,
            "lines": [authority.name, *authority.address_lines],
            "notes": [],
        }
    if jobcenter is not None:
        return {
            "type": "jobcenter",
            "id": jobcenter.pk,
            "kind": "jobcenter",
            "name": jobcenter.name,
            "lines": [jobcenter.name, *jobcenter.address_lines],
            "notes": [],
        }
    return {"type": "", "id": None, "kind": "", "name": "", "lines": [], "notes": []}


def decision_facts(decision: Decision | None) -> dict | None:
    if decision is None:
        return None
    return {
        "id": decision.pk,
        "kind": decision.kind,
        "kind_label": str(decision.get_kind_display()),
        "reference": decision.reference,
        "dated_on": _iso(decision.dated_on),
        "dated_on_display": _day(decision.dated_on),
        "received_on_display": _day(decision.received_on),
        "summary": decision.summary,
        "has_correct_legal_remedy_notice": decision.has_correct_legal_remedy_notice,
    }


def incident_facts(incident: Incident) -> dict:
    return {
        "id": incident.pk,
        "kind": incident.kind,
        "kind_label": str(incident.get_kind_display()),
        "platform": incident.platform,
        "platform_label": str(incident.get_platform_display()) if incident.platform else "",
        "occurred_on": _iso(incident.occurred_on),
        "occurred_on_display": _day(incident.occurred_on),
        "learned_of_act_on_display": _day(incident.learned_of_act_on),
        "learned_of_offender_on": _iso(incident.learned_of_offender_on),
        "learned_of_offender_on_display": _day(incident.learned_of_offender_on),
        "staff_member": incident.staff_member,
        "description": incident.description,
        "was_asked_first": incident.was_asked_first,
        "was_informed_afterwards": incident.was_informed_afterwards,
        "was_fraud_suspicion_stated": incident.was_fraud_suspicion_stated,
    }


def breached_criteria(incidents: list[dict]) -> list[str]:
    """The BfDI criteria for Internet research by Jobcenters that the
    recorded incidents show as breached (each named once)."""
    found: list[str] = []

    def add(text: str) -> None:
        if text not in found:
            found.append(text)

    for item in incidents:
        if item["was_fraud_suspicion_stated"] is False:
            add(
                "Es bestand kein konkreter, dokumentierter Verdacht auf Leistungsmissbrauch, "
                "jedenfalls wurde mir keiner genannt."
            )
        if item["was_asked_first"] is False:
            add(
                "Ich wurde vorher nicht gefragt und nicht aufgefordert, die Angaben selbst zu "
                "machen oder zu belegen (Vorrang der Erhebung bei der betroffenen Person, "
                "§ 67a Abs. 2 Satz 1 SGB X)."
            )
        if item["was_informed_afterwards"] is False:
            add(
                "Ich wurde auch nachträglich nicht über die Datenerhebung informiert "
                "(Art. 13, 14 DSGVO, § 82a SGB X)."
            )
        if item["kind"] == Incident.Kind.FAKE_PROFILE:
            add(
                "Für die Recherche wurde ein Nutzerkonto, ein Fake-Profil oder eine "
                "Freundschaftsanfrage genutzt, um nicht öffentliche Inhalte zu sehen; eine "
                "solche verdeckte Datenerhebung ist von keiner Befugnisnorm gedeckt."
            )
        if item["kind"] == Incident.Kind.THIRD_PARTY:
            add(
                "Dritte wurden ohne mein Wissen befragt; dabei wurde zugleich offenbart, dass "
                "ich Leistungen beziehe (Sozialgeheimnis, § 35 SGB I)."
            )
        if item["kind"] == Incident.Kind.DATA_PASSED_ON:
            add(
                "Daten über mich wurden ohne Übermittlungsbefugnis (§§ 67d ff. SGB X) an Dritte "
                "weitergegeben."
            )
    return found


def case_facts(*, case: Case, decision: Decision | None = None) -> dict:
    """Everything about the case a letter may use; JSON-serialisable."""
    incidents = [incident_facts(i) for i in case.incidents.order_by("occurred_on", "pk")]
    evidence = [
        {"id": e.pk, "title": e.title, "original_name": e.original_name, "sha256": e.sha256}
        for e in case.evidence.order_by("created_at", "pk")
    ]
    decision_dict = decision_facts(decision)
    enclosures: list[str] = []
    if decision_dict:
        enclosures.append(
            f"Kopie des Bescheids vom {decision_dict['dated_on_display']}"
            + (f" ({decision_dict['reference']})" if decision_dict["reference"] else "")
        )
    enclosures += [str(e["title"]) for e in evidence]
    return {
        "case": {"id": case.pk, "reference": case.reference, "title": case.title},
        "sender": sender_of(case),
        "jobcenter": jobcenter_facts(case.jobcenter),
        "decision": decision_dict,
        "incidents": incidents,
        "criteria": breached_criteria(incidents),
        "evidence": evidence,
        "enclosures": enclosures,
    }


def letter_document(
    *,
    facts: dict,
    kind: str,
    kind_label: str,
    version: int,
    template_version: str,
    subject: str,
    body: str,
    recipient: dict,
    dated_on: date,
) -> dict:
    """The full rendering context of one letter version."""
    return {
        **facts,
        "kind": kind,
        "kind_label": kind_label,
        "version": version,
        "template_version": template_version,
        "subject": subject,
        "body": body,
        "recipient": recipient,
        "date": dated_on.isoformat(),
        "date_display": _day(dated_on),
    }
