"""Small real files and objects for the harness tests."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases.models import Case, Evidence


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name: str = "screenshot.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def evidence_for(case: Case) -> Evidence:
    from cases.services import evidence_add
    from cases.uploads import check_upload

    return evidence_add(case=case, upload=check_upload(png_upload()), title="Screenshot")
