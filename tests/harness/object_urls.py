"""Object URLs and the object of team A each one names, for the IDOR walk.

Every URL pattern with arguments in the case namespaces must be listed here
(``OBJECT_URLS``: URL name → a function that makes the object for a case of
team A) or in ``NOT_OBJECT_BOUND`` with the reason; ``test_access_walk``
fails otherwise. The walk fills the pattern's arguments from the object:
``reference`` from the case, ``pk``/``id``/``*_pk``/``*_id`` from the object.

Intake submissions: an unconverted submission is the whole staff's inbox
(``IntakeSubmission.objects.visible_to``); a converted one belongs to its
case's team, so the walk uses converted ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import models

from cases.deadlines.models import Deadline
from cases.intake.models import IntakeFile, IntakeSubmission
from cases.models import Case, CaseEvent
from letters.models import Letter
from tests.factories import DecisionFactory, IncidentFactory

CHECKED_NAMESPACES = ("cases", "intake", "deadlines", "letters")


def the_case(case: Case) -> models.Model:
    return case


def a_deadline(case: Case) -> models.Model:
    return Deadline.objects.create(
        case=case,
        rule="objection",
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


def a_power_of_attorney(case: Case) -> models.Model:
    from cases.models import PowerOfAttorney

    power = PowerOfAttorney(person=case.person, signed_on=dt.date(2026, 3, 1))
    power.scan.save("vollmacht.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    power.scan_sanitized.save("vollmacht-clean.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    power.save()
    return power


def an_incident(case: Case) -> models.Model:
    return IncidentFactory(case=case)


def a_decision(case: Case) -> models.Model:
    return DecisionFactory(case=case)


def an_event(case: Case) -> models.Model:
    return CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE)


def some_evidence(case: Case) -> models.Model:
    from tests.harness.samples import evidence_for

    return evidence_for(case)


def a_converted_submission(case: Case) -> models.Model:
    """A report turned into a case belongs to that case's team. (While it is
    not converted, the inbox is the whole staff's: see NOT_OBJECT_BOUND.)"""
    from tests.intake.factories import IntakeSubmissionFactory

    return IntakeSubmissionFactory(
        case=case, jobcenter=case.jobcenter, status=IntakeSubmission.Status.CONVERTED
    )


def a_file_of_a_converted_submission(case: Case) -> models.Model:
    from tests.harness.samples import png_bytes

    data = png_bytes()
    digest = hashlib.sha256(data).hexdigest()
    item = IntakeFile(
        submission=a_converted_submission(case),
        original_name="bildschirmfoto.png",
        sha256=digest,
        content_type="image/png",
        size=len(data),
    )
    item.original.save(f"{digest}.png", ContentFile(data), save=False)
    item.sanitized.save(f"{digest}-clean.png", ContentFile(data), save=False)
    item.save()
    return item


OBJECT_URLS: dict[str, Callable[[Case], models.Model]] = {
    # cases
    "cases:case_detail": the_case,
    "cases:case_edit": the_case,
    "cases:case_print": the_case,
    "cases:transition": the_case,
    "cases:assignment": the_case,
    "cases:note_add": the_case,
    "cases:incident_add": the_case,
    "cases:decision_add": the_case,
    "cases:outcome_add": the_case,
    "cases:decision_edit": a_decision,
    "cases:person_export": the_case,
    "cases:person_erase": the_case,
    "cases:evidence_upload": the_case,
    "cases:evidence_download": some_evidence,
    "cases:evidence_original": some_evidence,
    "cases:evidence_preview": some_evidence,
    # intake: a converted submission and its files
    "intake:detail": a_converted_submission,
    "intake:convert": a_converted_submission,
    "intake:attach": a_converted_submission,
    "intake:ask": a_converted_submission,
    "intake:reject": a_converted_submission,
    "intake:file": a_file_of_a_converted_submission,
    "intake:file_original": a_file_of_a_converted_submission,
    "intake:file_preview": a_file_of_a_converted_submission,
    # deadlines
    "deadlines:detail": a_deadline,
    "deadlines:confirm": a_deadline,
    "deadlines:done": a_deadline,
    "deadlines:override": a_deadline,
    "deadlines:cancel": a_deadline,
    "deadlines:answer": a_deadline,
    "deadlines:reinstate": a_deadline,
    "deadlines:review": a_deadline,
    "deadlines:incident_offender": an_incident,
    # letters
    "letters:detail": a_letter,
    "letters:create": the_case,
    "letters:edit": a_letter,
    "letters:preview": a_letter,
    "letters:preview_pdf": a_letter,
    "letters:page_image": a_letter,
    "letters:finalize": a_letter,
    "letters:new_version": a_letter,
    "letters:mark_sent": a_letter,
    "letters:download": a_letter,
    "letters:proof": a_letter,
    "letters:bundle": the_case,
    "letters:regenerate": a_letter,
    "letters:release": a_letter,
    "letters:powers": the_case,
    "letters:power_revoke": a_power_of_attorney,
    "letters:power_scan": a_power_of_attorney,
    "letters:power_scan_original": a_power_of_attorney,
}

# URL patterns with arguments that name nothing of a case (with the reason).
NOT_OBJECT_BOUND: dict[str, str] = {
    "letters:text_block_edit": "text blocks are shared by all staff, kept by coordinators",
    "letters:text_block_delete": "text blocks are shared by all staff, kept by coordinators",
    "cases:saved_search_delete": (
        "a saved search belongs to its user, not to a case; another user gets 404 "
        "(test_bulk_and_saved_searches.test_saved_searches_belong_to_their_user)"
    ),
    "cases:jobcenter_detail": "the Jobcenter directory is shared by all staff",
    "cases:jobcenter_edit": "the Jobcenter directory is shared by all staff",
    "transparency:review": "transparency reports hold no case data; coordinators only",
    "transparency:release": "transparency reports hold no case data; coordinators only",
    "transparency:report": "public: a released report of a period (a draft is 404)",
    "transparency:csv": "public: a released report of a period (a draft is 404)",
    "transparency:json": "public: a released report of a period (a draft is 404)",
    "deadlines:calendar_feed": (
        "public, protected by the secret token in the URL; an unknown token is 404 "
        "(test_access_walk.test_calendar_feed_answers_only_to_a_known_token)"
    ),
}


def object_values(case: Case, obj: models.Model) -> dict[str, object]:
    """The values a URL's arguments are filled from."""
    values: dict[str, object] = {"reference": case.reference, "pk": obj.pk}
    name = obj._meta.model_name
    values[f"{name}_pk"] = values[f"{name}_id"] = obj.pk
    values["case_pk"] = values["case_id"] = case.pk
    values["size"] = "klein"  # previews come in named sizes
    values["number"] = 1  # the first page of a letter
    return values
