"""The letter kinds: template, version, recipient and text of each.

``KINDS[kind]`` answers everything that differs between kinds; the services
and views do not branch on the kind themselves.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string

from advocacy.models import Bundesland
from cases.models import Authority, Case, Decision, Incident, Jobcenter
from cases.routing import FEDERAL, supervising_dpa
from letters.models import Letter

# Decisions a Widerspruch can be lodged against (not against the decision
# on a Widerspruch, a judgment or the prosecutor's).
OBJECTIONABLE = (
    Decision.Kind.BENEFITS,
    Decision.Kind.SANCTION,
    Decision.Kind.REVOCATION,
    Decision.Kind.OTHER,
)


class RecipientMissing(Exception):
    """The directory has no authority this letter can be addressed to."""


class DecisionMissing(Exception):
    """The letter kind needs a decision and the case has none."""


@dataclass(frozen=True)
class Recipient:
    authority: Authority | None = None
    jobcenter: Jobcenter | None = None


def _state_name(code: str) -> str:
    try:
        return str(Bundesland(code).label)
    except ValueError:
        return code


def _pick(candidates: list[Authority], *, city: str = "", prefer: Callable | None = None):
    """The best candidate: the preferred kind first, then one seated in
    ``city``, then by name."""
    if not candidates:
        return None

    def rank(a: Authority) -> tuple:
        return (
            0 if prefer is None or prefer(a) else 1,
            0 if city and a.city == city else 1,
            a.name,
        )

    return sorted(candidates, key=rank)[0]


def to_jobcenter(case: Case) -> Recipient:
    return Recipient(jobcenter=case.jobcenter)


def to_social_court(case: Case) -> Recipient:
    state = case.jobcenter.state
    found = _pick(
        list(Authority.objects.filter(kind=Authority.Kind.SOCIAL_COURT, jurisdiction_state=state)),
        city=case.person.city or case.jobcenter.city,
    )
    if found is None:
        raise RecipientMissing(
            f"Im Behördenverzeichnis fehlt ein Sozialgericht für {_state_name(state)}."
        )
    return Recipient(authority=found)


def _is_public_sector_commissioner(authority: Authority) -> bool:
    # Bavaria has two: the Landesbeauftragte for public bodies and the
    # Landesamt für Datenschutzaufsicht for private ones.
    return "aufsicht" not in authority.name.lower()


def to_data_protection_authority(case: Case) -> Recipient:
    jobcenter = case.jobcenter
    supervision = supervising_dpa(jobcenter_kind=jobcenter.kind, state=jobcenter.state)
    qs = Authority.objects.filter(kind=Authority.Kind.DATA_PROTECTION)
    if supervision.level == FEDERAL:
        qs = qs.filter(is_federal=True)
        where = "den Bund (BfDI)"
    else:
        qs = qs.filter(is_federal=False, jurisdiction_state=supervision.level)
        where = _state_name(supervision.level)
    found = _pick(list(qs), prefer=_is_public_sector_commissioner)
    if found is None:
        raise RecipientMissing(f"Im Behördenverzeichnis fehlt die Datenschutzaufsicht für {where}.")
    return Recipient(authority=found)


def to_prosecutor(case: Case) -> Recipient:
    state = case.jobcenter.state
    found = _pick(
        list(Authority.objects.filter(kind=Authority.Kind.PROSECUTOR, jurisdiction_state=state)),
        city=case.jobcenter.city,
    )
    if found is None:
        raise RecipientMissing(
            f"Im Behördenverzeichnis fehlt eine Staatsanwaltschaft für {_state_name(state)}."
        )
    return Recipient(authority=found)


def to_petitions_committee(case: Case) -> Recipient:
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
            f"{_state_name(jobcenter.state)})."
        )
    return Recipient(authority=found)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day if it is shorter
    (§ 188 Abs. 2, 3 BGB: 30.11. + 3 months → 28./29.02.)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def criminal_details(doc: dict, today: date) -> dict:
    incidents = doc["incidents"]
    kinds = {i["kind"] for i in incidents}
    offences = [
        "§ 85 Abs. 1 SGB X i. V. m. § 42 Abs. 2 Nr. 1 BDSG (unbefugte Verarbeitung nicht "
        "allgemein zugänglicher Sozialdaten in der Absicht, mich zu schädigen)"
    ]
    if Incident.Kind.FAKE_PROFILE in kinds:
        offences.append(
            "§ 85 Abs. 1 SGB X i. V. m. § 42 Abs. 2 Nr. 2 BDSG (Erschleichen nicht allgemein "
            "zugänglicher Daten durch unrichtige Angaben, hier über ein verdecktes Nutzerkonto "
            "bzw. eine Freundschaftsanfrage)"
        )
    has_secret_disclosure = bool(kinds & {Incident.Kind.THIRD_PARTY, Incident.Kind.DATA_PASSED_ON})
    if has_secret_disclosure:
        offences.append(
            "§ 203 Abs. 2 StGB (Offenbaren eines fremden Geheimnisses, nämlich meines "
            "Leistungsbezugs, durch Amtsträger)"
        )
    deadlines = []
    seen: set[str] = set()
    for item in incidents:
        if not item["learned_of_offender_on"] or item["learned_of_offender_on"] in seen:
            continue
        seen.add(item["learned_of_offender_on"])
        learned = date.fromisoformat(item["learned_of_offender_on"])
        ends = add_months(learned, 3)
        deadlines.append(
            {
                "occurred_on_display": item["occurred_on_display"],
                "learned_display": item["learned_of_offender_on_display"],
                "ends_display": ends.strftime("%d.%m.%Y"),
                "is_timely": today <= ends,
            }
        )
    staff = sorted({i["staff_member"] for i in incidents if i["staff_member"]})
    return {
        "offences": offences,
        "has_secret_disclosure": has_secret_disclosure,
        "deadlines": deadlines,
        "staff_members": staff,
    }


def dpa_details(doc: dict, today: date) -> dict:
    jobcenter = doc["jobcenter"]
    return {
        "dpa_reason": supervising_dpa(
            jobcenter_kind=jobcenter["kind"], state=jobcenter["state"]
        ).reason
    }


def _decision_part(doc: dict) -> str:
    d = doc["decision"]
    if not d:
        return ""
    ref = f", Zeichen {d['reference']}" if d["reference"] else ""
    return f"den Bescheid vom {d['dated_on_display']} ({d['kind_label']}{ref})"


@dataclass(frozen=True)
class LetterKind:
    kind: str
    version: str
    recipient: Callable[[Case], Recipient]
    subject: Callable[[dict], str]
    needs_decision: bool = False
    uses_decision: bool = False
    authority_kind: str | None = None
    details: Callable[[dict, date], dict] = field(default=lambda doc, today: {})

    @property
    def label(self) -> str:
        return str(Letter.Kind(self.kind).label)

    @property
    def template_version(self) -> str:
        return f"{self.kind}/{self.version}"

    @property
    def body_template(self) -> str:
        return f"letters/bodies/{self.kind}_v{self.version}.txt"

    def body(self, doc: dict, today: date) -> str:
        text = render_to_string(self.body_template, {"doc": doc, "extra": self.details(doc, today)})
        return text.strip() + "\n"


KINDS: dict[str, LetterKind] = {
    k.kind: k
    for k in (
        LetterKind(
            kind=Letter.Kind.OBJECTION,
            version="1",
            recipient=to_jobcenter,
            subject=lambda doc: f"Widerspruch gegen {_decision_part(doc)}",
            needs_decision=True,
            uses_decision=True,
        ),
        LetterKind(
            kind=Letter.Kind.INTERIM_ORDER,
            version="1",
            recipient=to_social_court,
            subject=lambda doc: (
                "Antrag auf Erlass einer einstweiligen Anordnung (§ 86b Abs. 2 SGG) – "
                f"{doc['sender']['name']} gegen {doc['jobcenter']['name']}"
            ),
            uses_decision=True,
            authority_kind=Authority.Kind.SOCIAL_COURT,
        ),
        LetterKind(
            kind=Letter.Kind.DPA_COMPLAINT,
            version="1",
            recipient=to_data_protection_authority,
            subject=lambda doc: f"Beschwerde nach Art. 77 DSGVO gegen {doc['jobcenter']['name']}",
            authority_kind=Authority.Kind.DATA_PROTECTION,
            details=dpa_details,
        ),
        LetterKind(
            kind=Letter.Kind.CRIMINAL_COMPLAINT,
            version="1",
            recipient=to_prosecutor,
            subject=lambda doc: (
                "Strafanzeige und Strafantrag wegen unbefugter Verarbeitung von Sozialdaten "
                f"durch Mitarbeitende des {doc['jobcenter']['name']}"
            ),
            authority_kind=Authority.Kind.PROSECUTOR,
            details=criminal_details,
        ),
        LetterKind(
            kind=Letter.Kind.ACCESS_REQUEST,
            version="1",
            recipient=to_jobcenter,
            subject=lambda doc: "Antrag auf Auskunft nach Art. 15 DSGVO und § 83 SGB X",
        ),
        LetterKind(
            kind=Letter.Kind.FILE_INSPECTION,
            version="1",
            recipient=to_jobcenter,
            subject=lambda doc: "Antrag auf Akteneinsicht nach § 25 SGB X",
            uses_decision=True,
        ),
        LetterKind(
            kind=Letter.Kind.PETITION,
            version="1",
            recipient=to_petitions_committee,
            subject=lambda doc: (
                "Petition: Schutz Leistungsberechtigter vor verdeckten Internetrecherchen "
                f"durch das {doc['jobcenter']['name']}"
            ),
            authority_kind=Authority.Kind.PETITIONS,
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


def latest_objectionable_decision(case: Case) -> Decision | None:
    return case.decisions.filter(kind__in=OBJECTIONABLE).order_by("-dated_on", "-pk").first()
