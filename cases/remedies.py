"""Which interim remedy fits a Bescheid (pure, no database).

A Widerspruch suspends the Bescheid (§ 86a Abs. 1 Satz 1 SGG) unless a law
says otherwise. § 39 Nr. 1 SGB II says otherwise for a Bescheid that
cancels, withdraws, revokes or takes away benefits (aufheben, zurücknehmen,
widerrufen, entziehen) or records a breach of duty and reduces the payment
(Minderung). A mere Erstattungsbescheid (§ 50 SGB X) is not named there, so
its Widerspruch suspends. Where the Widerspruch does not suspend, the
Jobcenter may suspend enforcement itself (§ 86a Abs. 3 SGG) and the court
may order the suspensive effect (§ 86b Abs. 1 Satz 1 Nr. 2 SGG); where it
suspends and the Jobcenter enforces anyway, the court declares the
suspensive effect (by analogy to § 86b Abs. 1 Satz 1 Nr. 2 SGG); where
benefits are refused or there is no Bescheid, only an order under
§ 86b Abs. 2 SGG helps.
"""

from __future__ import annotations

from dataclasses import dataclass

SUSPENDS = "suspends"
NO_SUSPENSIVE_EFFECT = "no_suspensive_effect"
NOTHING_TO_SUSPEND = "nothing_to_suspend"
UNKNOWN = "unknown"

# Decision kinds (cases.models.Decision.Kind values) by effect of a Widerspruch.
_EFFECT = {
    "minderung": (
        NO_SUSPENSIVE_EFFECT,
        "Der Widerspruch gegen eine Minderung hat keine aufschiebende Wirkung (§ 39 Nr. 1 SGB II).",
    ),
    "aufhebung": (
        NO_SUSPENSIVE_EFFECT,
        "Der Widerspruch gegen eine Aufhebung, Rücknahme oder Entziehung von Leistungen hat "
        "keine aufschiebende Wirkung (§ 39 Nr. 1 SGB II).",
    ),
    "erstattung": (
        SUSPENDS,
        "Der Widerspruch gegen einen Erstattungsbescheid hat aufschiebende Wirkung "
        "(§ 86a Abs. 1 Satz 1 SGG; § 39 SGB II erfasst ihn nicht).",
    ),
    "leistung": (
        NOTHING_TO_SUSPEND,
        "Gegen die Ablehnung oder zu niedrige Bewilligung von Leistungen hilft die "
        "aufschiebende Wirkung nicht; vorläufige Leistungen gibt es nur durch eine "
        "einstweilige Anordnung (§ 86b Abs. 2 SGG).",
    ),
}


@dataclass(frozen=True)
class Effect:
    code: str
    reason: str

    @property
    def offers_suspension_request(self) -> bool:
        """Whether asking the Jobcenter to suspend enforcement (§ 86a Abs. 3 SGG) makes sense."""
        return self.code == NO_SUSPENSIVE_EFFECT


def objection_effect(decision_kind: str) -> Effect:
    """What a Widerspruch against a Bescheid of this kind does to its enforcement."""
    code, reason = _EFFECT.get(
        decision_kind,
        (
            UNKNOWN,
            "Ob der Widerspruch aufschiebende Wirkung hat, hängt vom Inhalt des Bescheids ab "
            "(§ 86a Abs. 1 SGG, § 39 SGB II): bitte prüfen.",
        ),
    )
    return Effect(code, reason)


# The remedies an Eilantrag can ask for about a Bescheid.
ORDER = "order"  # § 86b Abs. 2 SGG
ORDER_SUSPENSIVE_EFFECT = "order_suspensive_effect"  # § 86b Abs. 1 Satz 1 Nr. 2 SGG
DECLARE_SUSPENSIVE_EFFECT = "declare_suspensive_effect"  # analogy to § 86b Abs. 1
NONE = "none"  # no application about the Bescheid (yet)

REMEDY_NORMS = {
    ORDER: "§ 86b Abs. 2 Satz 2 SGG",
    ORDER_SUSPENSIVE_EFFECT: "§ 86b Abs. 1 Satz 1 Nr. 2 SGG",
    DECLARE_SUSPENSIVE_EFFECT: "entsprechend § 86b Abs. 1 Satz 1 Nr. 2 SGG",
    NONE: "",
}


@dataclass(frozen=True)
class Remedy:
    code: str
    # For the caseworker: why this remedy (or none) fits the situation.
    explanation: str
    # For the court: the grounds the application states for it, in the
    # applicant's words; empty where the application asks nothing about the
    # Bescheid (then nothing about the Bescheid's remedy is written).
    grounds: str = ""

    @property
    def norm(self) -> str:
        return REMEDY_NORMS[self.code]


def interim_remedy(
    *, decision_kind: str | None, objection_lodged: bool, enforced_anyway: bool = False
) -> Remedy:
    """The application about a Bescheid that fits the situation, with the reason."""
    if decision_kind is None:
        return Remedy(
            ORDER,
            "Es gibt keinen Bescheid: in Betracht kommt nur eine einstweilige Anordnung "
            "(§ 86b Abs. 2 SGG).",
        )
    effect = objection_effect(decision_kind)
    if effect.code == NOTHING_TO_SUSPEND:
        return Remedy(
            ORDER,
            effect.reason,
            "Gegen die Ablehnung oder zu niedrige Bewilligung von Leistungen hilft die "
            "aufschiebende Wirkung eines Widerspruchs nicht; statthaft ist insoweit der Antrag "
            "auf Erlass einer einstweiligen Anordnung (§ 86b Abs. 2 Satz 2 SGG).",
        )
    if not objection_lodged:
        return Remedy(
            NONE,
            f"{effect.reason} Ein Widerspruch gegen den Bescheid ist nicht erfasst; erst nach "
            "seiner Einlegung kann das Gericht über dessen aufschiebende Wirkung entscheiden. "
            "Der Antrag enthält daher keinen Antrag zum Bescheid.",
        )
    if effect.code == NO_SUSPENSIVE_EFFECT:
        grounds = (
            f"{effect.reason} Das Gericht kann die aufschiebende Wirkung anordnen "
            "(§ 86b Abs. 1 Satz 1 Nr. 2 SGG)."
        )
        return Remedy(ORDER_SUSPENSIVE_EFFECT, grounds, grounds)
    if effect.code == SUSPENDS:
        if enforced_anyway:
            return Remedy(
                DECLARE_SUSPENSIVE_EFFECT,
                f"{effect.reason} Das Jobcenter vollzieht den Bescheid trotzdem: das Gericht "
                "stellt die aufschiebende Wirkung fest (entsprechend § 86b Abs. 1 Satz 1 "
                "Nr. 2 SGG).",
                f"{effect.reason} Der Antragsgegner vollzieht den Bescheid gleichwohl. In "
                "entsprechender Anwendung von § 86b Abs. 1 Satz 1 Nr. 2 SGG ist daher "
                "festzustellen, dass der Widerspruch aufschiebende Wirkung hat.",
            )
        return Remedy(
            NONE,
            f"{effect.reason} Solange das Jobcenter den Bescheid nicht trotzdem vollzieht, "
            "braucht es dazu keinen Eilantrag.",
        )
    return Remedy(NONE, effect.reason)
