"""The public pages: report form, receipt code, status page, privacy notice.

They work without JavaScript: plain POST → redirect → GET.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from cases.intake import challenge, codes, next_steps, throttle
from cases.intake.forms import (
    AdditionForm,
    IntakeForm,
    StatusCodeForm,
    fill_seconds,
    fill_token_expired,
    fill_token_new,
    fill_token_use,
    max_file_bytes,
    max_files,
    max_total_bytes,
)
from cases.intake.models import IntakeSubmission, IntakeTombstone
from cases.intake.publisher import public_organisation
from cases.intake.services import (
    IntakeActionNotAllowed,
    submission_add,
    submission_create,
    submission_find,
)
from cases.intake.stages import Stage, public_stages
from cases.models import CaseEvent

SESSION_RECEIPT = "intake_receipt"
SESSION_RECEIPT_FOR = "intake_receipt_for"
SESSION_STATUS = "intake_status"


def max_request_bytes() -> int:
    return settings.INTAKE_MAX_REQUEST_BYTES


def request_size_limited(view):
    """Answer an oversized request with a polite page before its body is read
    (CSRF is checked after this, on the request we accept)."""
    protected = csrf_protect(view)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_request_bytes():
            return render(
                request,
                "intake/too_large.html",
                {"limit": max_total_bytes(), "back": request.path},
                status=413,
            )
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def _limits() -> dict:
    return {
        "max_files": max_files(),
        "max_file_bytes": max_file_bytes(),
        "max_total_bytes": max_total_bytes(),
        "retention_days": settings.INTAKE_RETENTION_DAYS,
    }


def _render_form(
    request, form, *, problem: str = "", status: int = 200, level: int | None = None
) -> HttpResponse:
    if level is None:
        level = throttle.SubmitThrottle().level(request)
    return render(
        request,
        "intake/form.html",
        {
            "form": form,
            "problem": problem,
            "challenge": challenge.challenge_new(level),
            **_limits(),
        },
        status=status,
    )


def _challenge_problem() -> str:
    return _(
        "Gerade kommen sehr viele Meldungen an. Damit Ihre Meldung durchkommt, rechnet Ihr "
        "Browser kurz eine Aufgabe; das dauert meist nur Sekunden. Bitte senden Sie das "
        "Formular dann noch einmal ab (dafür muss JavaScript eingeschaltet sein; sonst "
        "versuchen Sie es bitte später noch einmal). Ihre Eingaben stehen noch im Formular."
    )


@login_not_required
@never_cache
@request_size_limited
@require_http_methods(["GET", "POST"])
def intake_form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render_form(request, IntakeForm(initial={"started": fill_token_new()}))

    token = request.POST.get("started", "")
    # Keep the original start time on re-display, so a correction is not "too fast".
    data = request.POST.copy()
    if fill_seconds(token) is None:
        data["started"] = fill_token_new()
    form = IntakeForm(data, request.FILES)
    if form.is_spam_trap_filled:
        return _render_form(
            request,
            form,
            problem=_(
                "Ihre Meldung konnte nicht angenommen werden. Falls Sie ein Programm zum "
                "automatischen Ausfüllen benutzen, schalten Sie es bitte aus und versuchen es erneut."
            ),
            status=400,
        )
    if fill_token_expired(token):
        return _render_form(
            request,
            form,
            problem=_(
                "Das Formular war sehr lange geöffnet. Ihre Eingaben stehen noch im Formular; "
                "bitte prüfen Sie sie und senden Sie das Formular dann noch einmal ab."
            ),
            status=400,
        )
    elapsed = fill_seconds(token)
    if elapsed is None or elapsed < settings.INTAKE_MIN_FILL_SECONDS:
        return _render_form(
            request,
            form,
            problem=_(
                "Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben noch einmal und "
                "senden Sie das Formular dann erneut ab."
            ),
            status=400,
        )
    throttle_ = throttle.SubmitThrottle()
    level = throttle_.level(request)
    throttle_.attempted(request)
    if not challenge.challenge_passed(request.POST.get(challenge.FIELD, ""), level):
        return _render_form(request, form, problem=_challenge_problem(), status=429)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    if not fill_token_use(token):
        if request.session.get(SESSION_RECEIPT):
            return redirect("intake:done")  # the same form sent twice: the first one counts
        data["started"] = fill_token_new()
        return _render_form(
            request,
            form,
            problem=_(
                "Dieses Formular wurde schon einmal abgeschickt. Bitte prüfen Sie Ihre Angaben "
                "und senden Sie es noch einmal ab, wenn Sie eine weitere Meldung machen möchten."
            ),
            status=400,
        )
    receipt = submission_create(fields=form.cleaned_data, uploads=form.cleaned_data["uploads"])
    throttle_.accepted()
    request.session[SESSION_RECEIPT] = receipt.code
    request.session[SESSION_RECEIPT_FOR] = receipt.submission.pk
    return redirect("intake:done")


@login_not_required
@never_cache
def intake_done(request: HttpRequest) -> HttpResponse:
    """Shows the receipt code once; reloading the page does not show it again.
    Where the person gave the date of a Bescheid, the estimated Widerspruchsfrist."""
    code = request.session.pop(SESSION_RECEIPT, None)
    pk = request.session.pop(SESSION_RECEIPT_FOR, None)
    submission = None
    if code and isinstance(pk, int):
        submission = IntakeSubmission.objects.select_related("jobcenter").filter(pk=pk).first()
    return render(
        request,
        "intake/done.html",
        {
            "code": codes.code_grouped(code) if code else None,
            "estimate": _open_estimate(submission),
            "submission": submission,
            "next_steps": _next_steps(submission),
        },
    )


def _next_steps(submission: IntakeSubmission | None) -> list[next_steps.NextStep]:
    if submission is None:
        return []
    organisation = public_organisation()
    return next_steps.next_steps(
        submission,
        answer_days=organisation.answer_days if organisation else None,
        today=timezone.localdate(),
    )


def _open_estimate(submission: IntakeSubmission | None):
    """The estimated Widerspruchsfrist while the report is not yet a case and
    the estimate has not passed (then the next steps say what it means)."""
    if submission is None or submission.status not in (
        IntakeSubmission.Status.RECEIVED,
        IntakeSubmission.Status.IN_PROGRESS,
    ):
        return None
    estimate = submission.objection_estimate
    if estimate is None or estimate.days_left(timezone.localdate()) < 0:
        return None
    return estimate


@login_not_required
@never_cache
@require_POST
def intake_receipt_print(request: HttpRequest) -> HttpResponse:
    """A page with the receipt code to print or save, without JavaScript: the
    thank-you page posts the code it shows (the server keeps no clear copy)."""
    code = codes.code_normalize(request.POST.get("code", ""))
    if not code:
        return redirect("intake:status")
    estimate = None
    due = request.POST.get("estimate", "")
    if due:
        try:
            estimate = dt.date.fromisoformat(due)
        except ValueError:
            estimate = None
    return render(
        request,
        "intake/receipt_print.html",
        {
            "code": codes.code_grouped(code),
            "estimate_due_on": estimate,
            "now_date": formats.date_format(timezone.localdate(), "j. F Y"),
            "status_url": request.build_absolute_uri(reverse("intake:status")),
        },
    )


@login_not_required
@require_http_methods(["GET", "HEAD"])
def intake_privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice of the public pages (Art. 13 DSGVO)."""
    return render(
        request,
        "intake/privacy.html",
        {
            **_limits(),
            "case_retention_days": settings.CASE_RETENTION_DAYS,
            # What the rate-limit counters really keep, and for how long.
            "submit_window_minutes": throttle.SubmitThrottle().window // 60,
            "code_window_minutes": throttle.CodeThrottle().window // 60,
        },
    )


@login_not_required
@require_http_methods(["GET", "HEAD"])
def intake_imprint(request: HttpRequest) -> HttpResponse:
    """Who is behind the public pages (§ 5 DDG)."""
    return render(request, "intake/imprint.html")


@login_not_required
@require_http_methods(["GET", "HEAD"])
def intake_help(request: HttpRequest) -> HttpResponse:
    """What a Jobcenter may and may not do online, and what the group can do."""
    return render(request, "intake/help.html")


def _status_target(request) -> IntakeSubmission | IntakeTombstone | None:
    held = request.session.get(SESSION_STATUS)
    if not isinstance(held, dict):
        return None
    if "tombstone" in held:
        return IntakeTombstone.objects.filter(pk=held["tombstone"]).first()
    pk = held.get("pk")
    if not isinstance(pk, int):
        return None
    submission = (
        IntakeSubmission.objects.select_related("jobcenter")
        .prefetch_related("messages", "files", "events")
        .filter(pk=pk)
        .first()
    )
    if submission is None:
        # Deleted since: the page then just says "closed".
        return IntakeTombstone()
    return submission


def _stages(submission: IntakeSubmission | None) -> list[Stage]:
    if submission is None:
        return []
    case_events = CaseEvent.objects.filter(case_id=submission.case_id) if submission.case_id else []
    return public_stages(submission, trail=submission.events.all(), case_events=case_events)


def _render_status(request, *, code_form=None, add_form=None, problem="", status=200, level=0):
    target = _status_target(request) if code_form is None else None
    submission = target if isinstance(target, IntakeSubmission) else None
    add_level = 0
    if submission is not None:
        add_level = throttle.SubmitThrottle().level(request)
    return render(
        request,
        "intake/status.html",
        {
            "code_form": code_form or StatusCodeForm(),
            "submission": submission,
            "stages": _stages(submission),
            "next_steps": _next_steps(submission),
            "estimate": _open_estimate(submission),
            "is_closed": isinstance(target, IntakeTombstone),
            "add_form": add_form or AdditionForm(),
            "problem": problem,
            "challenge": challenge.challenge_new(level),
            "add_challenge": challenge.challenge_new(add_level),
            **_limits(),
        },
        status=status,
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def intake_status(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        if request.GET.get("neu") is not None:
            request.session.pop(SESSION_STATUS, None)
        return _render_status(request)
    form = StatusCodeForm(request.POST)
    if not form.is_valid():
        return _render_status(request, code_form=form, status=400)
    code = codes.code_normalize(form.cleaned_data["code"])
    if code is None:
        form.add_error(
            "code",
            _("Zu diesem Code haben wir keine Meldung gefunden. Bitte prüfen Sie die 16 Ziffern."),
        )
        return _render_status(request, code_form=form, status=400)
    # Wrong guesses count against the guessing address and the typed code's
    # prefix, never against everyone: they cannot block the right code.
    lookup_key = codes.code_lookup_key(code)
    throttle_ = throttle.CodeThrottle()
    level = throttle_.level(request, lookup_key)
    if not challenge.challenge_passed(request.POST.get(challenge.FIELD, ""), level):
        return _render_status(
            request,
            code_form=form,
            problem=_(
                "Hier wurden gerade viele falsche Codes eingegeben. Ihr Browser rechnet deshalb "
                "kurz eine Aufgabe; bitte klicken Sie danach noch einmal auf „Stand ansehen“ "
                "(dafür muss JavaScript eingeschaltet sein; sonst versuchen Sie es bitte in einer "
                "Viertelstunde noch einmal)."
            ),
            status=429,
            level=level,
        )
    found = submission_find(code=code)
    if found is None:
        throttle_.wrong(request, lookup_key)
        form.add_error(
            "code",
            _("Zu diesem Code haben wir keine Meldung gefunden. Bitte prüfen Sie die 16 Ziffern."),
        )
        return _render_status(
            request, code_form=form, status=400, level=throttle_.level(request, lookup_key)
        )
    if isinstance(found, IntakeTombstone):
        request.session[SESSION_STATUS] = {"tombstone": found.pk}
    else:
        request.session[SESSION_STATUS] = {"pk": found.pk}
    request.session.cycle_key()
    return redirect("intake:status")


@login_not_required
@never_cache
@request_size_limited
@require_POST
def intake_status_add(request: HttpRequest) -> HttpResponse:
    target = _status_target(request)
    if not isinstance(target, IntakeSubmission):
        return redirect("intake:status")
    form = AdditionForm(request.POST, request.FILES)
    throttle_ = throttle.SubmitThrottle()
    level = throttle_.level(request)
    throttle_.attempted(request)
    if not challenge.challenge_passed(request.POST.get(challenge.FIELD, ""), level):
        # The page asks for the level the next attempt needs (this one counted).
        return _render_status(request, add_form=form, problem=_challenge_problem(), status=429)
    if not form.is_valid():
        return _render_status(request, add_form=form, status=400)
    try:
        submission_add(
            submission=target, text=form.cleaned_data["text"], uploads=form.cleaned_data["uploads"]
        )
    except IntakeActionNotAllowed as exc:
        return _render_status(request, problem=str(exc), status=409)
    messages.success(request, _("Danke. Ihre Ergänzung ist bei uns angekommen."))
    return redirect("intake:status")
