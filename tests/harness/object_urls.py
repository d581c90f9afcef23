"""Object URLs and the object of team A each one names, for the IDOR walk.

Every URL pattern with arguments in the case namespaces must be listed here
(``OBJECT_URLS``: URL name → a function that makes the object for a case of
team A) or in ``NOT_OBJECT_BOUND`` with the reason; ``test_access_walk``
fails otherwise. The walk fills the pattern's arguments from the object:
``reference`` from the case, ``pk``/``id``/``*_pk``/``*_id`` from the object.

Names listed here that the URLconf does not (yet) have are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import models

from cases.deadlines.models import Deadline
from cases.models import Case, CaseEvent
from letters.models import Letter
from tests.factories import DecisionFactory, IncidentFactory

CHECKED_NAMESPACES = ("cases", "intake", "deadlines", "letters")


def the_case(case: Case) -> models.Model:
    return case


def a_deadline(case: Case) -> models.Model:
    return Deadline.objects.create(
        case=case,
        rule="widerspruch",
        title="Widerspruchsfrist",
        trigger_on=dt.date(2025, 3, 7),
        computed_due_on=dt.date(2025, 4, 7),
        due_on=dt.date(2025, 4, 7),
        explanation=[],
    )


def a_letter(case: Case) -> models.Model:
    return Letter.objects.create(
        case=case,
        kind=Letter.Kind.OBJECTION,
        subject="Widerspruch",
        body="Hiermit lege ich Widerspruch ein.",
        template_version="1",
    )


def an_incident(case: Case) -> models.Model:
    return IncidentFactory(case=case)


def a_decision(case: Case) -> models.Model:
    return DecisionFactory(case=case)


def an_event(case: Case) -> models.Model:
    return CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, summary="Notiz")


def some_evidence(case: Case) -> models.Model:
    from tests.harness.samples import evidence_for

    return evidence_for(case)


OBJECT_URLS: dict[str, Callable[[Case], models.Model]] = {
    # cases (URL names as far as they are known before the merge)
    "cases:case_detail": the_case,
    "cases:case_edit": the_case,
    "cases:case_transition": the_case,
    "cases:case_assign": the_case,
    "cases:note_add": the_case,
    "cases:incident_add": the_case,
    "cases:decision_add": the_case,
    "cases:evidence_add": the_case,
    "cases:incident_edit": an_incident,
    "cases:decision_edit": a_decision,
    "cases:evidence_download": some_evidence,
    "cases:evidence_original": some_evidence,
    # deadlines
    "deadlines:detail": a_deadline,
    "deadlines:confirm": a_deadline,
    "deadlines:done": a_deadline,
    "deadlines:override": a_deadline,
    # letters
    "letters:detail": a_letter,
    "letters:create": the_case,
    "letters:edit": a_letter,
    "letters:preview": a_letter,
    "letters:pdf": a_letter,
    "letters:finalize": a_letter,
    "letters:mark_sent": a_letter,
    "letters:download": a_letter,
    "letters:bundle": the_case,
}

# URL patterns with arguments that name nothing of a case (with the reason).
NOT_OBJECT_BOUND: dict[str, str] = {}


def object_values(case: Case, obj: models.Model) -> dict[str, object]:
    """The values a URL's arguments are filled from."""
    values: dict[str, object] = {"reference": case.reference, "pk": obj.pk}
    name = obj._meta.model_name
    values[f"{name}_pk"] = values[f"{name}_id"] = obj.pk
    values["case_pk"] = values["case_id"] = case.pk
    return values
