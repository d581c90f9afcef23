"""The stages of a report as its person sees them on the status page.

Driven by what happened: the submission's own trail (received, looked at)
and its case's timeline events (kind + facts, see ``cases.events``). Each
app says which of its events is a public stage by registering a function
with ``@public_stage(kind, action)``, as it registers the event's sentence;
the letters app registers "Schreiben versandt" (``letters/stages.py``).
Which stages are shown at all is the group's choice
(``settings.INTAKE_PUBLIC_STAGES``). Nothing internal reaches the page:
no names, no notes, only the stage, its day and a short public detail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.events import Facts, day, label
from cases.intake.models import IntakeEvent, IntakeSubmission
from cases.models import Case, CaseEvent, Decision, Outcome

LABELS = {
    "received": gettext_lazy("eingegangen"),
    "review": gettext_lazy("in Prüfung"),
    "case_opened": gettext_lazy("Fall angelegt"),
    "letter_sent": gettext_lazy("Schreiben versandt"),
    "answer_received": gettext_lazy("Antwort erhalten"),
    "closed": gettext_lazy("abgeschlossen"),
}
EXPLANATIONS = {
    "received": gettext_lazy("Ihre Meldung ist bei uns angekommen."),
    "review": gettext_lazy("Wir sehen uns Ihre Meldung an."),
    "case_opened": gettext_lazy("Wir haben einen Fall angelegt und kümmern uns darum."),
    "letter_sent": gettext_lazy("Wir haben ein Schreiben abgeschickt."),
    "answer_received": gettext_lazy("Es ist eine Antwort oder Entscheidung gekommen."),
    "closed": gettext_lazy("Wir bearbeiten die Sache nicht weiter."),
}


@dataclass(frozen=True)
class Stage:
    name: str
    on: date | None
    detail: str = ""

    @property
    def title(self) -> str:
        return str(LABELS[self.name])

    @property
    def explanation(self) -> str:
        return str(EXPLANATIONS[self.name])


StageOf = Callable[[CaseEvent, Facts], Stage | None]
_FROM_EVENT: dict[tuple[str, str], StageOf] = {}


def public_stage(kind: str, action: str = "") -> Callable[[StageOf], StageOf]:
    """Register the function that says which stage an event ``(kind, action)`` is, if any."""

    def register(function: StageOf) -> StageOf:
        _FROM_EVENT[(str(kind), action)] = function
        return function

    return register


def _local_day(event: CaseEvent) -> date:
    return timezone.localdate(event.at)


def public_stages(
    submission: IntakeSubmission,
    *,
    trail: Iterable[IntakeEvent],
    case_events: Iterable[CaseEvent],
) -> list[Stage]:
    """The stages reached, oldest first, filtered to those the group publishes."""
    stages = [Stage("received", timezone.localdate(submission.created_at))]
    looked_at = [
        event
        for event in trail
        if event.kind
        in (
            IntakeEvent.Kind.ASKED,
            IntakeEvent.Kind.CONVERTED,
            IntakeEvent.Kind.ATTACHED,
            IntakeEvent.Kind.VIEWED_FILE,
        )
    ]
    if looked_at or submission.status != IntakeSubmission.Status.RECEIVED:
        first = min((event.at for event in looked_at), default=submission.updated_at)
        stages.append(Stage("review", timezone.localdate(first)))
    if submission.case_id is not None:
        for event in sorted(case_events, key=lambda event: (event.at, event.pk)):
            facts = event.data or {}
            function = _FROM_EVENT.get((event.kind, str(facts.get("action", ""))))
            stage = function(event, facts) if function else None
            if stage is not None:
                stages.append(stage)
            elif event.kind == CaseEvent.Kind.STATUS:
                # Reopened: the case is no longer closed.
                stages = [stage for stage in stages if stage.name != "closed"]
    elif submission.status in (IntakeSubmission.Status.REJECTED, IntakeSubmission.Status.CLOSED):
        stages.append(Stage("closed", timezone.localdate(submission.updated_at)))
    shown = set(settings.INTAKE_PUBLIC_STAGES) | {"received"}
    return [stage for stage in stages if stage.name in shown]


# --- the stages of the cases app's own events -------------------------------------


@public_stage(CaseEvent.Kind.INTAKE, "converted")
def _converted(event: CaseEvent, facts: Facts) -> Stage:
    return Stage("case_opened", _local_day(event))


@public_stage(CaseEvent.Kind.INTAKE, "attached")
def _attached(event: CaseEvent, facts: Facts) -> Stage:
    return Stage("case_opened", _local_day(event))


@public_stage(CaseEvent.Kind.DECISION, "recorded")
def _decision(event: CaseEvent, facts: Facts) -> Stage | None:
    """A Widerspruchsbescheid or a judgment is the answer to what the group did;
    the Bescheid the person reported is not."""
    if facts.get("decision_kind") not in (
        Decision.Kind.OBJECTION_DECISION,
        Decision.Kind.JUDGMENT,
        Decision.Kind.JUDGMENT_APPEAL_NOT_ADMITTED,
        Decision.Kind.COURT_ORDER,
    ):
        return None
    return Stage(
        "answer_received",
        _local_day(event),
        _("%(kind)s vom %(date)s")
        % {
            "kind": label(Decision.Kind, facts.get("decision_kind")),
            "date": day(facts.get("dated_on")),
        },
    )


@public_stage(CaseEvent.Kind.OUTCOME)
def _outcome(event: CaseEvent, facts: Facts) -> Stage:
    return Stage(
        "answer_received",
        _local_day(event),
        _("%(kind)s (%(date)s)")
        % {
            "kind": label(Outcome.Kind, facts.get("outcome_kind")),
            "date": day(facts.get("decided_on")),
        },
    )


@public_stage(CaseEvent.Kind.STATUS)
def _status(event: CaseEvent, facts: Facts) -> Stage | None:
    if facts.get("to") not in (Case.Status.CLOSED, Case.Status.ARCHIVED, Case.Status.REJECTED):
        return None
    return Stage("closed", _local_day(event))
