from django import template

from letters.models import Letter

register = template.Library()


@register.simple_tag
def letter_kinds():
    """The letter kinds for the case page's "new letter" choice (no query)."""
    return Letter.Kind.choices
