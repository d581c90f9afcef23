"""What is done on the case page: notes, status, assignment, incidents,
decisions, evidence. Each action works as an htmx request (answering with the
refreshed case body, or the form with its errors) and as a plain POST
(redirect back to the case page, or the form on a page of its own)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from advocacy.auth import StaffRequest, is_coordinator
from cases import previews, selectors
from cases.audit import read_logged
from cases.deadlines.models import ENDING_CASE_STATUSES
from cases.deadlines.services import (
    DeadlineActionRefused,
    case_end,
    decision_correct_with_deadlines,
    decision_record_with_deadlines,
    incident_record_with_deadlines,
)
from cases.forms import (
    AssignmentForm,
    DecisionForm,
    EvidenceForm,
    IncidentForm,
    NoteForm,
    OutcomeForm,
    TransitionForm,
)
from cases.models import Case, Decision, Evidence
from cases.services import (
    TransitionNotAllowed,
    case_assign,
    case_note_add,
    case_transition,
    evidence_add,
    outcome_record,
)
from cases.uploads import download_name, stored_file_download
from cases.views.cases import case_page_context

# action name -> (form template partial, heading)
ACTIONS = {
    "note": ("cases/_form_note.html", gettext_lazy("Notiz hinzufügen")),
    "transition": ("cases/_form_transition.html", gettext_lazy("Status ändern")),
    "assignment": ("cases/_form_assignment.html", gettext_lazy("Zuständigkeit")),
    "incident": ("cases/_form_incident.html", gettext_lazy("Vorfall erfassen")),
    "decision": ("cases/_form_decision.html", gettext_lazy("Bescheid erfassen")),
    "evidence": ("cases/_form_evidence.html", gettext_lazy("Beweismittel hochladen")),
    "outcome": ("cases/_form_outcome.html", gettext_lazy("Ergebnis erfassen")),
}


def _is_htmx(request: StaffRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _done(request: StaffRequest, case: Case, message: str) -> HttpResponse:
    if _is_htmx(request):
        fresh = selectors.case_for_page(request.user, case.reference)
        response = render(request, "cases/_case_body.html", case_page_context(request, fresh))
        response["HX-Trigger"] = "case-changed"
        return response
    messages.success(request, message)
    return redirect("cases:case_detail", reference=case.reference)


def _invalid(request: StaffRequest, case: Case, action: str, form) -> HttpResponse:
    template, heading = ACTIONS[action]
    context = {"case": case, f"{action}_form": form, "form": form, "heading": heading}
    if _is_htmx(request):
        response = render(request, template, context)
        response["HX-Retarget"] = f"#form-{action}"
        response["HX-Reswap"] = "outerHTML"
        return response
    context["form_template"] = template
    return render(request, "cases/action_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def note_add(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_action(request.user, reference)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case_note_add(case=case, by=request.user, note=form.cleaned_data["note"])
        return _done(request, case, _("Notiz gespeichert."))
    return _invalid(request, case, "note", form)


@require_http_methods(["GET", "HEAD", "POST"])
def transition(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_action(request.user, reference)
    form = TransitionForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        to_status = form.cleaned_data["to_status"]
        try:
            if to_status in ENDING_CASE_STATUSES:
                case_end(
                    case=case,
                    to_status=to_status,
                    by=request.user,
                    note=form.cleaned_data["note"],
                    decisions=form.deadline_decisions(),
                )
            else:
                case_transition(
                    case=case, to_status=to_status, by=request.user, note=form.cleaned_data["note"]
                )
        except (TransitionNotAllowed, DeadlineActionRefused) as exc:
            form.add_error("to_status", str(exc))
        else:
            return _done(request, case, _("Status geändert."))
    return _invalid(request, case, "transition", form)


@require_http_methods(["GET", "HEAD", "POST"])
def assignment(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_action(request.user, reference)
    form = AssignmentForm(request.POST or None, case=case, user=request.user)
    if request.method == "POST" and form.is_valid():
        team = form.cleaned_data.get("team") if is_coordinator(request.user) else None
        case_assign(case=case, by=request.user, assignees=form.cleaned_data["assignees"], team=team)
        return _done(request, case, _("Zuständigkeit gespeichert."))
    return _invalid(request, case, "assignment", form)


@require_http_methods(["GET", "HEAD", "POST"])
def incident_add(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_action(request.user, reference)
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        incident_record_with_deadlines(case=case, by=request.user, **form.cleaned_data)
        return _done(request, case, _("Vorfall erfasst."))
    return _invalid(request, case, "incident", form)


@require_http_methods(["GET", "HEAD", "POST"])
def decision_add(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_action(request.user, reference)
    form = DecisionForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        decision_record_with_deadlines(case=case, by=request.user, **form.cleaned_data)
        return _done(request, case, _("Bescheid erfasst."))
    return _invalid(request, case, "decision", form)


@require_http_methods(["GET", "HEAD", "POST"])
def outcome_add(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_action(request.user, reference)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome_record(case=case, by=request.user, **form.cleaned_data)
        return _done(request, case, _("Ergebnis erfasst."))
    return _invalid(request, case, "outcome", form)


@require_http_methods(["GET", "HEAD", "POST"])
def decision_edit(request: StaffRequest, reference: str, pk: int) -> HttpResponse:
    """Correct a recorded Bescheid; its deadlines are computed again."""
    case = selectors.case_for_action(request.user, reference)
    decision = get_object_or_404(Decision, pk=pk, case=case)
    form = DecisionForm(
        request.POST or None, instance=Decision.objects.get(pk=decision.pk), case=case
    )
    if request.method == "POST" and form.is_valid():
        decision_correct_with_deadlines(decision=decision, by=request.user, **form.cleaned_data)
        messages.success(request, _("Bescheid korrigiert; die Fristen wurden neu berechnet."))
        return redirect("cases:case_detail", reference=case.reference)
    read_logged(decision)
    return render(
        request,
        "cases/decision_edit.html",
        {"case": case, "decision": decision, "form": form},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def evidence_upload(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_action(request.user, reference)
    form = EvidenceForm(request.POST or None, request.FILES or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            evidence_add(
                case=case,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                by=request.user,
                incident=form.cleaned_data["incident"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return _done(request, case, _("Beweismittel gespeichert."))
    return _invalid(request, case, "evidence", form)


@require_http_methods(["GET", "HEAD"])
def evidence_download(request: StaffRequest, reference: str, pk: int, original: bool = False):
    """The sanitized copy (or, asked for separately, the original), only as a
    download and only for someone who may see the case."""
    case = selectors.case_for_action(request.user, reference)
    evidence = get_object_or_404(Evidence, pk=pk, case=case)
    field = evidence.original if original else evidence.sanitized
    if not field:
        raise Http404
    read_logged(evidence)
    return stored_file_download(
        field,
        filename=download_name(
            evidence.original_name,
            evidence.content_type,
            prefix=f"{case.reference}-",
            suffix="" if original else "-bereinigt",
        ),
        content_type=evidence.content_type,
    )


@require_http_methods(["GET", "HEAD"])
def evidence_preview(request: StaffRequest, reference: str, pk: int, size: str) -> HttpResponse:
    """A picture of the sanitized copy (an image redrawn, a PDF's first page)
    to show in the page; a read of the evidence like its download."""
    case = selectors.case_for_action(request.user, reference)
    evidence = get_object_or_404(Evidence, pk=pk, case=case)
    if not evidence.sanitized or size not in previews.SIZES:
        raise Http404
    try:
        png = previews.preview_of(evidence.sanitized, evidence.content_type, size=size)
    except previews.NoPreview as error:
        raise Http404 from error
    read_logged(evidence)
    return previews.preview_response(png)
