"""The sentences of the deadlines' timeline events (see ``cases.events``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cases.deadlines.compute import RULES
from cases.events import Facts, day, label, sentence
from cases.models import CaseEvent, Decision


def _title(facts: Facts) -> str:
    rule = RULES.get(str(facts.get("rule", "")))
    if rule is None:
        return str(facts.get("rule") or _("Frist"))
    return f"{rule.title} ({rule.norm})"


@sentence(CaseEvent.Kind.DEADLINE, "computed")
def _computed(facts: Facts) -> str:
    return _("Frist berechnet: %(title)s – %(due)s") % {
        "title": _title(facts),
        "due": day(facts.get("due_on")),
    }


@sentence(CaseEvent.Kind.DEADLINE, "confirmed")
def _confirmed(facts: Facts) -> str:
    return _("Frist bestätigt: %(title)s – %(due)s") % {
        "title": _title(facts),
        "due": day(facts.get("due_on")),
    }


@sentence(CaseEvent.Kind.DEADLINE, "overridden")
def _overridden(facts: Facts) -> str:
    return _("Fristende geändert: %(title)s – %(old)s → %(new)s") % {
        "title": _title(facts),
        "old": day(facts.get("old")),
        "new": day(facts.get("new")),
    }


@sentence(CaseEvent.Kind.DEADLINE, "done")
def _done(facts: Facts) -> str:
    return _("Frist erledigt: %(title)s") % {"title": _title(facts)}


@sentence(CaseEvent.Kind.DEADLINE, "cancelled")
def _cancelled(facts: Facts) -> str:
    return _("Frist gegenstandslos: %(title)s") % {"title": _title(facts)}


@sentence(CaseEvent.Kind.DEADLINE, "missed")
def _missed(facts: Facts) -> str:
    return _("Frist abgelaufen, nicht als erledigt markiert: %(title)s – %(due)s") % {
        "title": _title(facts),
        "due": day(facts.get("due_on")),
    }


@sentence(CaseEvent.Kind.DEADLINE, "recomputed")
def _recomputed(facts: Facts) -> str:
    text = _("Frist neu berechnet: %(title)s – %(old)s → %(new)s") % {
        "title": _title(facts),
        "old": day(facts.get("old")),
        "new": day(facts.get("new")),
    }
    if facts.get("kept_by_hand"):
        text += " " + _(
            "Von Hand gesetztes Fristende %(due)s bleibt; neu berechnet wäre es %(new)s."
        ) % {"due": day(facts.get("due_on")), "new": day(facts.get("new"))}
    return text


def _source(facts: Facts) -> str:
    """What completed a deadline (``services._complete``)."""
    source = facts.get("source")
    if source == "letter":
        return _("Brief versandt am %(day)s") % {"day": day(facts.get("on"))}
    if source == "decision":
        return _("Bescheid erfasst: %(kind)s vom %(day)s") % {
            "kind": label(Decision.Kind, facts.get("decision_kind")),
            "day": day(facts.get("on")),
        }
    if source == "answer":
        return _("Antwort erhalten am %(day)s") % {"day": day(facts.get("on"))}
    return ""


@sentence(CaseEvent.Kind.DEADLINE, "completed")
def _completed(facts: Facts) -> str:
    return _("Frist erledigt: %(title)s – %(source)s") % {
        "title": _title(facts),
        "source": _source(facts),
    }


@sentence(CaseEvent.Kind.DEADLINE, "ambiguous")
def _ambiguous(facts: Facts) -> str:
    return _(
        "Mehrere offene Fristen dieser Art, der Brief nennt keinen Bescheid: "
        "bitte die erledigte Frist von Hand abschließen (%(source)s)."
    ) % {"source": _source(facts)}


@sentence(CaseEvent.Kind.DEADLINE, "kept")
def _kept(facts: Facts) -> str:
    return _("Frist bleibt nach Abschluss des Falls überwacht: %(title)s – %(due)s") % {
        "title": _title(facts),
        "due": day(facts.get("due_on")),
    }
