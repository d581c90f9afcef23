"""Letter pages: thin views over ``letters.services``; every object is
fetched through ``visible_to`` so that others' letters answer 404."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from advocacy.auth import StaffRequest, is_coordinator
from cases.audit import read_logged
from cases.models import Case
from letters import services
from letters.document import LetterDocument
from letters.forms import LetterCreateForm, LetterEditForm, LetterFilterForm, MarkSentForm
from letters.kinds import KINDS, DecisionMissing, RecipientMissing
from letters.models import Letter
from letters.rendering import html_to_pdf, letter_html

PAGE_SIZE = 25
FILE_LABELS: dict[str, str] = {
    Letter.Kind.OBJECTION: "Widerspruch",
    Letter.Kind.INTERIM_ORDER: "Eilantrag",
    Letter.Kind.DPA_COMPLAINT: "DSGVO-Beschwerde",
    Letter.Kind.CRIMINAL_COMPLAINT: "Strafantrag",
    Letter.Kind.ACCESS_REQUEST: "Auskunftsersuchen",
    Letter.Kind.FILE_INSPECTION: "Akteneinsicht",
    Letter.Kind.PETITION: "Petition",
    Letter.Kind.AFFIDAVIT: "Eidesstattliche-Versicherung",
    Letter.Kind.POWER_OF_ATTORNEY: "Vollmacht",
    Letter.Kind.ERASURE: "Loeschungsverlangen",
    Letter.Kind.REVIEW: "Ueberpruefungsantrag",
    Letter.Kind.ACTION: "Klage",
    Letter.Kind.INACTION_ACTION: "Untaetigkeitsklage",
    Letter.Kind.SUSPENSION: "Aussetzungsantrag",
    Letter.Kind.REINSTATEMENT: "Wiedereinsetzungsantrag",
    Letter.Kind.STATUS_INQUIRY: "Sachstandsanfrage",
    Letter.Kind.PROSECUTION_COMPLAINT: "Einstellungsbeschwerde",
    Letter.Kind.SUPERVISORY_COMPLAINT: "Dienstaufsichtsbeschwerde",
    Letter.Kind.DPO_LETTER: "Schreiben-Datenschutzbeauftragte",
}
_TRANSLIT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def ascii_filename(name: str) -> str:
    """``2026-0042_Widerspruch_v2.pdf``: umlauts transliterated, the rest ASCII."""
    text = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "brief.pdf"


def letter_filename(letter: Letter, *, suffix: str = "") -> str:
    label = FILE_LABELS.get(letter.kind, letter.kind)
    return ascii_filename(f"{letter.case.reference}_{label}_v{letter.version}{suffix}.pdf")


def case_url(case: Case) -> str:
    return reverse("cases:case_detail", args=[case.reference])


def _letter(request: StaffRequest, pk: int) -> Letter:
    qs = Letter.objects.visible_to(request.user).select_related(
        "case__person",
        "case__jobcenter",
        "decision",
        "recipient_authority",
        "recipient_jobcenter",
        "previous",
    )
    letter = get_object_or_404(qs, pk=pk)
    if request.method in ("GET", "HEAD"):
        read_logged(letter)
    return letter


def _case(request: StaffRequest, reference: str) -> Case:
    qs = Case.objects.visible_to(request.user).select_related("person", "jobcenter")
    case = get_object_or_404(qs, reference=reference)
    if request.method in ("GET", "HEAD"):
        read_logged(case)
    return case


@require_GET
def letter_list(request: StaffRequest) -> HttpResponse:
    form = LetterFilterForm(request.GET or None)
    letters = Letter.objects.visible_to(request.user).for_listing()
    if form.is_valid():
        if form.cleaned_data["kind"]:
            letters = letters.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["status"]:
            letters = letters.filter(status=form.cleaned_data["status"])
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "letters/letter_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_GET
def letter_detail(request: StaffRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    versions = Letter.objects.filter(case=letter.case, kind=letter.kind).order_by("version", "pk")
    return render(
        request,
        "letters/letter_detail.html",
        {
            "letter": letter,
            "case_url": case_url(letter.case),
            "versions": versions,
            "next_version": Letter.objects.filter(previous=letter).first(),
            "sent_form": MarkSentForm(letter=letter)
            if letter.status == Letter.Status.FINAL
            else None,
            "problems": services.letter_problems(letter) if letter.is_draft else [],
            "notice": KINDS[letter.kind].notice,
        },
    )


def _fix_url(request: StaffRequest, missing: RecipientMissing | None, *, back: str) -> str:
    """Where a coordinator adds what the directory lacks, and comes back."""
    if missing is None or not is_coordinator(request.user):
        return ""
    if missing.authority_kind:
        query = urlencode(
            {
                "kind": missing.authority_kind,
                "district": missing.district_key,
                "below": missing.below.pk if missing.below else "",
                "next": back,
            }
        )
        return f"{reverse('cases:authority_add')}?{query}"
    if missing.jobcenter is not None:
        return reverse("cases:jobcenter_edit", args=[missing.jobcenter.pk])
    return ""


@require_http_methods(["GET", "POST"])
def letter_create(request: StaffRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = LetterCreateForm(request.POST or None, case=case, initial=request.GET)
    missing: RecipientMissing | None = None
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_draft_create(
                case=case,
                kind=form.cleaned_data["kind"],
                by=request.user,
                decision=form.cleaned_data["decision"],
                recipient=form.cleaned_data["recipient"],
                options=form.options(),
                planned_channel=form.cleaned_data["planned_channel"] or Letter.Channel.POST,
                sender=form.cleaned_data["sender"] or Letter.Sender.PERSON,
            )
        except (RecipientMissing, DecisionMissing) as exc:
            form.add_error(None, str(exc))
            missing = exc if isinstance(exc, RecipientMissing) else None
        else:
            messages.success(request, _("Entwurf angelegt. Bitte Text prüfen."))
            return redirect("letters:edit", pk=letter.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "letters/letter_create.html",
        {
            "case": case,
            "form": form,
            "case_url": case_url(case),
            "fix_url": _fix_url(
                request,
                missing,
                back=f"{request.path}?{urlencode({'kind': request.POST.get('kind', '')})}",
            ),
        },
        status=status,
    )


@require_POST
def letter_bundle(request: StaffRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    result = services.letter_bundle_create(case=case, by=request.user)
    if result.created:
        messages.success(
            request,
            _("%(count)d Entwürfe angelegt: %(names)s")
            % {
                "count": len(result.created),
                "names": ", ".join(str(letter) for letter in result.created),
            },
        )
    for problem in result.problems:
        messages.warning(request, problem)
    target = case_url(case) or reverse("letters:list")
    return redirect(target)


@require_http_methods(["GET", "POST"])
def letter_edit(request: StaffRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    if not letter.is_draft:
        messages.error(
            request,
            _(
                "Dieser Brief ist endgültig und kann nicht geändert werden. Legen Sie eine neue Version an."
            ),
        )
        return redirect("letters:detail", pk=letter.pk)
    initial = {
        "subject": letter.subject,
        "body": letter.body,
        "recipient": letter.recipient_authority_id,
        "planned_channel": letter.planned_channel,
    }
    form = LetterEditForm(request.POST or None, letter=letter, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_update(
                letter=letter,
                by=request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                recipient=form.cleaned_data.get("recipient"),
                planned_channel=form.cleaned_data["planned_channel"],
            )
        except services.LetterIsFinal as exc:
            messages.error(request, str(exc))
            return redirect("letters:detail", pk=letter.pk)
        if "stay" in request.POST:  # back to the editor, the pages beside it redrawn
            messages.success(request, _("Entwurf gespeichert; die Vorschau zeigt den neuen Stand."))
            return redirect("letters:edit", pk=letter.pk)
        messages.success(request, _("Entwurf gespeichert."))
        return redirect("letters:detail", pk=letter.pk)
    return render(
        request,
        "letters/letter_edit.html",
        {
            "letter": letter,
            "form": form,
            "case_url": case_url(letter.case),
            "notice": KINDS[letter.kind].notice,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def letter_regenerate(request: StaffRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    try:
        services.letter_regenerate(letter=letter, by=request.user)
    except (services.LetterIsFinal, DecisionMissing) as exc:
        messages.error(request, str(exc))
        return redirect("letters:detail", pk=letter.pk)
    messages.success(request, _("Text aus den Falldaten neu erzeugt."))
    return redirect("letters:edit", pk=letter.pk)


def _document(letter: Letter) -> LetterDocument:
    if letter.is_draft:
        return services.letter_document_for(letter)
    return letter.context_snapshot


@require_GET
def letter_preview(request: StaffRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    bar = {
        "back_url": reverse("letters:detail", args=[letter.pk]),
        "pdf_url": reverse("letters:preview_pdf", args=[letter.pk]),
    }
    return HttpResponse(letter_html(_document(letter), preview_bar=bar))


@require_GET
def letter_preview_pdf(request: StaffRequest, pk: int) -> HttpResponseBase:
    letter = _letter(request, pk)
    if not letter.is_draft:
        return _pdf_response(letter, as_attachment=False)
    pdf = html_to_pdf(letter_html(_document(letter)))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = letter_filename(letter, suffix="_Entwurf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_POST
def letter_finalize(request: StaffRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    try:
        services.letter_finalize(letter=letter, by=request.user)
    except services.LetterIsFinal as exc:
        messages.error(request, str(exc))
    except services.LetterNotReady as exc:
        for problem in exc.problems:
            messages.error(request, problem)
    else:
        messages.success(request, _("Brief ist endgültig; das PDF ist gespeichert."))
    return redirect("letters:detail", pk=letter.pk)


@require_POST
def letter_release(request: StaffRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    try:
        services.letter_release(letter=letter, by=request.user)
    except (services.LetterIsFinal, services.ReleaseRefused) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Brief rechtlich freigegeben."))
    return redirect("letters:detail", pk=letter.pk)


@require_POST
def letter_new_version(request: StaffRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    try:
        new = services.letter_new_version(letter=letter, by=request.user)
    except services.LetterNotFinal as exc:
        messages.error(request, str(exc))
        return redirect("letters:detail", pk=letter.pk)
    messages.success(request, _("Version %(n)d als Entwurf angelegt.") % {"n": new.version})
    return redirect("letters:edit", pk=new.pk)


@require_http_methods(["GET", "POST"])
def letter_mark_sent(request: StaffRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    if letter.status != Letter.Status.FINAL:
        messages.error(
            request,
            _(
                "Nur ein endgültiger, noch nicht versandter Brief kann als versandt markiert werden."
            ),
        )
        return redirect("letters:detail", pk=letter.pk)
    form = MarkSentForm(request.POST or None, request.FILES or None, letter=letter)
    if request.method == "POST" and form.is_valid():
        for warning in services.dispatch_warnings(
            letter=letter,
            channel=form.cleaned_data["channel"],
            sent_on=form.cleaned_data["sent_on"],
        ):
            messages.warning(request, warning)
        try:
            services.letter_mark_sent(
                letter=letter,
                by=request.user,
                channel=form.cleaned_data["channel"],
                sent_on=form.cleaned_data["sent_on"],
                tracking_number=form.cleaned_data["tracking_number"],
                proof=form.cleaned_data["proof"],
            )
        except (services.LetterNotFinal, services.ChannelNotAllowed) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Versand vermerkt."))
        return redirect("letters:detail", pk=letter.pk)
    return render(
        request,
        "letters/letter_mark_sent.html",
        {"letter": letter, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _pdf_response(letter: Letter, *, as_attachment: bool) -> FileResponse:
    return FileResponse(
        letter.pdf.open("rb"),
        as_attachment=as_attachment,
        filename=letter_filename(letter),
        content_type="application/pdf",
    )


@require_GET
def letter_download(request: StaffRequest, pk: int) -> HttpResponseBase:
    letter = _letter(request, pk)
    if letter.is_draft or not letter.pdf:
        messages.error(request, _("Ein Entwurf hat noch kein gespeichertes PDF."))
        return redirect("letters:detail", pk=letter.pk)
    return _pdf_response(letter, as_attachment=True)


@require_GET
def letter_proof(request: StaffRequest, pk: int) -> HttpResponseBase:
    letter = _letter(request, pk)
    if not letter.proof:
        messages.error(request, _("Zu diesem Brief ist kein Nachweis hinterlegt."))
        return redirect("letters:detail", pk=letter.pk)
    extension = letter.proof.name.rsplit(".", 1)[-1]
    content_type = {"pdf": "application/pdf", "png": "image/png"}.get(extension, "image/jpeg")
    return FileResponse(
        letter.proof.open("rb"),
        as_attachment=True,
        filename=ascii_filename(f"{letter.case.reference}_Versandnachweis_{letter.pk}.{extension}"),
        content_type=content_type,
    )
