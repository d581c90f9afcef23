"""The frame of every staff page: its main navigation and the paths of its links.

``{% url %}`` resolves a name anew on each page (about 40 µs each); the frame
alone links to thirteen pages without arguments, a tenth of its time on every
staff page. Their paths are the same on every page as long as the URL
configuration and the script prefix are, so ``{% path %}`` resolves each
once for them (the frame and the case list use it).
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The main navigation, in order: (URL name, label).
MAIN_NAV = (
    ("cases:dashboard", _("Übersicht")),
    ("cases:case_list", _("Fälle")),
    ("intake:inbox", _("Eingang")),
    ("deadlines:list", _("Fristen")),
    ("letters:list", _("Briefe")),
    ("cases:statistics", _("Statistik")),
    ("cases:jobcenter_list", _("Jobcenter")),
    ("cases:glossary", _("Glossar")),
)


@lru_cache(maxsize=256)
def _resolved(name: str, urlconf: str, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def path(name: str) -> str:
    """``{% path "name" %}``: what ``{% url "name" %}`` gives for a URL without arguments."""
    return _resolved(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


CURRENT = (
    '<li class="nav-item"><a class="nav-link active" aria-current="page" href="{}">{}</a></li>'
)
OTHER = '<li class="nav-item"><a class="nav-link" href="{}">{}</a></li>'


@register.simple_tag(takes_context=True)
def main_nav(context) -> SafeString:
    """The items of the main navigation, the current page's marked as such."""
    current = context["request"].path
    items = []
    for name, label in MAIN_NAV:
        url = path(name)
        items.append(format_html(CURRENT if url == current else OTHER, url, label))
    return SafeString("\n".join(items))
