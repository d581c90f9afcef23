from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.filter
def case_path(case) -> str:
    """The case page (``cases:case_detail``; the fixed path while that page
    is not routed yet)."""
    try:
        return reverse("cases:case_detail", args=[case.reference])
    except NoReverseMatch:
        return f"/faelle/{case.reference}/"


@register.filter
def complaint_clock_note(incident) -> str:
    """Why no Strafantrag period runs for an incident, if that matters."""
    from cases.deadlines.services import complaint_clock_note as note

    return note(incident)
