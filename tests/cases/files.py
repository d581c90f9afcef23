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


def pdf_with_red_block() -> bytes:
    """An A4 page, white, with a red square in its upper left quarter and a
    second page that must not show in a first-page preview."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.add_blank_page(page_size=(595, 842))
    red = b"1 0 0 rg 50 500 250 250 re f"
    pdf.pages[0].Contents = pdf.make_stream(red)
    pdf.pages[1].Contents = pdf.make_stream(b"0 0 1 rg 0 0 595 842 re f")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def png_two_halves(size: tuple[int, int] = (400, 200)) -> bytes:
    """Left half red, right half blue."""
    image = Image.new("RGB", size, (220, 0, 0))
    image.paste((0, 0, 220), (size[0] // 2, 0, size[0], size[1]))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
