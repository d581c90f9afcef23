"""``{{ group|role_label }}``: a staff role by its German name ("Koordination")."""

from __future__ import annotations

from django import template

from cases.accounts.forms import ROLE_CHOICES

register = template.Library()
_LABELS = dict(ROLE_CHOICES)


@register.filter
def role_label(group) -> str:
    name = getattr(group, "name", group)
    return str(_LABELS.get(name, name))
