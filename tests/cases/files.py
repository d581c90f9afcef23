"""Files for upload tests, built in memory."""

from __future__ import annotations

import io

import pikepdf
from PIL import Image

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (52.0, 31.0, 12.0)
    gps[3] = "E"
    gps[4] = (13.0, 24.0, 36.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')")
    )
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


ELF_AS_JPG = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
MZ_AS_JPG = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
