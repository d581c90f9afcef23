from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def case_path(case) -> str:
    """The case page."""
    return reverse("cases:case_detail", args=[case.reference])


@register.filter
def complaint_clock_note(incident) -> str:
    """Why no Strafantrag period runs for an incident, if that matters."""
    from cases.deadlines.services import complaint_clock_note as note

    return note(incident)


@register.filter
def active_assignees(case) -> list:
    """The people responsible for a case: its assignees with an active account
    (from the prefetched assignees)."""
    return [user for user in case.assignees.all() if user.is_active]
