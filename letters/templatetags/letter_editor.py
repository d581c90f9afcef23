from django import template

from letters import editor

register = template.Library()


@register.simple_tag
def letter_pages(letter) -> list[int]:
    """The page numbers of the letter as it would print now (1, 2, …)."""
    return list(range(1, editor.page_count(editor.letter_pdf(letter)) + 1))


@register.simple_tag
def text_blocks_for(letter) -> list[dict]:
    """Every text block filled from this letter's case, with what is missing."""
    from letters import services
    from letters.textblocks import TextBlock, fill

    doc = services.letter_document_for(letter)
    found = []
    for block in TextBlock.objects.all():
        text, missing = fill(block.text, doc)
        found.append({"block": block, "text": text, "missing": missing})
    return found
