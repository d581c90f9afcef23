"""The staff inbox ("Eingang"): list, detail, files and the four actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from advocacy.auth import StaffRequest
from cases import previews
from cases.audit import list_read_logged, read_logged
from cases.intake.forms import (
    AskForm,
    AttachForm,
    ConvertForm,
    InboxFilterForm,
    RejectForm,
)
from cases.intake.models import IntakeFile, IntakeSubmission
from cases.intake.selectors import inbox_detail, inbox_list
from cases.intake.services import (
    IntakeActionNotAllowed,
    file_viewed,
    submission_answer_seen,
    submission_ask,
    submission_attach,
    submission_convert,
    submission_reject,
)
from cases.uploads import download_name, stored_file_download

PAGE_SIZE = 25


@require_GET
def inbox(request: StaffRequest) -> HttpResponse:
    filters = InboxFilterForm(request.GET or None)
    params = filters.cleaned_data if filters.is_valid() else {}
    submissions = inbox_list(
        user=request.user,
        status=params.get("status", ""),
        kind=params.get("kind", ""),
        since=params.get("since"),
        until=params.get("until"),
        new_answers=params.get("new_answers", False),
    )
    page = Paginator(submissions, PAGE_SIZE).get_page(request.GET.get("page"))
    # Each row shows the beginning of the report's text: a read of each.
    list_read_logged(request.user, page.object_list, "inbox")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "intake/inbox.html",
        {"filters": filters, "page": page, "query": query.urlencode()},
    )


def _submission_or_404(request, pk: int) -> IntakeSubmission:
    submission = inbox_detail(user=request.user, pk=pk)
    if submission is None:
        raise Http404
    return submission


def _render_detail(request, submission, *, status=200, **forms) -> HttpResponse:
    context = {
        "submission": submission,
        "convert_form": forms.get("convert_form")
        or ConvertForm(
            user=request.user,
            initial={"jobcenter": submission.jobcenter_id, "title": submission.get_kind_display()},
        ),
        "attach_form": forms.get("attach_form") or AttachForm(user=request.user),
        "ask_form": forms.get("ask_form") or AskForm(),
        "reject_form": forms.get("reject_form") or RejectForm(),
    }
    return render(request, "intake/detail.html", context, status=status)


@require_GET
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    submission = _submission_or_404(request, pk)
    read_logged(submission)
    submission_answer_seen(submission=submission)
    return _render_detail(request, submission)


@require_GET
def file_download(request: StaffRequest, pk: int, which: str) -> FileResponse:
    item = IntakeFile.objects.select_related("submission").filter(pk=pk).first()
    if item is None or inbox_detail(user=request.user, pk=item.submission_id) is None:
        raise Http404
    is_original = which == "original"
    field = item.original if is_original else item.sanitized
    file_viewed(item=item, by=request.user, original=is_original)
    read_logged(item.submission)
    name = download_name(
        item.original_name, item.content_type, prefix="" if is_original else "bereinigt-"
    )
    return stored_file_download(field, filename=name, content_type=item.content_type)


@require_GET
def file_preview(request: StaffRequest, pk: int, size: str) -> HttpResponse:
    """A picture of the sanitized copy for the inbox (see ``cases.previews``)."""
    item = IntakeFile.objects.select_related("submission").filter(pk=pk).first()
    if item is None or size not in previews.SIZES:
        raise Http404
    if inbox_detail(user=request.user, pk=item.submission_id) is None:
        raise Http404
    try:
        png = previews.preview_of(item.sanitized, item.content_type, size=size)
    except previews.NoPreview as error:
        raise Http404 from error
    read_logged(item.submission)
    return previews.preview_response(png)


def _action(request, pk, form_name, form, do):
    submission = _submission_or_404(request, pk)
    if not form.is_valid():
        return _render_detail(request, submission, status=400, **{form_name: form})
    try:
        message = do(submission, form.cleaned_data)
    except IntakeActionNotAllowed as exc:
        messages.error(request, str(exc))
        return redirect("intake:detail", pk=pk)
    messages.success(request, message)
    return redirect("intake:detail", pk=pk)


@require_POST
def convert(request: StaffRequest, pk: int) -> HttpResponse:
    """Create the case, then open it: the next step happens there."""
    submission = _submission_or_404(request, pk)
    form = ConvertForm(request.POST, user=request.user)
    if not form.is_valid():
        return _render_detail(request, submission, status=400, convert_form=form)
    data = form.cleaned_data
    try:
        case = submission_convert(
            submission=submission,
            by=request.user,
            team=data["team"],
            jobcenter=form.chosen_jobcenter,
            title=data["title"],
            decision_kind=data["decision_kind"],
            assignee=data.get("assignee"),
        )
    except IntakeActionNotAllowed as exc:
        messages.error(request, str(exc))
        return redirect("intake:detail", pk=pk)
    messages.success(request, _("Fall %(ref)s angelegt.") % {"ref": case.reference})
    return redirect("cases:case_detail", case.reference)


@require_POST
def attach(request: StaffRequest, pk: int) -> HttpResponse:
    def do(submission, data):
        case = submission_attach(submission=submission, case=data["reference"], by=request.user)
        return _("Meldung dem Fall %(ref)s zugeordnet.") % {"ref": case.reference}

    return _action(request, pk, "attach_form", AttachForm(request.POST, user=request.user), do)


@require_POST
def ask(request: StaffRequest, pk: int) -> HttpResponse:
    def do(submission, data):
        submission_ask(submission=submission, by=request.user, text=data["text"])
        return _("Rückfrage gespeichert; sie erscheint auf der Statusseite der Person.")

    return _action(request, pk, "ask_form", AskForm(request.POST), do)


@require_POST
def reject(request: StaffRequest, pk: int) -> HttpResponse:
    def do(submission, data):
        submission_reject(submission=submission, by=request.user, reason=data["reason"])
        return _("Meldung abgelehnt.")

    return _action(request, pk, "reject_form", RejectForm(request.POST), do)
