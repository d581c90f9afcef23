"""Facts and checks of the letters that continue a procedure: Löschung,
Überprüfung, Klage, Untätigkeitsklage, Aussetzung, Wiedereinsetzung and the
Sachstandsanfrage (registered in ``letters.kinds.KINDS``).

Pure functions of the letter document: dates come from the deadline engine
(``cases.deadlines.compute``), either computed here from the document or
looked up by ``letters.basis`` when the draft is generated and kept in the
letter's options.
"""

from __future__ import annotations

from datetime import date

from cases.deadlines.compute import compute
from cases.deadlines.consequences import LETTER_SENT
from cases.deadlines.periods import Context
from cases.deadlines.review import NORM as REVIEW_NORM
from cases.deadlines.review import reaches_back_to
from cases.deadlines.services import expected_receipt_on, transit_days
from letters.document import LetterDocument


def _display(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _seat(doc: LetterDocument) -> Context:
    recipient = doc["recipient"]
    return Context(
        region=recipient.get("holiday_region") or None,
        observes_catholic_holidays=recipient.get("observes_catholic_holidays", False),
    )


def _date_in_body(doc: LetterDocument, day: date, what: str) -> list[str]:
    """A date the text names must still be the one the engine computes today."""
    if _display(day) in doc["body"]:
        return []
    return [
        f"Bei Versand heute ist {what} der {_display(day)}; dieses Datum steht nicht im Text. "
        "Bitte den Text neu erzeugen oder das Datum korrigieren."
    ]


def about_decision(prefix: str):
    """A subject naming the Bescheid the letter is about: ``prefix`` and its
    date and reference (the kinds using it need a Bescheid)."""

    def subject(doc: LetterDocument) -> str:
        decision = doc["decision"]
        if decision is None:  # needs_decision: never drafted without one
            raise ValueError(f"{prefix}: a Bescheid is needed")
        reference = f", Zeichen {decision['reference']}" if decision["reference"] else ""
        return f"{prefix} {decision['dated_on_display']}{reference}"

    return subject


# --- Löschungs- und Einschränkungsverlangen (Art. 17, 18 DSGVO, § 84 SGB X) ----


def erasure_answer_by(doc: LetterDocument, today: date) -> date:
    """Art. 12 Abs. 3 DSGVO from the expected receipt of today's dispatch."""
    context = _seat(doc)
    context["transit_days"] = transit_days(doc["planned_channel"])
    return compute("erasure_answer", today, **context).due_on


def erasure_details(doc: LetterDocument, today: date) -> dict:
    return {"answer_by_display": _display(erasure_answer_by(doc, today))}


def erasure_checks(doc: LetterDocument, today: date) -> list[str]:
    return _date_in_body(
        doc, erasure_answer_by(doc, today), "die Antwort fällig (Art. 12 Abs. 3 DSGVO) am"
    )


# --- Überprüfungsantrag (§ 44 SGB X, § 40 Abs. 1 Satz 2 SGB II) ----------------


def review_reach(doc: LetterDocument, today: date) -> tuple[date, date]:
    """The expected receipt of today's dispatch and the first benefit day it reaches."""
    received_on = expected_receipt_on(today, doc["planned_channel"])
    first, _steps = reaches_back_to(received_on)
    return received_on, first


def review_details(doc: LetterDocument, today: date) -> dict:
    received_on, first = review_reach(doc, today)
    return {
        "received_display": _display(received_on),
        "received_year": received_on.year,
        "reaches_back_display": _display(first),
        "norm": REVIEW_NORM,
    }


def review_checks(doc: LetterDocument, today: date) -> list[str]:
    received_on, first = review_reach(doc, today)
    problems = _date_in_body(doc, first, "der früheste erreichbare Leistungstag")
    if received_on.year > today.year:
        problems.append(
            f"Bei Versand heute auf dem geplanten Weg geht der Antrag voraussichtlich erst am "
            f"{_display(received_on)} ein: dann fallen die Leistungsmonate des Jahres "
            f"{today.year - 1} heraus ({REVIEW_NORM}). Bitte noch dieses Jahr per Fax oder "
            "persönlich einreichen und den Versandweg ändern."
        )
    return problems


# --- Klage (§ 87 SGG) -------------------------------------------------------------


def action_details(doc: LetterDocument, today: date) -> dict:
    period = doc["options"].get("action_period") or {}
    return {"period": period, "original": doc["options"].get("original")}


def action_checks(doc: LetterDocument, today: date) -> list[str]:
    """The Klage must reach the court within the period of § 87 SGG, as the
    engine computed it (or as staff set it) on the Klagefrist deadline."""
    period = doc["options"].get("action_period")
    if not period:
        return []
    arrival = expected_receipt_on(today, doc["planned_channel"])
    ends_on = date.fromisoformat(period["due_on"])
    if arrival > ends_on:
        return [
            f"Die Klagefrist (§ 87 SGG) endet am {period['due_display']}; bei Versand heute auf "
            f"dem geplanten Weg ist mit Eingang am {_display(arrival)} zu rechnen. Bitte per "
            "Fax, elektronisch (§ 65a SGG) oder persönlich zur Niederschrift beim Gericht "
            "(§ 90 SGG) einreichen und den Versandweg ändern; ist die Frist schon versäumt, "
            "Wiedereinsetzung beantragen (§ 67 SGG)."
        ]
    return []


# --- Untätigkeitsklage (§ 88 SGG) ----------------------------------------------------


def inaction_details(doc: LetterDocument, today: date) -> dict:
    return {"wait": doc["options"].get("inaction") or {}}


def inaction_checks(doc: LetterDocument, today: date) -> list[str]:
    wait = doc["options"].get("inaction")
    if not wait:
        return []
    possible_on = date.fromisoformat(wait["possible_on"])
    if today < possible_on:
        return [
            f"Die Untätigkeitsklage ist erst ab dem {wait['possible_display']} zulässig "
            f"({wait['norm']}); vorher wäre sie unzulässig."
        ]
    return []


# --- Antrag auf Aussetzung der Vollziehung (§ 86a Abs. 3 SGG) -------------------------


def suspension_decide_by(doc: LetterDocument, today: date) -> date:
    """The engine's Wiedervorlage of the request if it is sent today (the
    weeks are those of its entry in ``consequences.LETTER_SENT``)."""
    context: Context = {**LETTER_SENT["aussetzung"].context, **_seat(doc)}
    return compute("letter_follow_up", today, **context).due_on


def suspension_details(doc: LetterDocument, today: date) -> dict:
    lodged_on = doc["options"].get("objection_lodged_on")
    return {
        "decide_by_display": _display(suspension_decide_by(doc, today)),
        "objection_lodged_display": _display(date.fromisoformat(lodged_on)) if lodged_on else "",
    }


def suspension_checks(doc: LetterDocument, today: date) -> list[str]:
    return _date_in_body(
        doc, suspension_decide_by(doc, today), "die erbetene Entscheidung (Wiedervorlage) am"
    )


# --- Antrag auf Wiedereinsetzung (§ 67 SGG / § 27 SGB X) -------------------------------


def reinstatement_details(doc: LetterDocument, today: date) -> dict:
    return {"missed": doc["options"].get("missed") or {}}


def reinstatement_checks(doc: LetterDocument, today: date) -> list[str]:
    missed = doc["options"].get("missed") or {}
    problems = []
    if missed.get("basis") == "sgg" and not missed.get("objection_letter"):
        problems.append(
            "Mit dem Antrag ist die versäumte Handlung nachzuholen (§ 67 Abs. 2 Satz 3 SGG): "
            "bitte zuerst den Widerspruch gegen den Bescheid als Brief anlegen, dann diesen "
            "Text neu erzeugen."
        )
    apply_by = missed.get("apply_by")
    if apply_by and expected_receipt_on(today, doc["planned_channel"]) > date.fromisoformat(
        apply_by
    ):
        problems.append(
            f"Die Antragsfrist des § 67 Abs. 2 Satz 1 SGG endet am {missed['apply_by_display']}; "
            "auf dem geplanten Weg käme der Antrag zu spät an. Bitte per Fax oder persönlich "
            "einreichen und den Versandweg ändern."
        )
    return problems


# --- Sachstandsanfrage --------------------------------------------------------------------


def inquiry_details(doc: LetterDocument, today: date) -> dict:
    return {"about": doc["options"].get("about") or {}}


def inquiry_checks(doc: LetterDocument, today: date) -> list[str]:
    about = doc["options"].get("about") or {}
    if about.get("follow_up_on") and today < date.fromisoformat(about["follow_up_on"]):
        earlier = (
            "Wer früher nachfragen will, verlegt zuerst diese Frist mit Begründung."
            if about.get("follow_up_deadline")
            else "Eine Sachstandsanfrage vorher ist nicht vorgesehen."
        )
        return [
            f"Die Wiedervorlage für diesen Brief ist erst am {about['follow_up_display']} "
            f"({about['follow_up_source']}). {earlier}"
        ]
    return []


# --- Beschwerde gegen die Einstellung (§ 172 Abs. 1 StPO) ------------------------------


def prosecution_details(doc: LetterDocument, today: date) -> dict:
    found = doc["options"].get("prosecution") or {}
    return {
        "complaint": found.get("complaint") or {},
        "period": found.get("period"),
        "unbounded": found.get("unbounded", False),
    }


def prosecution_checks(doc: LetterDocument, today: date) -> list[str]:
    """The two weeks of § 172 Abs. 1 Satz 1 StPO, as the engine computed them."""
    period = (doc["options"].get("prosecution") or {}).get("period")
    if not period:
        return []
    arrival = expected_receipt_on(today, doc["planned_channel"])
    if arrival > date.fromisoformat(period["due_on"]):
        return [
            f"Die Beschwerdefrist (§ 172 Abs. 1 Satz 1 StPO) endet am {period['due_display']}; "
            f"bei Versand heute auf dem geplanten Weg ist mit Eingang am {_display(arrival)} zu "
            "rechnen. Bitte per Fax einreichen oder bei der Staatsanwaltschaft einlegen, die "
            "eingestellt hat (das wahrt die Frist, § 172 Abs. 1 Satz 2 StPO), und den "
            "Versandweg ändern."
        ]
    return []


# --- Dienstaufsichtsbeschwerde ---------------------------------------------------------------


def supervision_details(doc: LetterDocument, today: date) -> dict:
    jobcenter = doc["jobcenter"]
    if jobcenter["kind"] == "gE":
        supervision = (
            "Die Geschäftsführerin oder der Geschäftsführer einer gemeinsamen Einrichtung übt "
            "über deren Beschäftigte die Dienstvorgesetzten- und Vorgesetztenfunktion aus "
            "(§ 44d Abs. 4 SGB II)."
        )
    else:
        supervision = (
            "Die Dienstaufsicht über die Beschäftigten eines zugelassenen kommunalen Trägers "
            "liegt bei der Leitung der kommunalen Verwaltung (Landrätin oder Landrat bzw. "
            "Oberbürgermeisterin oder Oberbürgermeister)."
        )
    staff = sorted({i["staff_member"] for i in doc["incidents"] if i["staff_member"]})
    return {"supervision": supervision, "staff": staff}
