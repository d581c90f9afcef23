"""Reads for the inbox and the dashboard."""

from __future__ import annotations

from django.db.models import Count

from advocacy.auth import Staff
from cases.intake.models import IntakeSubmission


def intake_new_count() -> int:
    """Submissions nobody has acted on yet (the dashboard badge)."""
    return IntakeSubmission.objects.filter(status=IntakeSubmission.Status.RECEIVED).count()


def inbox_list(
    *, user, status: str = "", kind: str = "", since=None, until=None, new_answers: bool = False
):
    qs = (
        IntakeSubmission.objects.visible_to(user)
        .select_related("jobcenter", "case")
        .annotate(file_count=Count("files", distinct=True))
        .order_by("-created_at", "-pk")
    )
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if since:
        qs = qs.filter(created_at__date__gte=since)
    if until:
        qs = qs.filter(created_at__date__lte=until)
    if new_answers:
        qs = qs.filter(has_unread_answer=True)
    return qs


def inbox_detail(*, user: Staff, pk: int) -> IntakeSubmission | None:
    return (
        IntakeSubmission.objects.visible_to(user)
        .select_related("jobcenter", "case")
        .prefetch_related("files", "messages__by", "events__by")
        .filter(pk=pk)
        .first()
    )
