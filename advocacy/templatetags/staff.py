"""``{{ user|staff_name }}``: how a member of staff is named (``advocacy.auth.staff_name``)."""

from django import template

from advocacy.auth import staff_name as name_of

register = template.Library()


@register.filter
def staff_name(user) -> str:
    return name_of(user)
