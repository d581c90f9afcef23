from django import template

from cases.intake.publisher import public_organisation as _public_organisation
from cases.intake.selectors import intake_new_count as _intake_new_count

register = template.Library()


@register.simple_tag
def intake_new_count() -> int:
    return _intake_new_count()


@register.simple_tag
def public_organisation():
    """Who is behind the public pages (the organisation profile), or None."""
    return _public_organisation()
