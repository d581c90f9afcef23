"""``{{ value|abbr }}``: an abbreviation with its full name for screen readers and on hover."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from cases.glossary import abbreviations
from cases.models import Authority

register = template.Library()


@register.filter
def abbr(value):
    """An authority of the directory by its short name, a Jobcenter kind or a
    law by its abbreviation; anything unknown as it is."""
    if isinstance(value, Authority):
        if value.short_name and value.short_name != value.name:
            return format_html('<abbr title="{}">{}</abbr>', value.name, value.short_name)
        return value.name
    full = abbreviations().get(str(value))
    if full:
        return format_html('<abbr title="{}">{}</abbr>', full, value)
    return value
