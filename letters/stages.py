"""Which of the letters' timeline events the reporter sees as a stage
(see ``cases.intake.stages``): a letter sent, with its kind and day."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.events import Facts, day, label
from cases.intake.stages import Stage, public_stage
from cases.models import CaseEvent
from letters.models import Letter


@public_stage(CaseEvent.Kind.LETTER, "sent")
def _sent(event: CaseEvent, facts: Facts) -> Stage:
    return Stage(
        "letter_sent",
        timezone.localdate(event.at),
        _("%(kind)s, abgeschickt am %(date)s")
        % {"kind": label(Letter.Kind, facts.get("letter_kind")), "date": day(facts.get("sent_on"))},
    )
