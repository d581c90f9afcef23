"""The sanitized copy of a PDF is rebuilt from what its pages draw: no
action, script, form, link, attachment, bookmark or metadata survives, and
the page still shows its text."""

from __future__ import annotations

import io

import pdfplumber
import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pikepdf import Array, Dictionary, Name, Stream

from cases.models import Evidence
from cases.uploads import sanitize
from tests.cases.hostile_pdfs import CORPUS, MARKER, VISIBLE_TEXT, base_pdf, incremental_update
from tests.factories import CaseFactory

# Keys whose presence anywhere in the copy would mean active or hidden content.
FORBIDDEN_KEYS = {
    "/OpenAction",
    "/AA",
    "/A",
    "/JS",
    "/JavaScript",
    "/Next",
    "/URI",
    "/Launch",
    "/Win",
    "/Names",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/EF",
    "/FS",
    "/RichMediaContent",
    "/RichMediaSettings",
    "/Outlines",
    "/AcroForm",
    "/XFA",
    "/Annots",
    "/Metadata",
    "/PieceInfo",
    "/F",
}
FORBIDDEN_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/URI",
    "/RichMediaExecute",
}
# The only /S a drawing object has: a transparency group's, a soft mask's.
DRAWING_S = {"/Transparency", "/Alpha", "/Luminosity"}

EXPECTED_REMOVED = {
    "open_action": {"actions", "javascript"},
    "page_additional_actions": {"actions", "javascript", "launch"},
    "widget_actions": {"actions", "forms", "javascript", "launch"},
    "submit_form_import_data": {"actions", "forms", "javascript"},
    "outlines_with_next_chains": {"outlines", "javascript", "launch"},
    "links_uri_gotor_next": {"links", "javascript"},
    "names_tree_javascript_and_files": {"javascript", "embedded_files"},
    "attachments_and_rich_media": {"embedded_files", "multimedia"},
    "xmp_and_info_metadata": {"metadata"},
    "hostile_keys_in_resources": {"actions", "javascript", "metadata"},
    "hostile_values_under_private_keys": {"javascript", "launch", "links", "postscript"},
    "other_actions": {"actions", "forms", "links"},
    "object_streams": {"actions", "outlines", "javascript", "launch"},
    "incremental_update": {"actions", "javascript", "revisions"},
}


def everything_in(pdf: pikepdf.Pdf):
    """Every object of the file, indirect or nested, once."""
    pending = [*pdf.objects, pdf.trailer]
    seen: set[int] = set()
    while pending:
        obj = pending.pop()
        if not isinstance(obj, pikepdf.Object) or id(obj) in seen:
            continue
        yield obj
        if isinstance(obj, Stream):
            pending.extend(v for v in obj.stream_dict.values() if not _indirect(v))
        elif isinstance(obj, Dictionary):
            pending.extend(v for v in obj.values() if not _indirect(v))
        elif isinstance(obj, Array):
            pending.extend(v for v in obj if not _indirect(v))


def _indirect(value) -> bool:
    return isinstance(value, pikepdf.Object) and value.is_indirect


def hostile_findings(data: bytes) -> list[str]:
    """Forbidden keys, action types, metadata and the marker, wherever they are."""
    found = []
    if data.count(b"%%EOF") > 1:
        found.append("more than one revision")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Info" in pdf.trailer:
            found.append("/Info")
        for obj in everything_in(pdf):
            if isinstance(obj, Dictionary | Stream):
                keys = set(obj.stream_dict.keys() if isinstance(obj, Stream) else obj.keys())
                found += sorted(keys & FORBIDDEN_KEYS)
                kind = obj.get("/S")
                if isinstance(kind, Name) and str(kind) in FORBIDDEN_ACTIONS:
                    found.append(f"action {kind}")
                elif isinstance(kind, Name) and str(kind) not in DRAWING_S:
                    found.append(f"action {kind}")  # GoTo, Named, Hide, SetOCGState …
                if obj.get("/Subtype") in (Name.Link, Name.Widget, Name.FileAttachment):
                    found.append(f"annotation {obj.get('/Subtype')}")
                if obj.get("/Subtype") == Name.PS:
                    found.append("PostScript XObject")
            if isinstance(obj, Stream) and MARKER.encode() in _decoded(obj):
                found.append("marker in a stream")
            if isinstance(obj, pikepdf.String) and MARKER in str(obj):
                found.append("marker in a string")
    return found


def _decoded(stream: Stream) -> bytes:
    try:
        return stream.read_bytes()
    except pikepdf.PdfError:  # DCT images stay encoded
        return stream.read_raw_bytes()


def page_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_sanitized_copy_holds_no_active_content_and_still_shows_the_text(name):
    hostile = CORPUS[name]()
    assert hostile_findings(hostile), "the corpus file must carry something to remove"

    clean = sanitize(hostile, "application/pdf")

    assert hostile_findings(clean.data) == []
    assert VISIBLE_TEXT in page_text(clean.data)
    assert set(clean.removed) == EXPECTED_REMOVED[name]


def test_the_copy_keeps_the_image_and_form_the_page_draws():
    original = io.BytesIO()
    base_pdf().save(original)
    clean = sanitize(original.getvalue(), "application/pdf")
    with pikepdf.open(io.BytesIO(clean.data)) as pdf:
        xobjects = pdf.pages[0].Resources.XObject
        image = pikepdf.PdfImage(xobjects.Im1)
        assert (image.width, image.height) == (8, 8)
        assert image.as_pil_image().getpixel((4, 4))[2] > 150  # still the blue square
        assert xobjects.Fx1.read_bytes() == b"0 0 1 rg 0 0 10 10 re f"
    assert clean.removed == ()


def test_what_a_filled_in_form_field_shows_stays_visible_without_the_field():
    pdf = base_pdf()
    font = pdf.pages[0].Resources.Font.F1
    appearance = pdf.make_stream(
        b"BT /F1 12 Tf 2 5 Td (Erika Mustermann) Tj ET",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 200, 20]),
        Resources=Dictionary(Font=Dictionary(F1=font)),
    )
    widget = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=pikepdf.String("name"),
            V=pikepdf.String("Erika Mustermann"),
            Rect=Array([72, 300, 272, 320]),
            AP=Dictionary(N=appearance),
            AA=Dictionary(K=Dictionary(S=Name.JavaScript, JS=pikepdf.String(MARKER))),
        )
    )
    pdf.pages[0].obj.Annots = Array([widget])
    pdf.Root.AcroForm = Dictionary(Fields=Array([widget]))
    out = io.BytesIO()
    pdf.save(out)

    clean = sanitize(out.getvalue(), "application/pdf")

    assert "Erika Mustermann" in page_text(clean.data)
    assert hostile_findings(clean.data) == []


def test_a_real_letter_pdf_looks_the_same_after_the_rebuild():
    """WeasyPrint's output (embedded font subsets, an image, several pages):
    every page renders to the same pixels, and the text reads the same."""
    import pypdfium2
    import weasyprint
    from PIL import ImageChops

    paragraph = "<p>Hiermit lege ich Widerspruch ein. Ä Ö Ü ß €</p>"
    original = weasyprint.HTML(
        string=f"<h1>Widerspruch</h1>{paragraph * 60}"
        '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4'
        '2mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==" width="50">'
    ).write_pdf()

    clean = sanitize(original, "application/pdf").data

    def pages(data: bytes):
        document = pypdfium2.PdfDocument(data)
        return [page.render(scale=1).to_pil().convert("RGB") for page in document]

    before, after = pages(original), pages(clean)
    assert len(before) == len(after) > 1
    assert all(
        ImageChops.difference(a, b).getbbox() is None for a, b in zip(before, after, strict=True)
    )
    assert page_text(clean) == page_text(original)


def test_the_incremental_update_really_adds_javascript_that_a_reader_would_run():
    """Guards the corpus: the appended revision is what a reader opens."""
    with pikepdf.open(io.BytesIO(incremental_update())) as pdf:
        assert Name.JavaScript == pdf.Root.OpenAction.S


def test_resources_nested_without_end_are_refused_as_unreadable():
    from django.core.exceptions import ValidationError

    pdf = base_pdf()
    deep = Dictionary()
    resources = pdf.pages[0].obj.Resources
    resources.ExtGState = Dictionary(G=deep)
    for _ in range(200):
        deep.Inner = Dictionary()
        deep = deep.Inner
    out = io.BytesIO()
    pdf.save(out)
    with pytest.raises(ValidationError):
        sanitize(out.getvalue(), "application/pdf")


@pytest.mark.django_db
def test_staff_see_that_they_open_the_sanitized_copy_and_what_was_removed(cw_client, team):
    case = CaseFactory(team=team)
    cw_client.post(
        reverse("cases:evidence_upload", args=[case.reference]),
        {
            "file": SimpleUploadedFile("bescheid.pdf", CORPUS["outlines_with_next_chains"]()),
            "title": "Bescheid",
        },
    )
    evidence = Evidence.objects.get()
    assert set(evidence.removed) == {"outlines", "javascript", "launch"}
    page = cw_client.get(reverse("cases:case_detail", args=[case.reference])).text
    assert "Sie öffnen die bereinigte Kopie" in page
    assert "Aus der Kopie entfernt:</strong> JavaScript, Programmaufrufe, Lesezeichen" in page
    copy = cw_client.get(reverse("cases:evidence_download", args=[case.reference, evidence.pk]))
    assert hostile_findings(b"".join(copy.streaming_content)) == []


@pytest.mark.django_db
def test_copies_made_by_an_earlier_sanitizer_are_made_again(team, caseworker):
    import datetime as dt
    from io import StringIO

    from django.core.management import call_command

    from cases.models import PowerOfAttorney
    from cases.services import evidence_add
    from cases.uploads import check_upload
    from letters.representation import power_of_attorney_record

    hostile = CORPUS["hostile_values_under_private_keys"]()
    case = CaseFactory(team=team)
    evidence = evidence_add(
        case=case, upload=check_upload(SimpleUploadedFile("bescheid.pdf", hostile))
    )
    power = power_of_attorney_record(
        case=case,
        by=caseworker,
        signed_on=dt.date(2026, 3, 1),
        scan=check_upload(SimpleUploadedFile("vollmacht.pdf", hostile)),
    )
    # What an older sanitizer left: the actions under private keys.
    for copy in (evidence.sanitized, power.scan_sanitized):
        with open(copy.path, "wb") as handle:
            handle.write(hostile)
    Evidence.objects.filter(pk=evidence.pk).update(removed=[])
    PowerOfAttorney.objects.filter(pk=power.pk).update(scan_removed=[])

    call_command("sanitize_again", stdout=StringIO())

    evidence.refresh_from_db()
    power.refresh_from_db()
    for copy in (evidence.sanitized, power.scan_sanitized):
        with copy.open("rb") as handle:
            assert hostile_findings(handle.read()) == []
    assert (
        set(evidence.removed)
        == set(power.scan_removed)
        == EXPECTED_REMOVED["hostile_values_under_private_keys"]
    )


def test_name_maps_of_type3_glyphs_and_colourants_keep_drawing():
    """Keys chosen by the file (a Type 3 font's glyph names, a DeviceN
    colour space's colourants, a shading pattern's resource names) are kept
    with their objects: the page renders to the same pixels."""
    import pypdfium2
    from PIL import ImageChops

    pdf = base_pdf()
    glyph = pdf.make_stream(b"1000 0 0 0 800 800 d1 0 0 800 800 re f")
    type3 = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type3,
            FontBBox=Array([0, 0, 800, 800]),
            FontMatrix=Array([0.001, 0, 0, 0.001, 0, 0]),
            CharProcs=Dictionary(square=glyph),
            Encoding=Dictionary(Type=Name.Encoding, Differences=Array([65, Name.square])),
            FirstChar=65,
            LastChar=65,
            Widths=Array([1000]),
            Resources=Dictionary(),
        )
    )
    tint = Dictionary(
        FunctionType=2, Domain=Array([0, 1]), C0=Array([0, 0, 0]), C1=Array([1, 0, 0]), N=1
    )
    spot = Array(
        [
            Name.DeviceN,
            Array([Name("/Rot")]),
            Name.DeviceRGB,
            tint,
            Dictionary(
                Colorants=Dictionary(
                    Rot=Array([Name.Separation, Name("/Rot"), Name.DeviceRGB, tint])
                )
            ),
        ]
    )
    shading = Dictionary(
        ShadingType=2,
        ColorSpace=Name.DeviceRGB,
        Coords=Array([0, 0, 200, 0]),
        Function=Dictionary(
            FunctionType=2, Domain=Array([0, 1]), C0=Array([0, 1, 0]), C1=Array([0, 0, 1]), N=1
        ),
        Extend=Array([True, True]),
    )
    resources = pdf.pages[0].obj.Resources
    resources.Font.T3 = type3
    resources.ColorSpace = Dictionary(CS1=spot)
    resources.Pattern = Dictionary(P1=Dictionary(PatternType=2, Shading=shading))
    resources.ExtGState = Dictionary(GS1=Dictionary(Type=Name.ExtGState, ca=0.5))
    page = pdf.pages[0].obj
    page.Contents = pdf.make_stream(
        page.Contents.read_bytes()
        + b" BT /T3 40 Tf 300 700 Td (AAA) Tj ET"
        + b" /CS1 cs 1 scn 72 300 100 100 re f"
        + b" /Pattern cs /P1 scn 200 300 200 100 re f"
        + b" /GS1 gs 0 0 0 rg 300 250 100 100 re f"
    )
    out = io.BytesIO()
    pdf.save(out)

    clean = sanitize(out.getvalue(), "application/pdf").data

    def rendered(data: bytes):
        return pypdfium2.PdfDocument(data)[0].render(scale=1).to_pil().convert("RGB")

    before, after = rendered(out.getvalue()), rendered(clean)
    assert ImageChops.difference(before, after).getbbox() is None
    assert before.getpixel((350, 842 - 710))[0] < 80  # the Type 3 squares are drawn
    assert hostile_findings(clean) == []
