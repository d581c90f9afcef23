"""The sentences of the intake's timeline events (see ``cases.events``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases.events import Facts, sentence
from cases.models import CaseEvent


@sentence(CaseEvent.Kind.INTAKE, "converted")
def _converted(facts: Facts) -> str:
    return _("Aus Meldung %(pk)s angelegt") % {"pk": facts.get("submission", "?")}


@sentence(CaseEvent.Kind.INTAKE, "attached")
def _attached(facts: Facts) -> str:
    return _("Meldung %(pk)s zugeordnet") % {"pk": facts.get("submission", "?")}


@sentence(CaseEvent.Kind.INTAKE, "added")
def _added(facts: Facts) -> str:
    return _("Nachtrag der meldenden Person zu Meldung %(pk)s") % {
        "pk": facts.get("submission", "?")
    }


@sentence(CaseEvent.Kind.INTAKE, "asked")
def _asked(facts: Facts) -> str:
    return _("Rückfrage zu Meldung %(pk)s") % {"pk": facts.get("submission", "?")}
