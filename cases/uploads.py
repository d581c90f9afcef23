"""Checking and sanitizing uploaded evidence (staff uploads and public reports).

The type is decided by the file's first bytes (magic numbers), never by its
name or the browser's Content-Type. The original is kept byte for byte with
its SHA-256; what people open is a sanitized copy: images re-encoded without
EXIF/GPS or other metadata, PDFs rebuilt from their pages' content only
(``cases.pdfclean``): no scripts, actions, forms, links, attachments,
bookmarks or metadata.
"""

from __future__ import annotations

import hashlib
import io
import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import filetype
import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps

from advocacy.middleware import bidi_visible
from cases.pdfclean import pdf_rebuild

logger = logging.getLogger(__name__)

ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/pdf": "pdf",
}
# What a sanitized copy can leave out, in the order staff read it.
REMOVED_LABELS = {
    "javascript": gettext_lazy("JavaScript"),
    "actions": gettext_lazy("automatische Aktionen beim Öffnen"),
    "launch": gettext_lazy("Programmaufrufe"),
    "forms": gettext_lazy("Formulare und Formular-Aktionen"),
    "links": gettext_lazy("Verweise auf Webseiten und andere Dateien"),
    "annotations": gettext_lazy("Kommentare und Anmerkungen"),
    "outlines": gettext_lazy("Lesezeichen"),
    "embedded_files": gettext_lazy("eingebettete Dateien"),
    "multimedia": gettext_lazy("Multimedia-Inhalte"),
    "postscript": gettext_lazy("PostScript-Code für Drucker"),
    "metadata": gettext_lazy("Metadaten (Autor, Programm, Ort, Zeit)"),
    "revisions": gettext_lazy("frühere Fassungen des Dokuments"),
}
# Decompression bombs: refuse images above this many pixels.
MAX_IMAGE_PIXELS = 50_000_000


@dataclass(frozen=True)
class CheckedUpload:
    data: bytes
    content_type: str
    extension: str
    sha256: str
    name: str

    @property
    def size(self) -> int:
        return len(self.data)


def check_upload(upload: UploadedFile, *, max_bytes: int | None = None) -> CheckedUpload:
    """Read an upload and return it if it is a JPEG, PNG or PDF within the
    size limit; raise ``ValidationError`` with a message saying why not."""
    limit = max_bytes or settings.EVIDENCE_MAX_BYTES
    name = (upload.name or "datei").rsplit("/", 1)[-1][:200]
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("„%(name)s“ ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s je Datei.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("„%(name)s“ ist zu groß. Erlaubt sind höchstens %(limit)s je Datei.")
            % {"name": name, "limit": filesizeformat(limit)},
            code="too_large",
        )
    if not data:
        raise ValidationError(_("„%(name)s“ ist leer.") % {"name": name}, code="empty")
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else None
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "„%(name)s“ ist kein Bild (JPEG, PNG) und kein PDF. Bitte laden Sie Fotos, "
                "Bildschirmfotos oder PDF-Dateien hoch."
            )
            % {"name": name},
            code="wrong_type",
        )
    return CheckedUpload(
        data=data,
        content_type=mime,
        extension=ALLOWED_TYPES[mime],
        sha256=hashlib.sha256(data).hexdigest(),
        name=name,
    )


def download_name(
    original_name: str, content_type: str, *, prefix: str = "", suffix: str = ""
) -> str:
    """The name a download is offered under: the stem of the name it was
    uploaded with, and the extension of the type its content was detected
    as. ``Bescheid.exe`` holding a PDF downloads as ``Bescheid.pdf``; a
    direction control in the name is shown as a marker."""
    stem = original_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    # Direction controls shown, not obeyed (``Rechnung`` + U+202E + ``fdp``
    # would read as ``Rechnungpdf``), other control characters left out.
    stem = "".join(
        char for char in bidi_visible(stem) if unicodedata.category(char) not in ("Cc", "Cf")
    )
    stem = stem.strip(". ") or "datei"
    return f"{prefix}{stem}{suffix}.{ALLOWED_TYPES.get(content_type, 'bin')}"


def stored_file_download(
    field: FieldFile, *, filename: str, content_type: str | None = None
) -> FileResponse:
    """A stored upload (evidence, a report's file, a Vollmacht scan) only as
    a download, sandboxed, its type never sniffed: whatever it holds cannot
    run in the staff's browser."""
    response = FileResponse(
        field.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@dataclass(frozen=True)
class Sanitized:
    """The copy people open, and what the original held that it leaves out
    (keys of ``REMOVED_LABELS``)."""

    data: bytes
    removed: tuple[str, ...]


def removed_labels(removed: list[str] | tuple[str, ...]) -> list[str]:
    """What was left out of a sanitized copy, in words, in a fixed order."""
    return [str(label) for key, label in REMOVED_LABELS.items() if key in removed]


def sanitize(data: bytes, content_type: str) -> Sanitized:
    """Return a copy without metadata and active content, and what was removed.

    Raises ``ValidationError`` if the file cannot be read as what its magic
    bytes claim (a truncated or forged file)."""
    try:
        if content_type == "application/pdf":
            return _sanitize_pdf(data)
        return _sanitize_image(data, content_type)
    except (
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
        pikepdf.PdfError,
        RecursionError,
    ) as exc:
        raise ValidationError(
            _("Die Datei ist beschädigt oder kann nicht gelesen werden."), code="unreadable"
        ) from exc


def _sanitize_image(data: bytes, content_type: str) -> Sanitized:
    with Image.open(io.BytesIO(data)) as image:
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValueError("image too large")
        has_metadata = (
            bool(image.getexif())
            or any(
                key in image.info
                for key in ("exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile")
            )
            or any(isinstance(value, str) for value in image.info.values())
        )
        # Apply the orientation before the EXIF tag that carries it goes.
        oriented = ImageOps.exif_transpose(image)
        if content_type == "image/jpeg":
            clean = oriented.convert("RGB")
            fmt, options = "JPEG", {"quality": 90, "optimize": True}
        else:
            mode = "RGBA" if oriented.mode in ("RGBA", "LA", "P") else "RGB"
            clean = oriented.convert(mode)
            fmt, options = "PNG", {"optimize": True}
        # A fresh image with only the pixels: no EXIF, GPS, XMP, ICC or text chunks.
        pixels_only = Image.new(clean.mode, clean.size)
        pixels_only.paste(clean)
        out = io.BytesIO()
        pixels_only.save(out, format=fmt, **options)
        return Sanitized(out.getvalue(), ("metadata",) if has_metadata else ())


def _sanitize_pdf(data: bytes) -> Sanitized:
    clean, removed = pdf_rebuild(data)
    return Sanitized(clean, tuple(removed))


def sanitize_stored_again(
    rows: Iterable,
    *,
    original: str = "original",
    sanitized: str = "sanitized",
    removed: str = "removed",
) -> int:
    """Make the sanitized copies of stored files again from their originals,
    with what was removed (Evidence, IntakeFile or, with the field names
    ``scan``, ``scan_sanitized`` and ``scan_removed``, PowerOfAttorney rows;
    also historical ones in a migration). Copies made by an earlier sanitizer
    may still hold active content. Returns how many copies were replaced; a
    file that cannot be read any more keeps its copy and is logged."""
    replaced = 0
    for row in rows:
        source, copy = getattr(row, original), getattr(row, sanitized)
        if not source or not copy:
            continue
        try:
            with source.open("rb") as handle:
                data = handle.read()
            kind = filetype.guess(data[:8192])
            content_type = getattr(row, "content_type", None) or (kind.mime if kind else "")
            if content_type not in ALLOWED_TYPES:
                raise ValidationError("not an accepted type")
            clean = sanitize(data, content_type)
        except (OSError, ValidationError):
            logger.warning(
                "sanitize again: %s %s unreadable, copy kept", type(row).__name__, row.pk
            )
            continue
        storage, name = copy.storage, copy.name
        storage.delete(name)
        copy.name = storage.save(name, ContentFile(clean.data))
        setattr(row, removed, list(clean.removed))
        row.save(update_fields=[sanitized, removed])
        replaced += 1
    return replaced
