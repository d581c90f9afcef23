"""Previews of evidence for the browser: PNG pictures the server draws itself.

What the browser shows inline is never an uploaded file, not even the
sanitized copy: an image is decoded and drawn again at a bounded size, a PDF's
first page is rendered by PDFium (pypdfium2: no JavaScript, no forms, no
network) into a picture. The pages' Content-Security-Policy stays as it is
(``img-src 'self'``), and the preview answer itself allows nothing but being
shown as an image.
"""

from __future__ import annotations

import hashlib
import io

from django.core.cache import cache
from django.http import HttpResponse
from PIL import Image, ImageOps, UnidentifiedImageError

from advocacy.pdfium import LOCK as PDFIUM

SIZES = {"klein": 160, "gross": 1200}
PREVIEWABLE = {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}
CACHE_SECONDS = 24 * 3600
# A page of a letter is at most a few thousand pixels wide at this scale.
PDF_SCALE = 1200 / 595  # A4 width in points → 1200 px


class NoPreview(Exception):
    """The file cannot be drawn (unknown type, damaged file)."""


def can_preview(content_type: str) -> bool:
    return content_type in PREVIEWABLE


def _image(data: bytes) -> Image.Image:
    try:
        picture = Image.open(io.BytesIO(data))
        picture.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise NoPreview(str(error)) from error
    return ImageOps.exif_transpose(picture) or picture


def _pdf_first_page(data: bytes) -> Image.Image:
    import pypdfium2 as pdfium

    with PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise NoPreview(str(error)) from error
        try:
            if len(document) == 0:
                raise NoPreview("PDF without pages")
            page = document[0]
            width, _height = page.get_size()
            scale = min(PDF_SCALE, 2400 / max(width, 1))
            return page.render(scale=scale).to_pil()
        finally:
            document.close()


def render_preview(data: bytes, content_type: str, *, size: str) -> bytes:
    """A PNG no wider or higher than ``SIZES[size]`` pixels."""
    if not can_preview(content_type):
        raise NoPreview(content_type)
    picture = _pdf_first_page(data) if content_type == "application/pdf" else _image(data)
    picture = picture.convert("RGBA" if picture.mode in ("RGBA", "LA", "P") else "RGB")
    bound = SIZES[size]
    picture.thumbnail((bound, bound))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=size == "klein")
    return out.getvalue()


def preview_of(field, content_type: str, *, size: str) -> bytes:
    """The preview of a stored file, drawn once and then kept in the cache
    (stored files never change: a new upload gets a new name)."""
    key = "preview:" + hashlib.sha256(f"{field.name}:{content_type}:{size}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        with field.open("rb") as handle:
            data = handle.read()
        found = render_preview(data, content_type, size=size)
        cache.set(key, found, CACHE_SECONDS)
    return found


def preview_response(png: bytes) -> HttpResponse:
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = "inline"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
