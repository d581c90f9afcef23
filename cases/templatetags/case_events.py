"""``{{ event|event_text }}``: a timeline event's sentence in the viewer's language."""

from django import template

from cases.events import event_text as _event_text
from cases.models import CaseEvent

register = template.Library()


@register.filter
def event_text(event: CaseEvent) -> str:
    return _event_text(event)
