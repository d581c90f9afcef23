"""HTML and PDF of a letter, from one template and one context dictionary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import weasyprint
from django.template.loader import render_to_string

from letters.fetcher import BASE_URL, StaticOnlyURLFetcher

LAYOUT_TEMPLATE = "letters/letter.html"


def letter_html(doc: Mapping[str, Any], *, preview_bar: dict | None = None) -> str:
    """The letter as HTML: the browser preview and the PDF's source."""
    return render_to_string(LAYOUT_TEMPLATE, {"doc": doc, "preview_bar": preview_bar})


def html_to_pdf(html: str) -> bytes:
    """Render HTML to PDF; only static files and ``data:`` URLs are loaded."""
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher())
    return document.write_pdf()


def letter_pdf(doc: Mapping[str, Any]) -> bytes:
    return html_to_pdf(letter_html(doc))
