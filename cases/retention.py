"""Retention and data-subject rights: export a person's data, erase it, and
anonymise closed cases after the retention period (Art. 15, 17, 5(1)(e) DSGVO).

Anonymising keeps what the statistics need (Jobcenter, kind and date of each
incident, status and the timeline's shape) and removes everything that
identifies the person: their details, free texts, evidence and letter files,
the texts of the audit log, and reports from the public form.
"""

from __future__ import annotations

from datetime import timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from advocacy.auth import Staff
from advocacy.files import delete_files_on_commit
from cases.events import event_record, event_text
from cases.models import Case, CaseEvent, Decision, Evidence, Incident, Person
from cases.search import case_search_refresh

REDACTED = "[anonymisiert]"
_REDACTED_ENTRY: dict[str, object] = {
    "object_repr": REDACTED,
    "changes": {},
    "changes_text": "",
    "serialized_data": None,
}

# The facts of a timeline event that say nothing about the person: which
# action, which workflow status, which kind of incident, Bescheid, deadline or
# letter. Everything else (names, titles, dates, notes) goes on anonymisation.
ANONYMOUS_FACTS = frozenset(
    {
        "action",
        "from",
        "to",
        "incident_kind",
        "decision_kind",
        "outcome_kind",
        "rule",
        "letter_kind",
        "version",
    }
)
ENDED_STATUSES = (Case.Status.CLOSED, Case.Status.ARCHIVED, Case.Status.REJECTED)


def person_export(*, person: Person) -> dict:
    """Everything stored about a person, as JSON-serialisable data (Art. 15 DSGVO)."""
    cases = (
        Case.objects.filter(person=person)
        .select_related("jobcenter")
        .prefetch_related("incidents", "decisions", "evidence", "letters", "events")
        .order_by("reference")
    )
    return {
        "person": {
            "name": person.name,
            "email": person.email,
            "phone": person.phone,
            "street": person.street,
            "postcode": person.postcode,
            "city": person.city,
            "customer_number": person.customer_number,
            "residence_district_key": person.residence_district_key,
            "consent_given_at": person.consent_given_at.isoformat()
            if person.consent_given_at
            else None,
            "consent_text_version": person.consent_text_version,
        },
        "cases": [
            {
                "reference": case.reference,
                "jobcenter": case.jobcenter.name,
                "status": case.get_status_display(),
                "created_at": case.created_at.isoformat(),
                "incidents": [
                    {
                        "kind": incident.get_kind_display(),
                        "platform": incident.platform,
                        "occurred_on": _iso(incident.occurred_on),
                        "learned_of_act_on": _iso(incident.learned_of_act_on),
                        "learned_of_offender_on": _iso(incident.learned_of_offender_on),
                        "staff_member": incident.staff_member,
                        "description": incident.description,
                    }
                    for incident in case.incidents.all()
                ],
                "decisions": [
                    {
                        "kind": decision.get_kind_display(),
                        "reference": decision.reference,
                        "dated_on": _iso(decision.dated_on),
                        "posted_on": _iso(decision.posted_on),
                        "received_on": _iso(decision.received_on),
                        "summary": decision.summary,
                    }
                    for decision in case.decisions.all()
                ],
                "evidence": [
                    {"title": item.title, "file_name": item.original_name, "sha256": item.sha256}
                    for item in case.evidence.all()
                ],
                "letters": [
                    {
                        "kind": letter.get_kind_display(),
                        "version": letter.version,
                        "status": letter.get_status_display(),
                        "subject": letter.subject,
                        "body": letter.body,
                        "sent_on": _iso(letter.sent_on),
                    }
                    for letter in case.letters.all()
                ],
                "timeline": [
                    {"at": event.at.isoformat(), "what": event_text(event), "note": event.note}
                    for event in case.events.all()
                ],
            }
            for case in cases
        ],
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _redact_audit_log(model: type[Model], pks: list) -> None:
    """Redact the audit log's entries about these objects, and the admin's
    own history of them (its entries name the object and what changed)."""
    if not pks:
        return
    content_type = ContentType.objects.get_for_model(model)
    keys = [str(pk) for pk in pks]
    LogEntry.objects.filter(content_type=content_type, object_pk__in=keys).update(**_REDACTED_ENTRY)
    AdminLogEntry.objects.filter(content_type=content_type, object_id__in=keys).update(
        object_repr=REDACTED, change_message=""
    )


@transaction.atomic
def case_anonymise(*, case: Case, by: Staff | None = None, reason: str = "") -> Case:
    """Remove everything identifying from a case; idempotent."""
    from cases.intake.models import IntakeSubmission
    from cases.intake.retention import submission_erase

    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.anonymised_at is not None:
        return case
    files = []
    for evidence in Evidence.objects.filter(case=case):
        files += [evidence.original, evidence.sanitized]
    for letter in case.letters.all():
        files += [letter.pdf, letter.proof]
    delete_files_on_commit(files)

    evidence_pks = list(Evidence.objects.filter(case=case).values_list("pk", flat=True))
    Evidence.objects.filter(case=case).delete()
    Incident.objects.filter(case=case).update(description=REDACTED, staff_member="")
    Decision.objects.filter(case=case).update(reference="", summary="")
    case.letters.update(
        subject=REDACTED, body=REDACTED, context_snapshot={}, pdf="", proof="", tracking_number=""
    )
    # Facts go with the person; what stays is the kind of each line and, for
    # status changes, the workflow codes (no personal data).
    events = list(case.events.only("pk", "data"))
    for event in events:
        event.note = ""
        event.data = {k: v for k, v in event.data.items() if k in ANONYMOUS_FACTS}
    CaseEvent.objects.bulk_update(events, ["note", "data"])
    for submission in IntakeSubmission.objects.filter(case=case):
        submission_erase(submission=submission)

    person = case.person
    others = Case.objects.filter(person=person, anonymised_at__isnull=True).exclude(pk=case.pk)
    if not others.exists():
        for field in Person.CONTACT_FIELDS:
            setattr(person, field, "")
        person.is_anonymous = True
        person.save()
        _redact_audit_log(Person, [person.pk])
        LogEntry.objects.filter(additional_data__person=person.pk).update(**_REDACTED_ENTRY)

    case.title = ""
    case.anonymised_at = timezone.now()
    case.save(update_fields=["title", "anonymised_at", "updated_at"])
    # After the last save above: its entry holds the old title.
    _redact_audit_log(Case, [case.pk])
    _redact_audit_log(Incident, list(case.incidents.values_list("pk", flat=True)))
    _redact_audit_log(Decision, list(case.decisions.values_list("pk", flat=True)))
    _redact_audit_log(Evidence, evidence_pks)
    _redact_audit_log(CaseEvent, list(case.events.values_list("pk", flat=True)))
    # Whatever else names the case: letters, reports from the public form.
    LogEntry.objects.filter(additional_data__case=case.pk).update(**_REDACTED_ENTRY)
    # Nothing erased may still be found (or shown in a snippet) by the search.
    case_search_refresh(case_ids=[case.pk])
    event_record(case=case, kind=CaseEvent.Kind.EDIT, action="anonymised", by=by, note=reason)
    return case


def person_erase(*, person: Person, by: Staff, reason: str) -> int:
    """Erase a person's data on request (Art. 17 DSGVO): every case of theirs
    is anonymised. Returns the number of cases."""
    count = 0
    for case in Case.objects.filter(person=person, anonymised_at__isnull=True):
        case_anonymise(case=case, by=by, reason=reason)
        count += 1
    return count


def cases_past_retention(*, now=None):
    """Ended cases whose retention period is over and that are not anonymised yet."""
    now = now or timezone.now()
    before = now - timedelta(days=settings.CASE_RETENTION_DAYS)
    return Case.objects.filter(
        Q(status__in=ENDED_STATUSES),
        Q(closed_at__lt=before) | Q(closed_at__isnull=True, updated_at__lt=before),
        anonymised_at__isnull=True,
    )


def cases_anonymise_expired(*, now=None) -> int:
    count = 0
    for pk in cases_past_retention(now=now).values_list("pk", flat=True):
        case_anonymise(
            case=Case(pk=pk),
            reason=_("Aufbewahrungsfrist von %(days)s Tagen abgelaufen.")
            % {"days": settings.CASE_RETENTION_DAYS},
        )
        count += 1
    return count
