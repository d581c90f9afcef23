"""HTML and PDF of a letter, from one template and one context dictionary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import weasyprint
from django.template.loader import render_to_string

from advocacy.middleware import BIDI_CONTROLS, bidi_visible
from letters.fetcher import BASE_URL, StaticOnlyURLFetcher

LAYOUT_TEMPLATE = "letters/letter.html"


def letter_html(doc: Mapping[str, Any], *, preview_bar: dict | None = None) -> str:
    """The letter as HTML: the browser preview and the PDF's source."""
    return render_to_string(LAYOUT_TEMPLATE, {"doc": doc, "preview_bar": preview_bar})


def html_to_pdf(html: str) -> bytes:
    """Render HTML to PDF; only static files and ``data:`` URLs are loaded.
    Direction controls print as visible markers (``[RLO]``), as on the staff
    pages: a draft's preview shows where they are, and a final letter has
    none (``direction_problems``)."""
    document = weasyprint.HTML(
        string=bidi_visible(html), base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher()
    )
    return document.write_pdf()


def letter_pdf(doc: Mapping[str, Any]) -> bytes:
    return html_to_pdf(letter_html(doc))


def direction_problems(html: str) -> list[str]:
    """Unicode controls that reorder or hide text ("Trojan Source") in what
    the letter prints (``letter_html``): from a report, a name or a pasted
    text. A letter that an authority reads with a part reversed, or in an
    order other than the one the caseworker saw, must not go out; the
    caseworker corrects the data, guided by the markers in the preview."""
    found = [name for char, name in BIDI_CONTROLS.items() if char in html]
    if not found:
        return []
    return [
        "Der Brief enthält unsichtbare Steuerzeichen, die Text umgekehrt oder in anderer "
        f"Reihenfolge erscheinen lassen ({', '.join(found)}). Sie stammen aus Angaben des Falls "
        "oder aus dem Text und sind in der Vorschau als "
        f"{', '.join(f'[{name}]' for name in found)} markiert: bitte dort korrigieren."
    ]
