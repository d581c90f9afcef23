"""The sentences of the letters' timeline events (see ``cases.events``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases.events import Facts, day, label, sentence
from cases.models import CaseEvent
from letters.models import Letter


def _letter(facts: Facts) -> str:
    return _("%(kind)s v%(version)s") % {
        "kind": label(Letter.Kind, facts.get("letter_kind")),
        "version": facts.get("version", "?"),
    }


@sentence(CaseEvent.Kind.LETTER, "draft")
def _draft(facts: Facts) -> str:
    return _("Briefentwurf angelegt: %(letter)s") % {"letter": _letter(facts)}


@sentence(CaseEvent.Kind.LETTER, "edit")
def _edit(facts: Facts) -> str:
    return _("Briefentwurf geändert: %(letter)s") % {"letter": _letter(facts)}


@sentence(CaseEvent.Kind.LETTER, "finalize")
def _finalize(facts: Facts) -> str:
    return _("Brief endgültig: %(letter)s") % {"letter": _letter(facts)}


@sentence(CaseEvent.Kind.LETTER, "new_version")
def _new_version(facts: Facts) -> str:
    return _("Neue Version angelegt: %(letter)s") % {"letter": _letter(facts)}


@sentence(CaseEvent.Kind.LETTER, "sent")
def _sent(facts: Facts) -> str:
    return _("Brief versandt (%(channel)s): %(letter)s") % {
        "channel": label(Letter.Channel, facts.get("channel")),
        "letter": _letter(facts),
    }


@sentence(CaseEvent.Kind.LETTER, "regenerate")
def _regenerate(facts: Facts) -> str:
    return _("Briefentwurf neu erzeugt: %(letter)s") % {"letter": _letter(facts)}


@sentence(CaseEvent.Kind.LETTER, "release")
def _release(facts: Facts) -> str:
    return _("Brief rechtlich freigegeben (§ 6 Abs. 2 RDG): %(letter)s") % {
        "letter": _letter(facts)
    }


@sentence(CaseEvent.Kind.LETTER, "power_of_attorney")
def _power_of_attorney(facts: Facts) -> str:
    return _("Vollmacht vom %(signed)s hinterlegt") % {"signed": day(facts.get("signed_on"))}


@sentence(CaseEvent.Kind.LETTER, "power_of_attorney_revoked")
def _power_of_attorney_revoked(facts: Facts) -> str:
    return _("Vollmacht vom %(signed)s widerrufen am %(revoked)s") % {
        "signed": day(facts.get("signed_on")),
        "revoked": day(facts.get("revoked_on")),
    }
