"""Pictures of a draft's pages for the editor (see ``letters.editor``)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from advocacy.auth import StaffRequest
from cases.audit import read_logged
from cases.previews import preview_response
from letters import editor
from letters.models import Letter


@require_GET
def letter_page_image(request: StaffRequest, pk: int, number: int) -> HttpResponse:
    letter = get_object_or_404(
        Letter.objects.visible_to(request.user).select_related(
            "case__person", "case__jobcenter", "decision", "recipient_authority"
        ),
        pk=pk,
    )
    png = editor.page_png(editor.letter_pdf(letter), number)
    if png is None:
        raise Http404
    read_logged(letter)
    response = preview_response(png)
    # A draft's pages change with its text and the case: never shown from a cache.
    response["Cache-Control"] = "no-cache"
    return response
