from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from advocacy.auth import staff_name
from cases.deadlines.models import State

register = template.Library()

# The colour of each state's badge; the others (resting, done, cancelled) grey.
BADGE_CLASSES: dict[str, str] = {
    State.MISSED: "text-bg-danger",
    State.OVERDUE: "text-bg-danger",
    State.POSSIBLE: "text-bg-info",
    State.DUE_SOON: "text-bg-warning",
    State.OPEN: "text-bg-primary",
}


@register.simple_tag
def deadline_badge(deadline) -> SafeString:
    """A deadline's state (``state``, from ``with_state``) and, while it is
    active, whether someone has confirmed it: on every page that lists
    deadlines. Written in Python: as a template included once per row it
    cost the Fristen page a third of its time."""
    state = getattr(deadline, "state", "")
    badge = format_html(
        '<span class="badge {}" data-state="{}">{}</span>',
        BADGE_CLASSES.get(state, "text-bg-secondary"),
        state,
        deadline.state_label(),
    )
    if not deadline.is_active:
        return badge
    if not deadline.confirmed_at:
        return format_html(
            '{}\n<span class="badge text-bg-light border">{}</span>', badge, _("unbestätigt")
        )
    title = ""
    if deadline.confirmed_by:
        who = staff_name(deadline.confirmed_by)
        title = format_html(' title="{}"', _("bestätigt von %(who)s") % {"who": who})
    return format_html(
        '{}\n<span class="badge text-bg-success"{}>{}</span>', badge, title, _("bestätigt")
    )


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
