"""Requests people write to their own Jobcenter themselves, with nothing stored.

A person picks their Jobcenter, types name, address and BG-Nummer and gets a
ready-to-sign PDF in the same DIN 5008 layout as the group's letters. The
inputs live only in the request: the PDF is rendered in memory and sent back;
no database row, file, cache key or log line holds them. The answer date comes
from the deadline engine (Art. 12 Abs. 3 DSGVO, with the engine's assumed
postal transit); after it, a reminder to the Jobcenter and a complaint to the
competent data-protection authority are offered from the same inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext_noop

from cases.deadlines.compute import DeadlineResult, compute
from cases.deadlines.services import POSTAL_TRANSIT_DAYS
from cases.models import Case, Jobcenter
from letters import routing
from letters.context import recipient_facts
from letters.language import jobcenter_phrase

ACCESS = "auskunft"
ERASURE = "loeschung"
FILE_INSPECTION = "akteneinsicht"
REMINDER = "erinnerung"
COMPLAINT = "beschwerde"

# German, as the letter names them; the form shows them in the page's language.
REQUESTS = {
    ACCESS: gettext_noop("Auskunft über meine Daten (Art. 15 DSGVO, § 83 SGB X)"),
    ERASURE: gettext_noop("Löschung und Einschränkung (Art. 17, 18 DSGVO, § 84 SGB X)"),
    FILE_INSPECTION: gettext_noop("Akteneinsicht (§ 25 SGB X) und Kopie (Art. 15 Abs. 3 DSGVO)"),
}
FOLLOW_UPS = {
    REMINDER: gettext_noop("Erinnerung an das Jobcenter"),
    COMPLAINT: gettext_noop("Beschwerde bei der Datenschutzaufsicht (Art. 77 DSGVO)"),
}
SUBJECTS = {
    ACCESS: "Antrag auf Auskunft nach Art. 15 DSGVO in Verbindung mit § 83 SGB X",
    ERASURE: "Antrag auf Löschung und Einschränkung der Verarbeitung (Art. 17, 18 DSGVO, § 84 SGB X)",
    FILE_INSPECTION: "Antrag auf Akteneinsicht und auf eine Kopie meiner Daten",
    REMINDER: "Erinnerung: mein Antrag vom {sent} nach der Datenschutz-Grundverordnung",
    COMPLAINT: "Beschwerde nach Art. 77 DSGVO: {jobcenter}",
}


class NoAuthority(Exception):
    """The directory lacks the data-protection authority for this Jobcenter."""


@dataclass(frozen=True)
class Person:
    """What the person typed; kept in memory for one request only."""

    name: str
    street: str
    postcode: str
    city: str
    customer_number: str = ""

    @property
    def lines(self) -> list[str]:
        return [self.name, self.street, f"{self.postcode} {self.city}".strip()]


def answer_due(*, jobcenter: Jobcenter, sent_on: date) -> DeadlineResult:
    """When the Jobcenter must answer: one month from receipt, receipt
    assumed after the engine's postal transit (Art. 12 Abs. 3 DSGVO)."""
    return compute(
        "gdpr_access_answer",
        sent_on,
        transit_days=POSTAL_TRANSIT_DAYS,
        region=jobcenter.holiday_region,
        observes_catholic_holidays=jobcenter.observes_catholic_holidays,
    )


def reminder_reply_by(*, jobcenter: Jobcenter, today: date) -> date:
    """The day a reminder asks the Jobcenter to answer by: the engine's
    Wiedervorlage after two weeks (no legal period; off a weekend or holiday)."""
    return compute(
        "letter_follow_up",
        today,
        follow_up_weeks=2,
        region=jobcenter.holiday_region,
        observes_catholic_holidays=jobcenter.observes_catholic_holidays,
    ).due_on


def recipient(*, kind: str, jobcenter: Jobcenter) -> routing.Recipient:
    """Whom a self-service letter goes to, by the one routing function
    (``letters.routing``): a request or reminder to the Jobcenter, to the
    attention of its data-protection officer where the directory says how to
    reach one (rule ``JOBCENTER_DPO``), else to the Jobcenter itself; the
    complaint to the data-protection authority competent for the Jobcenter's
    kind of Träger. The rules read a case's Jobcenter; this case exists in
    memory only and is never saved."""
    in_memory = Case(jobcenter=jobcenter)
    if kind == COMPLAINT:
        try:
            return routing.recipient_for(routing.DATA_PROTECTION, in_memory)
        except routing.RecipientMissing as missing:
            raise NoAuthority(jobcenter.name) from missing
    try:
        return routing.recipient_for(routing.JOBCENTER_DPO, in_memory)
    except routing.RecipientMissing:
        return routing.recipient_for(routing.JOBCENTER, in_memory)


def document(
    *,
    kind: str,
    person: Person,
    jobcenter: Jobcenter,
    today: date,
    procedure_pending: bool = False,
    sent_on: date | None = None,
    original_kind: str = ACCESS,
) -> dict:
    """The rendering context of a self-service letter (the layout's ``doc``)."""
    to = recipient(kind=kind, jobcenter=jobcenter)
    addressed_to = recipient_facts(authority=to.authority, jobcenter=to.jobcenter, rule=to.rule)
    due = answer_due(jobcenter=jobcenter, sent_on=sent_on).due_on if sent_on else None
    facts = {
        "person": person,
        "jobcenter": jobcenter,
        "procedure_pending": procedure_pending,
        "sent_on": sent_on,
        "due_on": due,
        "reply_by": reminder_reply_by(jobcenter=jobcenter, today=today),
        "original_subject": SUBJECTS[original_kind],
        "original_kind": original_kind,
        "jobcenter_acc": jobcenter_phrase(jobcenter.name, "acc"),
    }
    body = render_to_string(f"letters/self/{kind}.txt", facts).strip()
    subject = SUBJECTS[kind].format(
        sent=sent_on.strftime("%d.%m.%Y") if sent_on else "", jobcenter=jobcenter.name
    )
    return {
        "sender_mode": "person",
        "sender": {
            "name": person.name,
            "lines": person.lines,
            "customer_number": person.customer_number,
        },
        "recipient": addressed_to,
        "subject": subject,
        "body": body,
        "kind_label": {**REQUESTS, **FOLLOW_UPS}[kind].split(" (")[0],
        "date": today.isoformat(),
        "date_display": today.strftime("%d.%m.%Y"),
        "enclosures": (
            [f"Kopie meines Antrags vom {sent_on:%d.%m.%Y}"]
            if kind == COMPLAINT and sent_on
            else []
        ),
    }
