"""The letter kinds: template, version, recipient and text of each.

``KINDS[kind]`` answers everything that differs between kinds; the services
and views do not branch on the kind themselves. Dates come from the deadline
engine (``cases.deadlines.compute``), breaches from ``cases.criteria``,
recipients from ``letters.routing.recipient_for``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.criteria import SOURCE_CITATION
from cases.deadlines.compute import compute
from cases.deadlines.services import expected_receipt_on, transit_days
from cases.models import Decision, Incident, PowerOfAttorney
from cases.remedies import (
    DECLARE_SUSPENSIVE_EFFECT,
    ORDER,
    ORDER_SUSPENSIVE_EFFECT,
    interim_remedy,
)
from cases.routing import supervising_dpa
from letters import procedure, routing
from letters.document import LetterDocument
from letters.language import tidy
from letters.models import Letter
from letters.routing import RecipientMissing

__all__ = ["KINDS", "RecipientMissing", "DecisionMissing", "LetterKind"]

# Decisions a Widerspruch can be lodged against (not against the decision
# on a Widerspruch, a judgment or the prosecutor's).
OBJECTIONABLE = (
    Decision.Kind.BENEFITS,
    Decision.Kind.SANCTION,
    Decision.Kind.REVOCATION,
    Decision.Kind.REFUND,
    Decision.Kind.OTHER,
)

# "[… ergänzen]" and the like: text the caseworker still has to write.
PLACEHOLDER = re.compile(r"\[[^\]\n]*(?:ergänzen|prüfen|löschen)[^\]\n]*\]")


class DecisionMissing(Exception):
    """The letter kind needs a decision and the case has none (or several)."""


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _display(day: date) -> str:
    return day.strftime("%d.%m.%Y")


# --- per-kind facts computed from the engine and the criteria -----------------


def criminal_periods(doc: LetterDocument) -> list[dict]:
    """The § 77b StGB period of each incident whose offender is known, from
    the deadline engine, at the seat of the recipient (where the application
    must arrive)."""
    recipient = doc["recipient"]
    periods = []
    seen: set[tuple] = set()
    for item in doc["incidents"]:
        if not (
            item["is_offender_known"]
            and item["learned_of_act_on"]
            and item["learned_of_offender_on"]
        ):
            continue
        act_on = date.fromisoformat(item["learned_of_act_on"])
        offender_on = date.fromisoformat(item["learned_of_offender_on"])
        if (act_on, offender_on) in seen:
            continue
        seen.add((act_on, offender_on))
        result = compute(
            "criminal_complaint",
            offender_on,
            learned_of_act_on=act_on,
            learned_of_offender_on=offender_on,
            region=recipient.get("holiday_region") or None,
            observes_catholic_holidays=recipient.get("observes_catholic_holidays", False),
        )
        periods.append(
            {
                "learned_of_act_display": _display(act_on),
                "learned_of_offender_display": _display(offender_on),
                "ends_on": result.due_on.isoformat(),
                "ends_display": _display(result.due_on),
                "steps": result.steps,
                "source": item["source_learned"],
            }
        )
    return periods


def criminal_details(doc: LetterDocument, today: date) -> dict:
    incidents = doc["incidents"]
    non_public = [i for i in incidents if i["is_data_not_public"]]
    offences = []
    if non_public:
        offences.append(
            {
                "text": "§ 85 Abs. 1 SGB X i. V. m. § 42 Abs. 2 Nr. 1 BDSG (unbefugte "
                "Verarbeitung nicht allgemein zugänglicher Sozialdaten)",
                "source": non_public[0]["source_public"],
            }
        )
    covert = [i for i in non_public if i["kind"] == Incident.Kind.FAKE_PROFILE]
    if covert:
        offences.append(
            {
                "text": "§ 85 Abs. 1 SGB X i. V. m. § 42 Abs. 2 Nr. 2 BDSG (Erschleichen nicht "
                "allgemein zugänglicher Sozialdaten durch unrichtige Angaben, hier über ein "
                "Nutzerkonto, ein Fake-Profil oder eine Freundschaftsanfrage)",
                "source": f"{covert[0]['source']}, {covert[0]['source_public']}",
            }
        )
    disclosures = [
        i
        for i in incidents
        if i["kind"] in {Incident.Kind.THIRD_PARTY, Incident.Kind.DATA_PASSED_ON}
    ]
    if disclosures:
        offences.append(
            {
                "text": "§ 203 Abs. 2 Satz 1 Nr. 1 StGB (Offenbaren eines fremden Geheimnisses, "
                "etwa meines Leistungsbezugs, durch Amtsträger)",
                "source": disclosures[0]["source"],
            }
        )
    return {
        "offences": offences,
        "has_non_public_data": bool(non_public),
        "has_secret_disclosure": bool(disclosures),
        "known_offenders": sorted({i["staff_member"] for i in incidents if i["is_offender_known"]}),
        "periods": criminal_periods(doc),
    }


def criminal_checks(doc: LetterDocument, today: date) -> list[str]:
    """The application must arrive in time: the engine's end of the period
    against the receipt expected for today's dispatch on the planned channel."""
    arrival = expected_receipt_on(today, doc["planned_channel"])
    problems = []
    for period in criminal_periods(doc):
        ends_on = date.fromisoformat(period["ends_on"])
        if arrival > ends_on:
            problems.append(
                f"Die Strafantragsfrist (§ 77b StGB) endet mit Ablauf des {period['ends_display']}; "
                f"bei Versand heute auf dem geplanten Weg ist mit Eingang am {_display(arrival)} "
                "zu rechnen. Bitte per Fax oder persönlich (auch bei jeder Polizeidienststelle "
                "oder jedem Amtsgericht, § 158 Abs. 1 StPO) einreichen und den Versandweg ändern."
            )
    return problems


def dpa_details(doc: LetterDocument, today: date) -> dict:
    jobcenter = doc["jobcenter"]
    supervision = supervising_dpa(jobcenter_kind=jobcenter["kind"], state=jobcenter["state"])
    if jobcenter["kind"] == "gE":
        competence = (
            f"{_capitalised(jobcenter['nom'])} ist eine gemeinsame Einrichtung; zuständig ist daher die "
            f"oder der Bundesbeauftragte für den Datenschutz und die Informationsfreiheit "
            f"({supervision.norm})."
        )
    else:
        competence = (
            f"{_capitalised(jobcenter['nom'])} ist ein zugelassener kommunaler Träger im Land "
            f"{jobcenter['state_label']}; zuständig ist daher die nach dem Recht des Landes "
            f"{jobcenter['state_label']} für die Kontrolle des Datenschutzes zuständige Stelle "
            f"({supervision.norm})."
        )
    return {"competence": competence, "bfdi_source": SOURCE_CITATION}


def answer_by(doc: LetterDocument, today: date) -> date:
    """The day the answer to an access request is due when it is sent today
    on the planned channel (Art. 12 Abs. 3 DSGVO, from the deadline engine)."""
    recipient = doc["recipient"]
    return compute(
        "gdpr_access_answer",
        today,
        transit_days=transit_days(doc["planned_channel"]),
        region=recipient.get("holiday_region") or None,
        observes_catholic_holidays=recipient.get("observes_catholic_holidays", False),
    ).due_on


def access_details(doc: LetterDocument, today: date) -> dict:
    return {"answer_by_display": _display(answer_by(doc, today))}


def access_checks(doc: LetterDocument, today: date) -> list[str]:
    due = _display(answer_by(doc, today))
    if due not in doc["body"]:
        return [
            f"Bei Versand heute ist die Auskunft bis {due} fällig (Art. 12 Abs. 3 DSGVO); "
            "dieses Datum steht nicht im Text. Bitte den Text neu erzeugen oder das Datum "
            "korrigieren."
        ]
    return []


def court_subject(title: str):
    """A court application's subject: ``title`` – the person against the
    party the court proceedings are directed at."""

    def subject(doc: LetterDocument) -> str:
        party = (doc["jobcenter"]["court_party"] or [""])[0]
        return f"{title} – {doc['sender']['name']} gegen {party}"

    return subject


def objection_details(doc: LetterDocument, today: date) -> dict:
    decision = doc["decision"]
    return {
        "suspension_request": bool(
            decision
            and decision["offers_suspension_request"]
            and doc["options"].get("suspension_request")
        )
    }


def interim_details(doc: LetterDocument, today: date) -> dict:
    decision = doc["decision"]
    options = doc["options"]
    lodged_on = options.get("objection_lodged_on")
    remedy = interim_remedy(
        decision_kind=decision["kind"] if decision else None,
        objection_lodged=bool(lodged_on),
        enforced_anyway=bool(options.get("enforced_anyway")),
    )
    # The data-protection application rests on a recorded incident; without
    # one the case supports no claim that data were gathered unlawfully.
    applications = []
    if doc["incidents"]:
        applications.append(
            "den Antragsgegner im Wege der einstweiligen Anordnung (§ 86b Abs. 2 Satz 2 SGG) zu "
            "verpflichten, bis zur Entscheidung in der Hauptsache die Verarbeitung der über mich "
            "außerhalb des Verwaltungsverfahrens erhobenen Daten einzuschränken und sie nicht zu "
            "verwerten sowie es zu unterlassen, ohne meine vorherige Kenntnis weitere Daten über "
            "mich im Internet, in sozialen Netzwerken oder bei Dritten zu erheben,"
        )
    ref = ""
    if decision:
        ref = f"vom {decision['dated_on_display']}" + (
            f" (Zeichen: {decision['reference']})" if decision["reference"] else ""
        )
    if remedy.code == ORDER_SUSPENSIVE_EFFECT:
        applications.append(
            f"die aufschiebende Wirkung meines Widerspruchs gegen den Bescheid {ref} anzuordnen "
            "(§ 86b Abs. 1 Satz 1 Nr. 2 SGG),"
        )
    elif remedy.code == DECLARE_SUSPENSIVE_EFFECT:
        applications.append(
            f"festzustellen, dass mein Widerspruch gegen den Bescheid {ref} aufschiebende "
            "Wirkung hat (entsprechend § 86b Abs. 1 Satz 1 Nr. 2 SGG),"
        )
    elif remedy.code == ORDER and decision:
        applications.append(
            "den Antragsgegner im Wege der einstweiligen Anordnung zu verpflichten, mir "
            f"vorläufig Leistungen nach dem SGB II ohne Berücksichtigung der mit Bescheid {ref} "
            "getroffenen Regelung zu gewähren (§ 86b Abs. 2 Satz 2 SGG),"
        )
    if applications:
        applications[-1] = applications[-1].rstrip(",") + "."
    urgency = ""
    if decision and decision["kind"] in {Decision.Kind.SANCTION, Decision.Kind.REVOCATION}:
        urgency = (
            "Der Bescheid betrifft die Leistungen zur Sicherung meines Lebensunterhalts "
            f"({DECISION_NOUNS[decision['kind']]}); sie sichern mein Existenzminimum."
        )
    lodged_display = ""
    if lodged_on:
        lodged_display = _display(date.fromisoformat(lodged_on))
    return {
        "applications": applications,
        "remedy": remedy.code,
        "remedy_grounds": remedy.grounds if decision else "",
        "decision_says": DECISION_SAYS.get(decision["kind"], "") if decision else "",
        "urgency": urgency,
        "objection_lodged_display": lodged_display,
        "objection_source": options.get("objection_source", "Option: Widerspruch eingelegt am"),
    }


def interim_advice(doc: LetterDocument, today: date) -> list[str]:
    """Why the application asks what it asks about the Bescheid (for the
    caseworker; the letter states only the grounds of what it asks)."""
    decision = doc["decision"]
    if not decision:
        return []
    options = doc["options"]
    return [
        interim_remedy(
            decision_kind=decision["kind"],
            objection_lodged=bool(options.get("objection_lodged_on")),
            enforced_anyway=bool(options.get("enforced_anyway")),
        ).explanation
    ]


# What a Bescheid of each kind decided, as the application states it (no
# more than the recorded kind), and the noun for it.
DECISION_SAYS: dict[str, str] = {
    Decision.Kind.BENEFITS: "über meine Leistungen nach dem SGB II entschieden",
    Decision.Kind.SANCTION: "eine Minderung meiner Leistungen festgestellt",
    Decision.Kind.REVOCATION: "die Bewilligung von Leistungen aufgehoben, zurückgenommen "
    "oder entzogen",
    Decision.Kind.REFUND: "die Erstattung von Leistungen gefordert",
}
DECISION_NOUNS: dict[str, str] = {
    Decision.Kind.SANCTION: "Minderung",
    Decision.Kind.REVOCATION: "Aufhebung, Rücknahme oder Entziehung",
}


def interim_checks(doc: LetterDocument, today: date) -> list[str]:
    if not doc["jobcenter"]["court_party"]:
        return [respondent_missing_message(doc["jobcenter"]["acc"])]
    return []


def interim_application_checks(doc: LetterDocument, today: date) -> list[str]:
    problems = interim_checks(doc, today)
    if not interim_details(doc, today)["applications"]:
        problems.append(
            "Der Eilantrag enthält keinen Antrag: im Fall ist weder ein Vorfall erfasst noch "
            "ein Bescheid, zu dem das Gericht etwas anordnen kann (§ 86b SGG)."
        )
    return problems


def respondent_missing_message(name: str) -> str:
    return (
        f"Im Verzeichnis fehlt für {name} (zugelassener kommunaler Träger), wer vor Gericht "
        "Antragsgegner ist (meist der Kreis oder die kreisfreie Stadt, das Jobcenter selbst nur, "
        "wo das Landesrecht es bestimmt). Bitte im Jobcenter-Verzeichnis unter „Beteiligter vor "
        "Gericht“ eintragen."
    )


def person_address_checks(
    doc: LetterDocument, today: date, *, needs_customer_number: bool = True
) -> list[str]:
    """A letter in the person's name needs their postal address, and the
    BG-Nummer where it goes to the Jobcenter (not the Vollmacht form, which
    the person signs and the group encloses)."""
    sender = doc["sender"]
    missing = []
    if not sender["name"]:
        missing.append("Name")
    if not (sender["street"] and sender["postcode"] and sender["city"]):
        missing.append("Postanschrift (Straße, PLZ, Ort)")
    if (
        needs_customer_number
        and doc["recipient"].get("type") == "jobcenter"
        and not sender["customer_number"]
    ):
        missing.append("Kundennummer / BG-Nummer")
    if missing:
        return [
            "Für einen Brief im Namen der Person fehlt in den Angaben zur Person: "
            + ", ".join(missing)
            + "."
        ]
    return []


def _no_checks(doc: LetterDocument, today: date) -> list[str]:
    return []


def representation_checks(doc: LetterDocument, today: date, *, kind: str) -> list[str]:
    """The group writes as Bevollmächtigte (§ 13 SGB X) only with a valid
    Vollmacht on file and signed by someone the profile lets sign."""
    organisation = doc.get("organisation")
    if organisation is None:
        return ["Das Organisationsprofil der Gruppe ist noch nicht angelegt."]
    problems = []
    power = doc.get("power_of_attorney")
    if power is None:
        problems.append(
            "Für diese Person ist keine gültige Vollmacht hinterlegt (unterschrieben, mit Scan, "
            "nicht widerrufen). Ohne sie kann die Gruppe nicht in ihrem Namen schreiben."
        )
    if not doc.get("may_sign"):
        problems.append(
            f"{doc.get('signer') or 'Niemand'} ist im Organisationsprofil nicht als "
            "zeichnungsberechtigt eingetragen."
        )
    if kind in COURT_KINDS and not organisation["may_represent_in_court"]:
        problems.append(COURT_REPRESENTATION_REFUSED)
    if kind == Letter.Kind.DPA_COMPLAINT and not organisation["is_data_protection_body"]:
        problems.append(
            "Eine Beschwerde im Namen der Person kann die Gruppe nur mit einem Auftrag nach "
            "Art. 80 Abs. 1 DSGVO einlegen: das Organisationsprofil muss die Gruppe als solche "
            "Einrichtung ausweisen (gemeinnützig, Datenschutz als satzungsmäßiges Ziel)."
        )
    matter = matter_needed(kind, doc["options"])
    if power is not None and matter and matter not in power.get("matters", []):
        problems.append(
            _(
                "Die Vollmacht vom %(day)s deckt %(matter)s nicht ab. Bitte eine Vollmacht "
                "hinterlegen, die das umfasst, oder den Brief im Namen der Person schreiben."
            )
            % {"day": power["signed_on_display"], "matter": MATTER_PHRASES[matter]}
        )
    return problems


# What a representative letter of each kind needs the Vollmacht to cover
# (``PowerOfAttorney.MATTERS``). The Vollmacht form itself is always signed by
# the person; a Sachstandsanfrage needs what the letter it asks about needed.
MATTER_OF_KIND: dict[str, str] = {
    Letter.Kind.OBJECTION: "covers_administrative",
    Letter.Kind.ACCESS_REQUEST: "covers_administrative",
    Letter.Kind.FILE_INSPECTION: "covers_administrative",
    Letter.Kind.ERASURE: "covers_administrative",
    Letter.Kind.REVIEW: "covers_administrative",
    Letter.Kind.SUSPENSION: "covers_administrative",
    Letter.Kind.REINSTATEMENT: "covers_administrative",
    Letter.Kind.DPO_LETTER: "covers_administrative",
    Letter.Kind.DPA_COMPLAINT: "includes_complaint_mandate",
    Letter.Kind.CRIMINAL_COMPLAINT: "covers_criminal_complaints",
    Letter.Kind.PROSECUTION_COMPLAINT: "covers_criminal_complaints",
    Letter.Kind.PETITION: "covers_petitions",
    Letter.Kind.SUPERVISORY_COMPLAINT: "covers_petitions",
    Letter.Kind.INTERIM_ORDER: "covers_court",
    Letter.Kind.AFFIDAVIT: "covers_court",
    Letter.Kind.ACTION: "covers_court",
    Letter.Kind.INACTION_ACTION: "covers_court",
}
# Each matter as the refusal names it ("Die Vollmacht vom … deckt … nicht ab").
MATTER_PHRASES = {
    "covers_administrative": gettext_lazy("das Verwaltungsverfahren beim Jobcenter (§ 13 SGB X)"),
    "includes_complaint_mandate": gettext_lazy(
        "Beschwerden bei der Datenschutzaufsicht (Auftrag nach Art. 80 Abs. 1 DSGVO)"
    ),
    "covers_criminal_complaints": gettext_lazy("Strafanträge und Strafanzeigen (§ 158 StPO)"),
    "covers_petitions": gettext_lazy("Petitionen und Dienstaufsichtsbeschwerden"),
    "covers_court": gettext_lazy("Verfahren vor dem Sozialgericht (§ 73 SGG)"),
}


def matter_needed(kind: str, options: dict) -> str | None:
    """The matter a representative letter of ``kind`` needs the Vollmacht to cover."""
    if kind == Letter.Kind.STATUS_INQUIRY:
        kind = (options.get("about") or {}).get("kind", "")
    return MATTER_OF_KIND.get(kind)


def offered_matters(organisation) -> list[str]:
    """The matters the Vollmacht form offers: the Art. 80 Abs. 1 DSGVO mandate
    only where the profile says the group qualifies, the court only where
    § 73 Abs. 2 SGG lets it represent there."""
    offered = []
    for name in PowerOfAttorney.MATTERS:
        if name == "includes_complaint_mandate" and not (
            organisation and organisation["is_data_protection_body"]
        ):
            continue
        if name == "covers_court" and not (organisation and organisation["may_represent_in_court"]):
            continue
        offered.append(name)
    return offered


def power_form_details(doc: LetterDocument, today: date) -> dict:
    """The Vollmacht form prints exactly the matters chosen (all offered ones
    when none were chosen) that the profile offers."""
    offered = offered_matters(doc.get("organisation"))
    chosen = doc["options"].get("matters")
    return {"matters": [m for m in offered if chosen is None or m in chosen]}


def power_form_checks(doc: LetterDocument, today: date) -> list[str]:
    if not power_form_details(doc, today)["matters"]:
        return [
            _("Die Vollmacht nennt keine Angelegenheit: bitte beim Anlegen mindestens eine wählen.")
        ]
    return []


COURT_REPRESENTATION_REFUSED = (
    "Anträge an das Gericht schreibt die Person im eigenen Namen: laut Organisationsprofil darf "
    "die Gruppe nicht vor dem Sozialgericht vertreten (§ 73 Abs. 2 SGG)."
)
COURT_KINDS = frozenset(
    {
        Letter.Kind.INTERIM_ORDER,
        Letter.Kind.AFFIDAVIT,
        Letter.Kind.ACTION,
        Letter.Kind.INACTION_ACTION,
    }
)

# Not a routing rule: a Sachstandsanfrage goes to the recipient of the letter
# it asks about (``letters.basis.recipient_of_inquiry``).
ABOUT_LETTER = "about_letter"


@dataclass(frozen=True)
class LetterKind:
    kind: str
    version: str
    route: str
    subject: Callable[[LetterDocument], str]
    needs_decision: bool = False
    uses_decision: bool = False
    details: Callable[[LetterDocument, date], dict] = field(default=lambda doc, today: {})
    checks: Callable[[LetterDocument, date], list[str]] = _no_checks
    # Channels that do not meet the form the law requires for this kind.
    forbidden_channels: frozenset[str] = frozenset()
    # Channels that are valid but risky: the warning shown when chosen.
    channel_warnings: dict[str, str] = field(default_factory=dict)
    notice: str = ""
    # Advice for the caseworker that depends on the case (shown with the draft).
    advice: Callable[[LetterDocument, date], list[str]] = _no_checks
    is_enclosure: bool = False
    # The letter is about a recorded incident (its facts and the claim that
    # data were gathered unlawfully rest on one).
    needs_incident: bool = False
    # The kinds of Bescheid the letter can be about.
    decision_kinds: tuple[str, ...] = OBJECTIONABLE

    @property
    def label(self) -> str:
        return str(Letter.Kind(self.kind).label)

    @property
    def authority_kind(self) -> str | None:
        return routing.AUTHORITY_KIND.get(self.route)

    @property
    def template_version(self) -> str:
        return f"{self.kind}/{self.version}"

    @property
    def body_template(self) -> str:
        return f"letters/bodies/{self.kind}_v{self.version}.txt"

    def body(self, doc: LetterDocument, today: date) -> tuple[str, list[dict]]:
        """The generated text and the factual claims it makes, each with its source."""
        claims: list[dict] = []
        text = str(
            render_to_string(
                self.body_template,
                {"doc": doc, "extra": self.details(doc, today), "claims": claims},
            )
        )
        text = re.sub(r"\n{3,}", "\n\n", text.strip())
        return tidy(text) + "\n", claims

    def problems(self, doc: LetterDocument, today: date) -> list[str]:
        """What stops this letter from being made final, each as a message."""
        found = [
            f"Der Text enthält noch einen Platzhalter: {m.group(0)}"
            for m in PLACEHOLDER.finditer(doc["body"])
        ]
        if self.needs_incident and not doc["incidents"]:
            found.append(
                f"Der Brief „{self.label}“ stützt sich auf einen Vorfall; im Fall ist keiner "
                "erfasst. Bitte zuerst den Vorfall erfassen und den Text neu erzeugen."
            )
        if doc.get("release_required") and not doc.get("released"):
            found.append(
                f"Dieser Brief ({self.label}) muss vor dem Endgültig-Machen von einer befähigten Person "
                "rechtlich freigegeben werden (§ 6 Abs. 2 RDG, so im Organisationsprofil "
                "festgelegt)."
            )
        if doc.get("sender_mode") == Letter.Sender.ORGANISATION:
            found += representation_checks(doc, today, kind=self.kind)
        else:
            found += person_address_checks(doc, today, needs_customer_number=not self.is_enclosure)
        return found + self.checks(doc, today)


STRAFANTRAG_EMAIL_WARNING = (
    "Ein Strafantrag per einfacher E-Mail kann seit dem 17. Juli 2024 wirksam sein, wenn "
    "Identität und Verfolgungswille sichergestellt sind (§ 158 Abs. 2 StPO); ob das bei einer "
    "E-Mail gelingt, ist unsicher. Empfohlen: unterschriebener Brief per Fax, Post oder "
    "persönliche Abgabe."
)
WRITTEN_FORM = frozenset({Letter.Channel.EMAIL})

KINDS: dict[str, LetterKind] = {
    k.kind: k
    for k in (
        LetterKind(
            kind=Letter.Kind.OBJECTION,
            version="3",
            route=routing.JOBCENTER,
            subject=procedure.about_decision("Widerspruch gegen den Bescheid vom"),
            needs_decision=True,
            uses_decision=True,
            details=objection_details,
            forbidden_channels=WRITTEN_FORM,
        ),
        LetterKind(
            kind=Letter.Kind.INTERIM_ORDER,
            version="3",
            route=routing.SOCIAL_COURT,
            subject=court_subject("Antrag auf einstweiligen Rechtsschutz"),
            uses_decision=True,
            details=interim_details,
            checks=interim_application_checks,
            advice=interim_advice,
            forbidden_channels=WRITTEN_FORM,
        ),
        LetterKind(
            kind=Letter.Kind.AFFIDAVIT,
            version="2",
            route=routing.SOCIAL_COURT,
            subject=lambda doc: "Versicherung an Eides statt",
            checks=interim_checks,
            forbidden_channels=WRITTEN_FORM,
            is_enclosure=True,
        ),
        LetterKind(
            kind=Letter.Kind.POWER_OF_ATTORNEY,
            version="3",
            route=routing.JOBCENTER,
            subject=lambda doc: "Vollmacht",
            details=power_form_details,
            checks=power_form_checks,
            is_enclosure=True,
        ),
        LetterKind(
            kind=Letter.Kind.DPA_COMPLAINT,
            needs_incident=True,
            version="2",
            route=routing.DATA_PROTECTION,
            subject=lambda doc: f"Beschwerde nach Art. 77 DSGVO gegen {doc['jobcenter']['acc']}",
            details=dpa_details,
        ),
        LetterKind(
            kind=Letter.Kind.CRIMINAL_COMPLAINT,
            needs_incident=True,
            version="3",
            route=routing.PROSECUTOR,
            subject=lambda doc: (
                "Strafanzeige und Strafantrag wegen unbefugter Verarbeitung von Sozialdaten "
                f"durch Mitarbeitende {doc['jobcenter']['gen']}"
            ),
            details=criminal_details,
            checks=criminal_checks,
            channel_warnings={Letter.Channel.EMAIL: STRAFANTRAG_EMAIL_WARNING},
        ),
        LetterKind(
            kind=Letter.Kind.ACCESS_REQUEST,
            version="2",
            route=routing.JOBCENTER,
            subject=lambda doc: "Antrag auf Auskunft nach Art. 15 DSGVO und § 83 SGB X",
            details=access_details,
            checks=access_checks,
        ),
        LetterKind(
            kind=Letter.Kind.FILE_INSPECTION,
            version="2",
            route=routing.JOBCENTER,
            subject=lambda doc: "Antrag auf Akteneinsicht nach § 25 SGB X",
            uses_decision=True,
        ),
        LetterKind(
            kind=Letter.Kind.PETITION,
            needs_incident=True,
            version="2",
            route=routing.PETITIONS,
            subject=lambda doc: (
                "Petition: Schutz Leistungsberechtigter vor verdeckten Internetrecherchen "
                f"durch {doc['jobcenter']['acc']}"
            ),
            notice=(
                "Eine Petition hemmt keine Frist: Widerspruchs-, Klage- und Strafantragsfristen "
                "laufen weiter und müssen gesondert gewahrt werden."
            ),
        ),
        LetterKind(
            kind=Letter.Kind.ERASURE,
            version="1",
            route=routing.JOBCENTER,
            subject=lambda doc: (
                "Verlangen auf Löschung und Einschränkung der Verarbeitung "
                "(Art. 17, 18 DSGVO, § 84 SGB X)"
            ),
            details=procedure.erasure_details,
            checks=procedure.erasure_checks,
        ),
        LetterKind(
            kind=Letter.Kind.REVIEW,
            version="1",
            route=routing.JOBCENTER,
            subject=procedure.about_decision("Überprüfungsantrag nach § 44 SGB X zum Bescheid vom"),
            needs_decision=True,
            uses_decision=True,
            decision_kinds=(*OBJECTIONABLE, Decision.Kind.OBJECTION_DECISION),
            details=procedure.review_details,
            checks=procedure.review_checks,
            notice=(
                "Ein Überprüfungsantrag reicht nur bis zum 1. Januar des Jahres vor dem Jahr "
                "seines Eingangs zurück (§ 44 Abs. 4 SGB X mit § 40 Abs. 1 Satz 2 Nr. 2 SGB II); "
                "läuft die Widerspruchsfrist noch, ist der Widerspruch der bessere Weg."
            ),
        ),
        LetterKind(
            kind=Letter.Kind.ACTION,
            version="1",
            route=routing.SOCIAL_COURT,
            subject=court_subject("Klage"),
            needs_decision=True,
            uses_decision=True,
            decision_kinds=(Decision.Kind.OBJECTION_DECISION,),
            details=procedure.action_details,
            checks=lambda doc, today: (
                interim_checks(doc, today) + procedure.action_checks(doc, today)
            ),
            forbidden_channels=WRITTEN_FORM,
        ),
        LetterKind(
            kind=Letter.Kind.INACTION_ACTION,
            version="1",
            route=routing.SOCIAL_COURT,
            subject=court_subject("Untätigkeitsklage"),
            decision_kinds=(*OBJECTIONABLE, Decision.Kind.OBJECTION_DECISION),
            details=procedure.inaction_details,
            checks=lambda doc, today: (
                interim_checks(doc, today) + procedure.inaction_checks(doc, today)
            ),
            forbidden_channels=WRITTEN_FORM,
        ),
        LetterKind(
            kind=Letter.Kind.SUSPENSION,
            version="1",
            route=routing.JOBCENTER,
            subject=procedure.about_decision(
                "Antrag auf Aussetzung der Vollziehung des Bescheids vom"
            ),
            needs_decision=True,
            uses_decision=True,
            decision_kinds=(Decision.Kind.SANCTION, Decision.Kind.REVOCATION),
            details=procedure.suspension_details,
            checks=procedure.suspension_checks,
        ),
        LetterKind(
            kind=Letter.Kind.REINSTATEMENT,
            version="1",
            route=routing.JOBCENTER,
            subject=lambda doc: (
                "Antrag auf Wiedereinsetzung in den vorigen Stand"
                + (
                    f" – Widerspruchsfrist zum Bescheid vom {doc['decision']['dated_on_display']}"
                    if doc["decision"]
                    else ""
                )
            ),
            details=procedure.reinstatement_details,
            checks=procedure.reinstatement_checks,
            forbidden_channels=WRITTEN_FORM,
            notice=(
                "Für eine versäumte Widerspruchsfrist gilt § 67 SGG über § 84 Abs. 2 Satz 3 SGG "
                "(1 Monat nach Wegfall des Hindernisses), nicht § 27 SGB X; § 27 SGB X (2 Wochen) "
                "nur für andere gesetzliche Fristen des Verwaltungsverfahrens. Wiedereinsetzung "
                "in eine Frist des Gerichts beantragt man beim Gericht (§ 67 Abs. 4 SGG)."
            ),
        ),
        LetterKind(
            kind=Letter.Kind.STATUS_INQUIRY,
            version="1",
            route=ABOUT_LETTER,
            subject=lambda doc: (
                f"Sachstandsanfrage zu meinem Schreiben vom {doc['options']['about']['sent_display']}"
                f" ({doc['options']['about']['kind_label']})"
            ),
            details=procedure.inquiry_details,
            checks=procedure.inquiry_checks,
        ),
        LetterKind(
            kind=Letter.Kind.PROSECUTION_COMPLAINT,
            version="1",
            route=routing.GENERAL_PROSECUTOR,
            subject=lambda doc: (
                "Beschwerde gegen die Einstellung des Ermittlungsverfahrens"
                + (
                    f", Aktenzeichen {doc['decision']['reference']}"
                    if doc["decision"] and doc["decision"]["reference"]
                    else ""
                )
            ),
            needs_decision=True,
            uses_decision=True,
            decision_kinds=(Decision.Kind.PROSECUTION_DROPPED,),
            details=lambda doc, today: {
                **procedure.prosecution_details(doc, today),
                "offences": criminal_details(doc, today)["offences"],
            },
            checks=procedure.prosecution_checks,
            notice=(
                "Die Frist von zwei Wochen (§ 172 Abs. 1 Satz 1 StPO) wahrt auch die Einlegung "
                "bei der Staatsanwaltschaft, die eingestellt hat (§ 172 Abs. 1 Satz 2 StPO)."
            ),
        ),
        LetterKind(
            kind=Letter.Kind.SUPERVISORY_COMPLAINT,
            needs_incident=True,
            version="1",
            route=routing.SUPERVISION,
            subject=lambda doc: (
                f"Dienstaufsichtsbeschwerde gegen Mitarbeitende {doc['jobcenter']['gen']}"
            ),
            details=procedure.supervision_details,
            notice=(
                "Eine Dienstaufsichtsbeschwerde ist form- und fristlos und hemmt keine Frist: "
                "Widerspruchs-, Klage- und Strafantragsfristen laufen weiter."
            ),
        ),
        LetterKind(
            kind=Letter.Kind.DPO_LETTER,
            needs_incident=True,
            version="1",
            route=routing.JOBCENTER_DPO,
            subject=lambda doc: (
                "Datenschutz: Erhebung von Daten über mich außerhalb des Verwaltungsverfahrens "
                "(Art. 38 Abs. 4 DSGVO)"
            ),
        ),
    )
}


# The set of drafts one click produces for a surveillance incident.
SURVEILLANCE_BUNDLE = (
    Letter.Kind.OBJECTION,
    Letter.Kind.ACCESS_REQUEST,
    Letter.Kind.DPA_COMPLAINT,
    Letter.Kind.CRIMINAL_COMPLAINT,
)


def objectionable_decisions(case, kinds: tuple[str, ...] = OBJECTIONABLE) -> list[Decision]:
    """The case's Bescheide of ``kinds`` (default: those a Widerspruch can be
    lodged against), newest first."""
    return list(case.decisions.filter(kind__in=kinds).order_by("-dated_on", "-pk"))
