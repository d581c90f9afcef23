from django import template
from django.utils.translation import gettext as _

from letters.models import Letter

register = template.Library()


@register.simple_tag
def letter_kinds():
    """The letter kinds for the case page's "new letter" choice (no query)."""
    return Letter.Kind.choices


@register.filter
def template_label(template_version: str) -> str:
    """ "widerspruch/1" as a person reads it: "Widerspruch, Textfassung 1"."""
    kind, _sep, version = template_version.partition("/")
    try:
        label = Letter.Kind(kind).label
    except ValueError:
        return template_version
    return _("%(kind)s, Textfassung %(version)s") % {"kind": label, "version": version}
