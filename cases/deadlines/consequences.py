"""What an act does to the deadlines of its case: the one table.

Sending a letter (``letters.services.letter_mark_sent`` calls
``deadlines_for_letter_sent``), recording a Bescheid (``decision_record``)
and recording the answer to a letter (the deadline page) look up here which
open deadlines they complete and which rules they start; the dates
themselves come from ``compute``. Letters never compute dates.

Scope of what is completed:

- ``decision``: the deadlines of the Bescheid the letter answers
  (``Letter.decision``); without one, the case's only open deadline of that
  rule (with several, nothing is completed and the timeline says so);
- ``case``: every open deadline of that rule in the case.

Pure data, no database.
"""

from __future__ import annotations

from dataclasses import dataclass

SCOPE_DECISION = "decision"
SCOPE_CASE = "case"


@dataclass(frozen=True)
class Consequence:
    completes: tuple[str, ...] = ()
    creates: tuple[str, ...] = ()
    scope: str = SCOPE_CASE
    why: str = ""


# Sending a letter, by ``letters.models.Letter.Kind`` value.
LETTER_SENT: dict[str, Consequence] = {
    "widerspruch": Consequence(
        completes=("objection", "remedy_without_notice"),
        creates=("inaction_action",),
        scope=SCOPE_DECISION,
        why="Widerspruch eingelegt (§ 84 SGG); Untätigkeitsklage nach 3 Monaten (§ 88 Abs. 2 SGG)",
    ),
    "auskunft": Consequence(
        creates=("gdpr_access_answer",),
        why="Auskunft binnen 1 Monat nach Eingang (Art. 12 Abs. 3 DSGVO)",
    ),
    "dsgvo_beschwerde": Consequence(
        creates=("dpa_inaction",),
        why="Klage, wenn die Aufsicht binnen 3 Monaten nicht unterrichtet (Art. 78 Abs. 2 DSGVO)",
    ),
    "strafantrag": Consequence(
        completes=("criminal_complaint",),
        creates=("complaint_follow_up",),
        why="Strafantrag gestellt (§ 77b StGB, § 158 Abs. 2 StPO); Nachfrage nach 1 Monat",
    ),
    # An Eilantrag, an Akteneinsicht (§ 25 SGB X) and a petition (Art. 17 GG)
    # run no period of their own.
    "eilantrag": Consequence(),
    "akteneinsicht": Consequence(),
    "petition": Consequence(),
    # The Vollmacht form and the affidavit are signed by the person and
    # enclosed, not sent to an authority on their own.
    "vollmacht": Consequence(),
    "versicherung": Consequence(),
}

# Recording a Bescheid, by ``cases.models.Decision.Kind`` value: the answer
# it is completes what waited for it; the deadlines it starts are in
# ``services._decision_specs``.
DECISION_RECORDED: dict[str, Consequence] = {
    "widerspruchsbescheid": Consequence(
        completes=("inaction_action",),
        creates=("action",),
        why="Widerspruchsbescheid erlassen: keine Untätigkeit mehr (§ 88 Abs. 2 SGG)",
    ),
    "einstellung": Consequence(
        completes=("complaint_follow_up",),
        creates=("prosecution_complaint",),
        why="Bescheid der Staatsanwaltschaft erhalten (§ 171 StPO)",
    ),
    "urteil": Consequence(creates=("appeal",)),
    "leistung": Consequence(creates=("objection",)),
    "minderung": Consequence(creates=("objection",)),
    "aufhebung": Consequence(creates=("objection",)),
    "erstattung": Consequence(creates=("objection",)),
    "sonstiger": Consequence(creates=("objection",)),
}

# Recording the answer to a letter (on the page of the deadline that waits
# for it), by the letter's kind. A Widerspruchsbescheid is recorded as a
# Bescheid instead: that also starts the Klagefrist.
ANSWER_RECEIVED: dict[str, Consequence] = {
    "auskunft": Consequence(
        completes=("gdpr_access_answer",),
        why="Auskunft erhalten (Art. 15 DSGVO)",
    ),
    "dsgvo_beschwerde": Consequence(
        completes=("dpa_inaction",),
        why="Unterrichtung durch die Aufsichtsbehörde (Art. 77 Abs. 2 DSGVO)",
    ),
    "strafantrag": Consequence(
        completes=("complaint_follow_up",),
        why="Aktenzeichen bzw. Nachricht der Staatsanwaltschaft erhalten",
    ),
}


def awaits_answer(rule: str) -> bool:
    """Whether a deadline of ``rule`` waits for an answer that can be recorded."""
    return any(rule in consequence.completes for consequence in ANSWER_RECEIVED.values())
