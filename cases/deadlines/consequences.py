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
- ``case``: every open deadline of that rule in the case;
- ``about``: the deadlines created by sending the earlier letter this one is
  about (a Sachstandsanfrage: ``Letter.options["about_letter"]``).

A deadline belongs to a Bescheid when it was created from it or from a
letter about it (the Untätigkeitsklage meets the § 88 SGG deadline that the
Widerspruch against the same Bescheid started).

``context`` adds to the computation context of the rules it creates (e.g.
``follow_up_weeks`` for a Wiedervorlage).

Pure data, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cases.deadlines.periods import Context

SCOPE_DECISION = "decision"
SCOPE_CASE = "case"
SCOPE_ABOUT = "about"


@dataclass(frozen=True)
class Consequence:
    completes: tuple[str, ...] = ()
    creates: tuple[str, ...] = ()
    scope: str = SCOPE_CASE
    why: str = ""
    context: Context = field(default_factory=lambda: Context())


# Letters that run no answer period of their own: a Wiedervorlage to ask.
FOLLOW_UP = ("letter_follow_up",)


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
    "loeschung": Consequence(
        creates=("erasure_answer",),
        why="Antwort auf das Verlangen binnen 1 Monat nach Eingang (Art. 12 Abs. 3 DSGVO)",
    ),
    "ueberpruefung": Consequence(
        creates=("inaction_application",),
        why="Überprüfungsantrag gestellt (§ 44 SGB X); Untätigkeitsklage nach 6 Monaten "
        "(§ 88 Abs. 1 Satz 1 SGG)",
    ),
    "klage": Consequence(
        completes=("action",),
        creates=FOLLOW_UP,
        scope=SCOPE_DECISION,
        why="Klage erhoben (§ 87 SGG); Nachfrage nach dem Aktenzeichen des Gerichts",
    ),
    "untaetigkeitsklage": Consequence(
        completes=("inaction_action", "inaction_application"),
        creates=FOLLOW_UP,
        scope=SCOPE_DECISION,
        why="Untätigkeitsklage erhoben (§ 88 SGG); Nachfrage nach dem Aktenzeichen des Gerichts",
    ),
    "aussetzung": Consequence(
        creates=FOLLOW_UP,
        context=Context(follow_up_weeks=2),
        why="Aussetzung beantragt (§ 86a Abs. 3 SGG); ohne Antwort nach 2 Wochen nachfragen "
        "oder das Gericht anrufen (§ 86b Abs. 1 Satz 1 Nr. 2 SGG)",
    ),
    "wiedereinsetzung": Consequence(
        completes=("reinstatement", "reinstatement_limit"),
        creates=FOLLOW_UP,
        scope=SCOPE_DECISION,
        why="Wiedereinsetzung beantragt (§ 67 Abs. 2 SGG, § 84 Abs. 2 Satz 3 SGG bzw. "
        "§ 27 Abs. 2 SGB X)",
    ),
    "sachstandsanfrage": Consequence(
        completes=("complaint_follow_up", "letter_follow_up"),
        creates=FOLLOW_UP,
        scope=SCOPE_ABOUT,
        why="Nach dem Stand gefragt; erneute Wiedervorlage nach 1 Monat",
    ),
    "stpo_beschwerde": Consequence(
        completes=("prosecution_complaint", "prosecution_complaint_unbounded"),
        creates=FOLLOW_UP,
        scope=SCOPE_DECISION,
        why="Beschwerde gegen die Einstellung eingelegt (§ 172 Abs. 1 StPO); Nachfrage nach "
        "1 Monat",
    ),
    # A Dienstaufsichtsbeschwerde and a letter to the data-protection officer
    # run no period (Art. 17 GG; Art. 38 Abs. 4 DSGVO): a Wiedervorlage.
    "dienstaufsicht": Consequence(
        creates=FOLLOW_UP, why="Dienstaufsichtsbeschwerde erhoben; Nachfrage nach 1 Monat"
    ),
    "dsb_jobcenter": Consequence(
        creates=FOLLOW_UP,
        why="Datenschutzbeauftragte/n angeschrieben (Art. 38 Abs. 4 DSGVO); Nachfrage nach 1 Monat",
    ),
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
    "urteil_nzb": Consequence(
        creates=("leave_complaint",),
        why="Berufung nicht zugelassen: Nichtzulassungsbeschwerde binnen 1 Monat (§ 145 SGG)",
    ),
    "beschluss": Consequence(
        creates=("order_complaint",),
        why="Beschluss des Sozialgerichts: Beschwerde binnen 1 Monat (§ 173 SGG)",
    ),
    "beschwerdebescheid": Consequence(
        creates=("compulsory_prosecution",),
        why="Beschwerde zurückgewiesen: Antrag auf gerichtliche Entscheidung binnen 1 Monat "
        "(§ 172 Abs. 2 StPO)",
    ),
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
    "loeschung": Consequence(
        completes=("erasure_answer",),
        why="Antwort auf das Löschungs- und Einschränkungsverlangen erhalten (Art. 12 Abs. 3 DSGVO)",
    ),
    # The answer to an Überprüfungsantrag is a Bescheid: recording it here
    # ends the wait of § 88 Abs. 1 SGG (record the Bescheid too, it starts
    # the Widerspruchsfrist).
    "ueberpruefung": Consequence(
        completes=("inaction_application",),
        why="Bescheid über den Überprüfungsantrag erhalten (§ 88 Abs. 1 SGG)",
    ),
    "klage": Consequence(completes=FOLLOW_UP, why="Eingangsbestätigung des Gerichts erhalten"),
    "untaetigkeitsklage": Consequence(
        completes=FOLLOW_UP, why="Eingangsbestätigung des Gerichts erhalten"
    ),
    "aussetzung": Consequence(completes=FOLLOW_UP, why="Entscheidung über die Aussetzung erhalten"),
    "wiedereinsetzung": Consequence(
        completes=FOLLOW_UP, why="Entscheidung über die Wiedereinsetzung erhalten"
    ),
    "sachstandsanfrage": Consequence(completes=FOLLOW_UP, why="Antwort auf die Nachfrage erhalten"),
    # The Generalstaatsanwaltschaft's answer: if it rejects the Beschwerde,
    # the Klageerzwingungsantrag (§ 172 Abs. 2 StPO) must be computed from
    # its notice on the deadline page.
    "stpo_beschwerde": Consequence(
        completes=FOLLOW_UP, why="Bescheid der Generalstaatsanwaltschaft erhalten"
    ),
    "dienstaufsicht": Consequence(
        completes=FOLLOW_UP, why="Antwort auf die Dienstaufsichtsbeschwerde erhalten"
    ),
    "dsb_jobcenter": Consequence(
        completes=FOLLOW_UP, why="Antwort der/des Datenschutzbeauftragten erhalten"
    ),
}


def awaits_answer(rule: str, letter_kind: str) -> bool:
    """Whether a deadline of ``rule`` started by sending a letter of
    ``letter_kind`` waits for an answer that can be recorded (the same rule
    may wait for a Bescheid instead: § 88 SGG after a Widerspruch)."""
    consequence = ANSWER_RECEIVED.get(letter_kind)
    return consequence is not None and rule in consequence.completes
