"""The outbox relay: notify the intake team, once per outbox row."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from advocacy.emails import send_templated, stable_message_id
from cases.intake.models import NotificationLog, Outbox

logger = logging.getLogger(__name__)


def _notification_send(row: Outbox) -> int:
    recipients = list(settings.INTAKE_NOTIFY_EMAILS)
    if not recipients:
        return 0
    # No personal details of the reporter: only that something came in, and where to look.
    context = {
        "kind": row.kind,
        "is_new": row.kind == Outbox.Kind.SUBMISSION_RECEIVED,
        "inbox_url": settings.SITE_URL + reverse("intake:inbox"),
        "created_at": row.created_at,
    }
    send_templated(
        template="intake/email/notification",
        to=recipients,
        context=context,
        headers={"Message-ID": stable_message_id("intake-outbox", row.pk)},
    )
    return len(recipients)


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
