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
objects nobody references. Inside the copied resources, only keys that take
part in drawing survive: a resource dictionary carrying an action, a file
reference or metadata loses that key.

``pdf_rebuild`` also says what it left out, in the categories of
``REMOVED_LABELS`` in ``cases.uploads``, so staff can see it.
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

# Keys a copied resource never keeps, wherever it sits: actions, scripts,
# references to other files, metadata, private application data, structure
# and optional links back to the page tree or the document.
_DROPPED_KEYS = frozenset(
    {
        "/A",
        "/AA",
        "/JS",
        "/JavaScript",
        "/OpenAction",
        "/URI",
        "/Launch",
        "/Next",
        "/F",
        "/FFilter",
        "/FDecodeParms",
        "/EF",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMediaContent",
        "/RichMediaSettings",
        "/Metadata",
        "/PieceInfo",
        "/OPI",
        "/Ref",
        "/Parent",
        "/P",
        "/StructParent",
        "/StructParents",
        "/Annots",
        "/AcroForm",
        "/Names",
        "/Outlines",
        "/ID",
        "/Alternates",
        "/LastModified",
    }
)
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
        if value is not None:
            fresh[key] = _copy(value, target, copied, 0)
    if "/MediaBox" not in fresh:
        fresh.MediaBox = Array([0, 0, 595, 842])
    resources = _inherited(page, "/Resources")
    fresh.Resources = (
        _copy(resources, target, copied, 0) if isinstance(resources, Dictionary) else Dictionary()
    )
    contents = page.get("/Contents")
    parts = contents if isinstance(contents, Array) else [contents] if contents else []
    drawn = b"\n".join(part.read_bytes() for part in parts if isinstance(part, Stream))
    fresh.Contents = Stream(target, drawn)
    return pikepdf.Page(fresh)


def _copy(obj, target: pikepdf.Pdf, copied: dict, depth: int):
    """A copy of a resource object in ``target`` without the dropped keys;
    shared objects stay shared, reference cycles end."""
    if depth > _MAX_DEPTH:
        raise PdfTooComplex("resources nested too deeply")
    if not isinstance(obj, pikepdf.Object):
        return obj  # numbers and booleans come back as Python values
    if obj.is_indirect:
        key = obj.objgen
        if key in copied:
            return copied[key]
    if isinstance(obj, Stream):
        # The encoded bytes as they are (JPEG, JPX, Flate …); the copied
        # /Filter and /DecodeParms say how to read them.
        stream = target.make_stream(obj.read_raw_bytes())
        if obj.is_indirect:
            copied[obj.objgen] = stream
        for name, value in obj.stream_dict.items():
            if name not in _DROPPED_KEYS and name != "/Length":
                stream.stream_dict[name] = _copy(value, target, copied, depth + 1)
        return stream
    if isinstance(obj, Dictionary):
        fresh = Dictionary()
        if obj.is_indirect:
            fresh = target.make_indirect(fresh)
            copied[obj.objgen] = fresh
        for name, value in obj.items():
            if name not in _DROPPED_KEYS:
                fresh[name] = _copy(value, target, copied, depth + 1)
        return fresh
    if isinstance(obj, Array):
        fresh_array = Array([_copy(item, target, copied, depth + 1) for item in obj])
        if obj.is_indirect:
            fresh_array = target.make_indirect(fresh_array)
            copied[obj.objgen] = fresh_array
        return fresh_array
    # Names, numbers, strings, booleans, null: immutable values.
    return obj if not obj.is_indirect else target.copy_foreign(obj)


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
