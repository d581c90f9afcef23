"""Checking and sanitizing uploaded evidence (staff uploads and public reports).

The type is decided by the file's first bytes (magic numbers), never by its
name or the browser's Content-Type. The original is kept byte for byte with
its SHA-256; what people open is a sanitized copy: images re-encoded without
EXIF/GPS or other metadata, PDFs rewritten without JavaScript, actions,
embedded files, XMP and document info.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import filetype
import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/pdf": "pdf",
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


def sanitize(data: bytes, content_type: str) -> bytes:
    """Return a copy without metadata and active content.

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
    ) as exc:
        raise ValidationError(
            _("Die Datei ist beschädigt oder kann nicht gelesen werden."), code="unreadable"
        ) from exc


def _sanitize_image(data: bytes, content_type: str) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValueError("image too large")
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
        return out.getvalue()


def _sanitize_pdf(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        for key in ("/OpenAction", "/AA", "/AcroForm", "/Metadata", "/JavaScript"):
            if key in root:
                del root[key]
        if "/Names" in root:
            names = root.Names
            for key in ("/JavaScript", "/EmbeddedFiles"):
                if key in names:
                    del names[key]
        for page in pdf.pages:
            if "/AA" in page.obj:
                del page.obj["/AA"]
            if "/Annots" in page.obj:
                kept = pikepdf.Array()
                for annot in page.obj.Annots:
                    subtype = annot.get("/Subtype")
                    if subtype in ("/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia"):
                        continue
                    action = annot.get("/A")
                    if action is not None and action.get("/S") in (
                        "/JavaScript",
                        "/Launch",
                        "/SubmitForm",
                        "/ImportData",
                    ):
                        continue
                    if "/AA" in annot:
                        del annot["/AA"]
                    kept.append(annot)
                page.obj.Annots = kept
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        out = io.BytesIO()
        pdf.save(out, fix_metadata_version=False, deterministic_id=True)
        return out.getvalue()
