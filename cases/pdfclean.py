"""Rebuilding a PDF from what its pages draw, and nothing else.

An allow-list, not a deny-list: a new document is made and only the pages'
content streams (with what the annotations show flattened into them), their
boxes and rotation, and the resources those streams
draw with (fonts, images, form XObjects, colour spaces, patterns, shadings,
graphics states) are copied into it. Whatever else the file holds is never
copied: the catalogue's actions (``/OpenAction``, ``/AA``), outlines and
their ``/Next`` chains, the names tree (JavaScript, embedded files), forms,
annotations of every kind (links, widgets, attachments, media), metadata
(XMP and document info), earlier revisions of incremental updates and
objects nobody references. Inside the copied resources the same holds key
by key: only the keys that take part in drawing (``_KEPT_KEYS``) are copied,
and only objects of the kinds that draw (``_KEPT_TYPES``, ``_KEPT_SUBTYPES``):
an action, a file reference, metadata or private data put on a font, an
image or a graphics state is not copied, whatever key it hides under.

``pdf_rebuild`` also says what it left out, in the categories of
``REMOVED_LABELS`` in ``cases.uploads``, so staff can see it.
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream


def _names(words: str) -> frozenset[str]:
    return frozenset("/" + word for word in words.split())


# What a copied resource may keep: the keys that take part in drawing, for
# every kind of object a page's resources reach (ISO 32000-2: fonts and their
# descriptors, CMaps and encodings, images and form XObjects with their
# transparency groups and masks, graphics states, colour spaces, patterns,
# shadings, functions, halftones, optional content). Every other key is left
# out, whatever it is called: actions, scripts, references to other files,
# metadata, private application data, links back to the document.
_KEPT_KEYS = _names(
    # streams and their filters
    "Filter DecodeParms DL Predictor Colors BitsPerComponent Columns EarlyChange K "
    "EndOfLine EncodedByteAlign Rows EndOfBlock BlackIs1 DamagedRowsBeforeError "
    "JBIG2Globals ColorTransform "
    # resource dictionaries
    "Font XObject ExtGState ColorSpace Pattern Shading ProcSet Properties "
    # images and form XObjects, transparency groups and soft masks
    "Type Subtype Width Height Intent ImageMask Mask Decode Interpolate SMask "
    "SMaskInData Matte Name FormType BBox Matrix Resources Group OC S CS I G BC TR "
    # fonts, descriptors, CID fonts, encodings, CMaps, embedded font programs
    "BaseFont FirstChar LastChar Widths FontDescriptor Encoding ToUnicode "
    "DescendantFonts FontBBox FontMatrix CharProcs CIDSystemInfo DW W DW2 W2 "
    "CIDToGIDMap Registry Ordering Supplement FontName FontFamily FontStretch "
    "FontWeight Flags ItalicAngle Ascent Descent Leading CapHeight XHeight StemV "
    "StemH AvgWidth MaxWidth MissingWidth FontFile FontFile2 FontFile3 CharSet "
    "Style Lang FD CIDSet Panose BaseEncoding Differences CMapName WMode UseCMap "
    "Length1 Length2 Length3 "
    # graphics states and halftones
    "LW LC LJ ML D RI OP op OPM BG BG2 UCR UCR2 TR2 HT FL SM SA BM CA ca AIS TK "
    "UseBlackPtComp HTO HalftoneType HalftoneName Frequency Angle SpotFunction "
    "AccurateScreens TransferFunction Width2 Height2 Xsquare Ysquare Default "
    # patterns, shadings, functions
    "PatternType PaintType TilingType XStep YStep ShadingType Background AntiAlias "
    "Coords Domain Function Extend BitsPerCoordinate BitsPerFlag VerticesPerRow "
    "FunctionType Range Size BitsPerSample Order Encode C0 C1 N Functions Bounds "
    # colour spaces (ICC profiles, DeviceN attributes)
    "Alternate Colorants Process Components MixingHints Solidities PrintingOrder "
    "DotGain WhitePoint BlackPoint Gamma "
    # optional content
    "OCGs P VE"
)
# Dictionaries whose keys are names chosen by the file (resource names, glyph
# names, colourant names): any key, each value copied by the rules here. The
# resource kinds are such maps only inside a resource dictionary (a shading
# pattern's /Shading, for one, is a shading).
_RESOURCE_MAPS = frozenset(
    {"/Font", "/XObject", "/ExtGState", "/ColorSpace", "/Pattern", "/Shading", "/Properties"}
)
_NAME_MAPS = frozenset({"/CharProcs", "/Colorants", "/Solidities", "/DotGain"})
# The only kinds of object that draw. A dictionary of another /Type (an
# action, an annotation, a file specification, metadata, a page …) or
# /Subtype (a PostScript XObject …) is not copied at all, nor is one whose
# /S is anything but a transparency group's or a soft mask's.
_KEPT_TYPES = _names(
    "Font FontDescriptor XObject ExtGState Pattern Group Mask Halftone OCG OCMD Encoding CMap"
)
_KEPT_SUBTYPES = _names(
    "Image Form Type1 MMType1 TrueType Type3 Type0 CIDFontType0 CIDFontType2 "
    "Type1C CIDFontType0C OpenType DeviceN NChannel"
)
_KEPT_S = frozenset({"/Transparency", "/Alpha", "/Luminosity"})
_PAGE_BOXES = ("/MediaBox", "/CropBox", "/Rotate")
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_MAX_DEPTH = 64

_ACTION_KINDS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "forms",
    "/ImportData": "forms",
    "/ResetForm": "forms",
    "/GoToR": "links",
    "/GoToE": "links",
    "/URI": "links",
    "/RichMediaExecute": "multimedia",
    "/Rendition": "multimedia",
    "/Movie": "multimedia",
    "/Sound": "multimedia",
}
_ANNOT_KINDS = {
    "/Link": "links",
    "/Widget": "forms",
    "/FileAttachment": "embedded_files",
    "/RichMedia": "multimedia",
    "/Movie": "multimedia",
    "/Sound": "multimedia",
    "/Screen": "multimedia",
    "/3D": "multimedia",
}


class PdfTooComplex(ValueError):
    """The resources nest deeper than any real document does."""


def pdf_rebuild(data: bytes) -> tuple[bytes, list[str]]:
    """A new PDF with only what the pages draw, and the sorted categories of
    what the original held beyond that (``"javascript"``, ``"outlines"`` …)."""
    with pikepdf.open(io.BytesIO(data)) as source:
        removed = _found_in(source, data)
        # What annotations show (a filled-in form field, a stamp) becomes part
        # of the page's content; the annotations themselves are not copied.
        source.flatten_annotations(mode="screen")
        target = pikepdf.new()
        copied: dict[tuple[int, int], object] = {}
        for page in source.pages:
            target.pages.append(_page_copy(page.obj, target, copied))
        out = io.BytesIO()
        target.save(
            out,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            fix_metadata_version=False,
            deterministic_id=True,
        )
    return out.getvalue(), sorted(removed)


def _inherited(page: Dictionary, key: str):
    node: Any = page
    seen = 0
    while node is not None and seen < _MAX_DEPTH:
        if key in node:
            return node[key]
        node = node.get("/Parent")
        seen += 1
    return None


def _page_copy(page: Dictionary, target: pikepdf.Pdf, copied: dict) -> pikepdf.Page:
    fresh = Dictionary(Type=Name.Page)
    for key in _PAGE_BOXES:
        value = _inherited(page, key)
        copy = _LEFT_OUT if value is None else _copy(value, target, copied, 0)
        if isinstance(copy, Array) or (key == "/Rotate" and isinstance(copy, int)):
            fresh[key] = copy
    if "/MediaBox" not in fresh:
        fresh.MediaBox = Array([0, 0, 595, 842])
    resources = _inherited(page, "/Resources")
    copy = (
        _copy(resources, target, copied, 0, role="resources")
        if isinstance(resources, Dictionary)
        else _LEFT_OUT
    )
    fresh.Resources = Dictionary() if copy is _LEFT_OUT else copy
    contents = page.get("/Contents")
    parts = contents if isinstance(contents, Array) else [contents] if contents else []
    drawn = b"\n".join(part.read_bytes() for part in parts if isinstance(part, Stream))
    fresh.Contents = Stream(target, drawn)
    return pikepdf.Page(fresh)


_LEFT_OUT = object()


def _draws(obj: Dictionary | Stream) -> bool:
    """Whether a dictionary (or a stream's) is of a kind that draws."""
    kind = obj.get("/Type")
    if isinstance(kind, Name) and str(kind) not in _KEPT_TYPES:
        return False
    subtype = obj.get("/Subtype")
    if isinstance(subtype, Name) and str(subtype) not in _KEPT_SUBTYPES:
        return False
    action = obj.get("/S")
    return not (isinstance(action, Name) and str(action) not in _KEPT_S)


def _copy(obj, target: pikepdf.Pdf, copied: dict, depth: int, *, role: str = ""):
    """A copy of a resource object in ``target`` with only the kept keys, or
    ``_LEFT_OUT`` for an object that does not draw; shared objects stay
    shared, reference cycles end. ``role`` is ``"resources"`` for a resource
    dictionary and ``"names"`` for a name map, whose keys are the file's own
    names and whose values must be objects, not bare strings or numbers."""
    if depth > _MAX_DEPTH:
        raise PdfTooComplex("resources nested too deeply")
    if not isinstance(obj, pikepdf.Object):
        return obj  # numbers and booleans come back as Python values
    key = (obj.objgen, role) if obj.is_indirect else None
    if key in copied:
        return copied[key]
    if isinstance(obj, Stream):
        if not _draws(obj.stream_dict):
            return _LEFT_OUT
        # The encoded bytes as they are (JPEG, JPX, Flate …); the copied
        # /Filter and /DecodeParms say how to read them.
        stream = target.make_stream(obj.read_raw_bytes())
        if key:
            copied[key] = stream
        _copy_entries(obj.stream_dict, stream.stream_dict, target, copied, depth, "")
        return stream
    if isinstance(obj, Dictionary):
        if role != "names" and not _draws(obj):
            return _LEFT_OUT
        fresh = Dictionary()
        if key:
            fresh = target.make_indirect(fresh)
            copied[key] = fresh
        _copy_entries(obj, fresh, target, copied, depth, role)
        return fresh
    if isinstance(obj, Array):
        items = [_copy(item, target, copied, depth + 1) for item in obj]
        fresh_array = Array([None if item is _LEFT_OUT else item for item in items])
        if key:
            fresh_array = target.make_indirect(fresh_array)
            copied[key] = fresh_array
        return fresh_array
    # Names, numbers, strings, booleans, null: immutable values.
    return obj if not obj.is_indirect else target.copy_foreign(obj)


def _copy_entries(source, fresh, target, copied: dict, depth: int, role: str) -> None:
    for name, value in source.items():
        if role == "names":
            if not isinstance(value, Dictionary | Stream | Array | Name):
                continue
        elif name not in _KEPT_KEYS:
            continue
        inner = ""
        if name == "/Resources" and role != "names":
            inner = "resources"
        elif isinstance(value, Dictionary) and (
            name in _NAME_MAPS or (role == "resources" and name in _RESOURCE_MAPS)
        ):
            inner = "names"
        value_copy = _copy(value, target, copied, depth + 1, role=inner)
        if value_copy is not _LEFT_OUT:
            fresh[name] = value_copy


def _found_in(pdf: pikepdf.Pdf, data: bytes) -> set[str]:
    """What the original holds that the copy leaves out, by category."""
    found: set[str] = set()
    root = pdf.Root
    if "/Outlines" in root:
        found.add("outlines")
    if "/AcroForm" in root:
        found.add("forms")
    if "/Metadata" in root or "/Info" in pdf.trailer:
        found.add("metadata")
    if data.count(b"%%EOF") > (2 if pdf.is_linearized else 1):
        found.add("revisions")
    for obj in _dictionaries(pdf):
        keys = set(obj.keys())
        if keys & {"/OpenAction", "/AA"}:
            found.add("actions")
        if keys & {"/JS", "/JavaScript"}:
            found.add("javascript")
        if keys & {"/EmbeddedFiles", "/EF"}:
            found.add("embedded_files")
        if "/RichMediaContent" in keys:
            found.add("multimedia")
        if obj.get("/Type") == Name.Metadata or "/PieceInfo" in keys:
            found.add("metadata")
        if Name.PS in (obj.get("/Subtype"), obj.get("/Subtype2")):
            found.add("postscript")
        kind = obj.get("/S")
        if isinstance(kind, Name) and str(kind) in _ACTION_KINDS:
            found.add(_ACTION_KINDS[str(kind)])
        subtype = obj.get("/Subtype")
        if obj.get("/Type") == Name.Annot or (
            isinstance(subtype, Name) and str(subtype) in _ANNOT_KINDS and "/Rect" in keys
        ):
            found.add(_ANNOT_KINDS.get(str(subtype), "annotations"))
    return found


def _dictionaries(pdf: pikepdf.Pdf):
    """Every dictionary in the file: the indirect objects and the direct
    dictionaries nested in them (an action written inline, for example)."""
    pending: list[tuple[Any, int]] = [
        (obj, 0) for obj in pdf.objects if isinstance(obj, Dictionary | Stream | Array)
    ]
    pending.append((pdf.trailer, 0))
    while pending:
        obj, depth = pending.pop()
        if depth > _MAX_DEPTH:
            raise PdfTooComplex("objects nested too deeply")
        if isinstance(obj, Stream | Dictionary):
            yield obj
            values = list(obj.stream_dict.values() if isinstance(obj, Stream) else obj.values())
        else:
            values = list(obj)
        for value in values:
            if isinstance(value, Dictionary | Array) and not value.is_indirect:
                pending.append((value, depth + 1))
