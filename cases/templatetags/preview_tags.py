from django import template

from cases.previews import can_preview as _can_preview

register = template.Library()


@register.filter
def can_preview(content_type: str) -> bool:
    """Whether the server can draw a preview of a file of this type."""
    return _can_preview(content_type)
