import re

from django import template
from django.utils.translation import gettext as _

from letters.models import Letter

register = template.Library()


@register.simple_tag
def letter_kinds():
    """The letter kinds for the case page's "new letter" choice (no query)."""
    return Letter.Kind.choices


class ClaimNode(template.Node):
    def __init__(self, source, nodelist):
        self.source = source
        self.nodelist = nodelist

    def render(self, context):
        text = self.nodelist.render(context)
        claims = context.get("claims")
        if claims is not None and text.strip():
            claims.append(
                {"text": " ".join(text.split()), "source": str(self.source.resolve(context))}
            )
        return text


@register.tag("claim")
def do_claim(parser, token):
    """``{% claim "field it comes from" %}A factual sentence.{% endclaim %}``:
    renders the sentence and lists it, with its source, among the draft's
    assertions (``letters.kinds.LetterKind.body``)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("claim takes one argument: the source")
    source = parser.compile_filter(bits[1])
    nodelist = parser.parse(("endclaim",))
    parser.delete_first_token()
    return ClaimNode(source, nodelist)


@register.filter
def paragraphs(text: str) -> list[str]:
    """The letter text split at blank lines (as ``linebreaks`` splits it)."""
    return [
        p.strip() for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")) if p.strip()
    ]


# A paragraph that heads what follows: one short line such as "Begründung:",
# "Sachverhalt:" or "II. Zulässigkeit und Anspruch" (no sentence end).
_HEADING = re.compile(r"^(?:[IVX]+\.\s+\S.{0,60}|[^\n.,;]{1,40}:)$")


@register.filter
def is_heading(paragraph: str) -> bool:
    """Whether ``paragraph`` heads the next one (it must not end a page)."""
    return bool(_HEADING.match(paragraph.strip()))


@register.filter
def opens_with_salutation(paragraphs: list[str]) -> bool:
    """Whether the letter's first paragraph is its salutation ("Sehr geehrte …,")
    and is not also part of the closing block (the last two paragraphs)."""
    return len(paragraphs) > 2 and paragraphs[0].startswith("Sehr geehrte")


@register.filter
def template_label(template_version: str) -> str:
    """ "widerspruch/1" as a person reads it: "Widerspruch, Textfassung 1"."""
    kind, _sep, version = template_version.partition("/")
    try:
        label = Letter.Kind(kind).label
    except ValueError:
        return template_version
    return _("%(kind)s, Textfassung %(version)s") % {"kind": label, "version": version}
