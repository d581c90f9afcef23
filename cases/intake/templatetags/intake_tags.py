from django import template

from cases.intake.selectors import intake_new_count as _intake_new_count

register = template.Library()


@register.simple_tag
def intake_new_count() -> int:
    return _intake_new_count()
