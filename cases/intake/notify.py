"""The outbox relay: notify the intake team, or the reporter of a question,
once per outbox row."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from advocacy.emails import send_templated, stable_message_id
from cases.intake.models import IntakeSubmission, NotificationLog, Outbox
from cases.intake.publisher import public_organisation

logger = logging.getLogger(__name__)


def _staff_notification_send(row: Outbox, submission: IntakeSubmission | None) -> int:
    recipients = list(settings.INTAKE_NOTIFY_EMAILS)
    if not recipients:
        return 0
    # No personal details of the reporter: what happened, where, how urgent, and where to look.
    context = {
        "kind": row.kind,
        "is_new": row.kind == Outbox.Kind.SUBMISSION_RECEIVED,
        "submission": submission,
        "inbox_url": settings.SITE_URL + reverse("intake:inbox"),
        "detail_url": (
            settings.SITE_URL + reverse("intake:detail", args=[submission.pk]) if submission else ""
        ),
        "created_at": row.created_at,
    }
    send_templated(
        template="intake/email/notification",
        to=recipients,
        context=context,
        headers={"Message-ID": stable_message_id("intake-outbox", row.pk)},
    )
    return len(recipients)


def _question_notification_send(row: Outbox, submission: IntakeSubmission | None) -> int:
    """Tell the reporter there is a question: no content, only the link."""
    if submission is None or not submission.contact_email:
        return 0
    # Signed by the group as its organisation profile names it (nothing without one).
    context = {
        "status_url": settings.SITE_URL + reverse("intake:status"),
        "organisation": public_organisation(),
    }
    send_templated(
        template="intake/email/question",
        to=[submission.contact_email],
        context=context,
        headers={"Message-ID": stable_message_id("intake-outbox", row.pk)},
    )
    return 1


def _notification_send(row: Outbox) -> int:
    pk = row.payload.get("submission")
    submission = (
        IntakeSubmission.objects.select_related("jobcenter").filter(pk=pk).first() if pk else None
    )
    if row.kind == Outbox.Kind.PERSON_ASKED:
        return _question_notification_send(row, submission)
    return _staff_notification_send(row, submission)


def outbox_relay(*, limit: int = 200) -> int:
    """Send what the outbox holds. Each row is locked (skip_locked: two
    workers never take the same row), its NotificationLog row (unique per
    outbox row) is written and the row marked processed in one transaction,
    so a second run sends nothing twice."""
    sent = 0
    for _step in range(limit):
        with transaction.atomic():
            row = (
                Outbox.objects.select_for_update(skip_locked=True)
                .filter(processed_at__isnull=True)
                .order_by("pk")
                .first()
            )
            if row is None:
                break
            _log, created = NotificationLog.objects.get_or_create(outbox=row)
            if created:
                _log.recipients = _notification_send(row)
                _log.save(update_fields=["recipients"])
                sent += 1
            row.processed_at = timezone.now()
            row.save(update_fields=["processed_at"])
    return sent
