"""Coordinators keep the text blocks; everyone inserts them in the letter editor."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from advocacy.auth import StaffRequest, is_coordinator
from letters.textblocks import PLACEHOLDERS, TextBlock, TextBlockForm


def _coordinator_only(request: StaffRequest) -> None:
    if not is_coordinator(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "HEAD", "POST"])
def text_blocks(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    """The list of text blocks and the form for a new one (or the one ``pk``)."""
    _coordinator_only(request)
    block = get_object_or_404(TextBlock, pk=pk) if pk else None
    form = TextBlockForm(request.POST or None, instance=block)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, _("Textbaustein „%(title)s“ gespeichert.") % {"title": saved})
        return redirect("letters:text_blocks")
    return render(
        request,
        "letters/text_blocks.html",
        {
            "blocks": TextBlock.objects.all(),
            "form": form,
            "block": block,
            "placeholders": [f"{{{name}}}" for name in PLACEHOLDERS],
        },
    )


@require_POST
def text_block_delete(request: StaffRequest, pk: int) -> HttpResponse:
    _coordinator_only(request)
    block = get_object_or_404(TextBlock, pk=pk)
    block.delete()
    messages.success(request, _("Textbaustein „%(title)s“ gelöscht.") % {"title": block})
    return redirect("letters:text_blocks")
