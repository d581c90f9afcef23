"""The letter editor's preview: the draft's pages as pictures beside the text.

The pages are the real PDF (the same HTML → WeasyPrint path as the final
letter), drawn into PNGs by PDFium, so the preview shows the page breaks and
the address window as they will be. No frame and no change to the
Content-Security-Policy: the pictures are ``img-src 'self'``. The PDF is kept
in the cache under the hash of its HTML, so an unchanged draft renders once.
"""

from __future__ import annotations

import hashlib
import io

from django.core.cache import cache

from advocacy.pdfium import LOCK as PDFIUM
from letters import services
from letters.document import LetterDocument
from letters.models import Letter
from letters.rendering import html_to_pdf, letter_html

CACHE_SECONDS = 3600
PAGE_WIDTH = 900  # pixels; the column beside the editor is narrower on most screens


def _document(letter: Letter) -> LetterDocument:
    return services.letter_document_for(letter) if letter.is_draft else letter.context_snapshot


def letter_pdf(letter: Letter) -> bytes:
    html = letter_html(_document(letter))
    key = "letter-preview:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    with PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def page_png(pdf: bytes, number: int) -> bytes | None:
    """Page ``number`` (from 1) as a PNG, or None if there is no such page."""
    import pypdfium2 as pdfium

    with PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            if not 1 <= number <= len(document):
                return None
            page = document[number - 1]
            width, _height = page.get_size()
            picture = page.render(scale=PAGE_WIDTH / width).to_pil()
        finally:
            document.close()
    out = io.BytesIO()
    picture.convert("RGB").save(out, format="PNG")
    return out.getvalue()
