"""The deadline pages: list, detail with its actions, preferences, ICS feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from advocacy.auth import StaffRequest, is_coordinator
from advocacy.paging import page_window
from cases.audit import read_logged
from cases.deadlines import calendar_view, rows, services
from cases.deadlines.calendar import deadlines_feed
from cases.deadlines.compute import REVIEW_FALLBACK, SGG_REINSTATABLE
from cases.deadlines.consequences import awaits_answer
from cases.deadlines.forms import (
    AnswerForm,
    CancelForm,
    DeadlineFilter,
    OffenderLearnedForm,
    OverrideForm,
    PreferenceForm,
    ReinstatementForm,
    ReviewMonthForm,
)
from cases.deadlines.models import Deadline, DeadlinePreference, OverdueFirst
from cases.deadlines.reminders import DEFAULT_REMINDER_DAYS
from cases.models import Case, Incident

PAGE_SIZE = 50


@require_GET
def deadline_list(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    # First: for a caseworker this reads their groups with their teams and cases.
    base = Deadline.objects.visible_to(request.user).for_lists()
    data = request.GET.copy()
    # Coordinators watch the team's deadlines (as in their weekly digest).
    data.setdefault("scope", "team" if is_coordinator(request.user) else "mine")
    data.setdefault("status", "active")
    filterset = DeadlineFilter(data, queryset=base, request=request)
    deadlines = OverdueFirst(
        filterset.qs.only(*rows.LIST_FIELDS).with_state(today),
        filterset.late(today),
        few=filterset.is_of_few_jobcenters,
    )
    page = page_window(deadlines, request.GET.get("page"), PAGE_SIZE)
    rows.list_rows(page.object_list)
    query = data.copy()
    query.pop("page", None)
    if not page.object_list and page.number > 1:
        # Past the end (the list is not counted): back to its first page.
        return redirect(f"{request.path}?{query.urlencode()}")
    return render(
        request,
        "deadlines/list.html",
        {"filter": filterset, "page": page, "today": today, "query": query.urlencode()},
    )


@require_GET
def deadline_calendar(request: StaffRequest) -> HttpResponse:
    """Month or week view of the deadlines in the chosen scope."""
    today = timezone.localdate()
    base = Deadline.objects.visible_to(request.user).for_lists()  # first, as in the list
    data = request.GET.copy()
    data.setdefault("scope", "team" if is_coordinator(request.user) else "mine")
    data["status"] = "active"
    span = calendar_view.span_for(request.GET, today)
    filterset = DeadlineFilter(data, queryset=base, request=request)
    deadlines = (
        filterset.qs.filter(due_on__gte=span.first, due_on__lte=span.last)
        .with_state(today)
        .order_by("due_on", "pk")
    )
    days = calendar_view.by_day(deadlines)
    weeks = [[(day, days.get(day, [])) for day in week] for week in span.weeks]
    return render(
        request,
        "deadlines/calendar.html",
        {"span": span, "weeks": weeks, "today": today, "scope": data["scope"], "filter": filterset},
    )


def _visible_deadline(request: StaffRequest, pk: int) -> Deadline:
    return get_object_or_404(
        Deadline.objects.visible_to(request.user)
        .with_state(timezone.localdate())
        .select_related("case", "case__jobcenter", "confirmed_by", "created_by", "letter")
        .prefetch_related("case__assignees"),
        pk=pk,
    )


def _detail_context(request: StaffRequest, deadline: Deadline, **extra) -> dict:
    return {
        "deadline": deadline,
        "today": timezone.localdate(),
        "may_confirm": services.may_confirm(deadline, request.user),
        "override_form": extra.pop("override_form", None)
        or OverrideForm(initial={"due_on": deadline.due_on}),
        "cancel_form": extra.pop("cancel_form", None) or CancelForm(),
        "answer_form": extra.pop("answer_form", None)
        or AnswerForm(initial={"received_on": timezone.localdate()}),
        "awaits_answer": deadline.letter is not None
        and awaits_answer(deadline.rule, deadline.letter.kind),
        "may_reinstate": deadline.status == Deadline.Status.MISSED
        and deadline.rule in SGG_REINSTATABLE,
        "reinstatement_form": extra.pop("reinstatement_form", None) or ReinstatementForm(),
        "may_review": deadline.status == Deadline.Status.MISSED
        and deadline.rule in REVIEW_FALLBACK,
        "review_form": extra.pop("review_form", None) or ReviewMonthForm(),
        "events": deadline.case.events.filter(data__deadline=deadline.pk).select_related("by")[:50],
        **extra,
    }


@require_GET
def deadline_detail(request: StaffRequest, pk: int) -> HttpResponse:
    deadline = _visible_deadline(request, pk)
    read_logged(deadline.case)
    return render(request, "deadlines/detail.html", _detail_context(request, deadline))


def _after_action(request: StaffRequest, pk: int, *, error: str = "", status: int = 200, **forms):
    deadline = _visible_deadline(request, pk)
    if error:
        messages.error(request, error)
    if getattr(request, "htmx", False):
        # htmx swaps only 2xx answers: errors are shown inside the panel.
        context = _detail_context(request, deadline, **forms)
        context["error"] = error
        return render(request, "deadlines/_detail_panel.html", context)
    if forms:
        return render(
            request,
            "deadlines/detail.html",
            _detail_context(request, deadline, **forms),
            status=status,
        )
    return redirect("deadlines:detail", pk=pk)


@require_POST
def deadline_action(request: StaffRequest, pk: int, action: str) -> HttpResponse:
    deadline = _visible_deadline(request, pk)
    try:
        if action == "confirm":
            services.deadline_confirm(deadline=deadline, by=request.user)
            messages.success(request, _("Frist bestätigt."))
        elif action == "done":
            services.deadline_mark_done(deadline=deadline, by=request.user)
            messages.success(request, _("Frist als erledigt markiert."))
        elif action == "override":
            form = OverrideForm(request.POST)
            if not form.is_valid():
                return _after_action(request, pk, override_form=form, status=400)
            services.deadline_override(
                deadline=deadline,
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
            messages.success(request, _("Fristende geändert; bitte erneut bestätigen lassen."))
        elif action == "reinstate":
            reinstatement_form = ReinstatementForm(request.POST)
            if not reinstatement_form.is_valid():
                return _after_action(request, pk, reinstatement_form=reinstatement_form, status=400)
            services.reinstatement_start(
                deadline=deadline,
                obstacle_ended_on=reinstatement_form.cleaned_data["obstacle_ended_on"],
                by=request.user,
            )
            messages.success(
                request, _("Fristen für die Wiedereinsetzung berechnet (§ 67 Abs. 2, 3 SGG).")
            )
        elif action == "review":
            review_form = ReviewMonthForm(request.POST)
            if not review_form.is_valid():
                return _after_action(request, pk, review_form=review_form, status=400)
            created = services.review_limit_start(
                deadline=deadline, month=review_form.cleaned_data["month"], by=request.user
            )
            messages.success(
                request,
                _("Überprüfungsantrag für diesen Monat spätestens am %(due)s stellen.")
                % {"due": created.due_on.strftime("%d.%m.%Y")},
            )
        elif action == "answer":
            answer_form = AnswerForm(request.POST)
            if not answer_form.is_valid():
                return _after_action(request, pk, answer_form=answer_form, status=400)
            services.answer_record(
                deadline=deadline,
                received_on=answer_form.cleaned_data["received_on"],
                by=request.user,
            )
            messages.success(request, _("Antwort erfasst; die Frist ist erledigt."))
        elif action == "cancel":
            cancel_form = CancelForm(request.POST)
            if not cancel_form.is_valid():
                return _after_action(request, pk, cancel_form=cancel_form, status=400)
            services.deadline_cancel(
                deadline=deadline, by=request.user, reason=cancel_form.cleaned_data["reason"]
            )
            messages.success(request, _("Frist als gegenstandslos markiert."))
        else:
            raise Http404
    except services.DeadlineActionRefused as refused:
        return _after_action(request, pk, error=str(refused), status=409)
    return _after_action(request, pk)


@require_POST
def incident_offender(request: StaffRequest, pk: int) -> HttpResponse:
    """Record that the person learned who did it: the Strafantrag period
    starts (§ 77b Abs. 2 StGB)."""
    incident = get_object_or_404(
        Incident.objects.filter(case__in=Case.objects.visible_to(request.user).values("pk")),
        pk=pk,
    )
    form = OffenderLearnedForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect("cases:case_detail", reference=incident.case.reference)
    try:
        created = services.incident_offender_learn_with_deadlines(
            incident=incident, by=request.user, **form.cleaned_data
        )
    except services.DeadlineActionRefused as refused:
        messages.error(request, str(refused))
    else:
        if created:
            messages.success(
                request,
                _("Kenntnis vom Täter erfasst; Strafantragsfrist bis %(due)s.")
                % {"due": created[0].due_on.strftime("%d.%m.%Y")},
            )
        else:
            messages.success(request, _("Kenntnis vom Täter erfasst."))
    return redirect("cases:case_detail", reference=incident.case.reference)


def preferences(request: StaffRequest) -> HttpResponse:
    preference = services.preference_for(request.user)
    days = preference.reminder_days or list(DEFAULT_REMINDER_DAYS)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            services.preference_update(
                user=request.user,
                reminder_days=form.cleaned_data["reminder_days"],
                wants_weekly_digest=form.cleaned_data["wants_weekly_digest"],
            )
            messages.success(request, _("Einstellungen gespeichert."))
            return redirect("deadlines:preferences")
    else:
        form = PreferenceForm(
            initial={
                "reminder_days": ", ".join(str(day) for day in days),
                "wants_weekly_digest": preference.wants_weekly_digest,
            }
        )
    return render(request, "deadlines/preferences.html", {"form": form, "preference": preference})


@require_POST
def calendar_regenerate(request: StaffRequest) -> HttpResponse:
    services.calendar_token_regenerate(user=request.user)
    messages.success(request, _("Neue Kalender-Adresse erzeugt; die alte gilt nicht mehr."))
    return redirect("deadlines:preferences")


@require_POST
def calendar_revoke(request: StaffRequest) -> HttpResponse:
    services.calendar_token_revoke(user=request.user)
    messages.success(request, _("Kalender-Adresse widerrufen."))
    return redirect("deadlines:preferences")


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    preference = (
        DeadlinePreference.objects.filter(calendar_token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    if preference is None:
        raise Http404
    response = HttpResponse(
        deadlines_feed(preference.user), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "no-store, private"
    response["Content-Disposition"] = 'inline; filename="fristen.ics"'
    return response
