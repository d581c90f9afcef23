"""Staff pages of the Jobcenter directory: list, detail, edit."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from advocacy.auth import StaffRequest, is_coordinator
from cases.authorities import data_protection_authority_for
from cases.models import Case, Jobcenter
from cases.routing import supervising_dpa
from cases.search import case_search_refresh, jobcenters_named
from cases.statistics import suppress

SUGGESTIONS = 15


class JobcenterForm(forms.ModelForm):
    class Meta:
        model = Jobcenter
        fields = [
            "name",
            "kind",
            "street",
            "postcode",
            "city",
            "state",
            "holiday_subdiv",
            "observes_catholic_holidays",
            "email",
            "fax",
            "phone",
            "is_active",
            "court_party",
        ]
        widgets = {"court_party": forms.Textarea(attrs={"rows": 3})}


def jobcenter_list(request: StaffRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    visible = Case.objects.visible_to(request.user).values("pk")
    queryset = Jobcenter.objects.annotate(
        case_count=Count("cases"),
        own_case_count=Count("cases", filter=Q(cases__in=visible)),
    ).order_by("name", "city")
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(city__icontains=query))
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    for jobcenter in page.object_list:
        # Other teams' small numbers could point to a person (see cases.statistics).
        jobcenter.case_count_shown = suppress(jobcenter.case_count)
    return render(request, "cases/jobcenter_list.html", {"page": page, "q": query})


def jobcenter_suggestions(request: StaffRequest) -> HttpResponse:
    """Options for the case list's Jobcenter field while typing (htmx)."""
    text = request.GET.get("jobcenter", "").strip()
    jobcenters = (
        jobcenters_named(text).order_by("name", "city").only("name", "city")[:SUGGESTIONS]
        if len(text) >= 2
        else []
    )
    return render(request, "cases/_jobcenter_suggestions.html", {"jobcenters": jobcenters})


def jobcenter_detail(request: StaffRequest, pk: int) -> HttpResponse:
    jobcenter = get_object_or_404(Jobcenter, pk=pk)
    supervision = supervising_dpa(jobcenter_kind=jobcenter.kind, state=jobcenter.state)
    history = (
        LogEntry.objects.get_for_object(jobcenter).select_related("actor").order_by("-timestamp")
    )
    return render(
        request,
        "cases/jobcenter_detail.html",
        {
            "jobcenter": jobcenter,
            "supervision": supervision,
            "dpa": data_protection_authority_for(jobcenter),
            "history": history[:50],
            "may_edit": is_coordinator(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def jobcenter_edit(request: StaffRequest, pk: int | None = None) -> HttpResponse:
    """Coordinators only: letters of every team use these addresses; each
    change is kept in the history (auditlog) shown on the detail page."""
    if not is_coordinator(request.user):
        raise PermissionDenied(
            _("Nur die Koordination darf das Jobcenter-Verzeichnis ändern; alle Teams nutzen es.")
        )
    jobcenter = get_object_or_404(Jobcenter, pk=pk) if pk else None
    form = JobcenterForm(request.POST or None, instance=jobcenter)
    if request.method == "POST" and form.is_valid():
        jobcenter = form.save()
        if pk:  # its name and town are words its cases are found by
            case_search_refresh(case_ids=jobcenter.cases.values_list("pk", flat=True))
        messages.success(request, _("Jobcenter gespeichert."))
        return redirect("cases:jobcenter_detail", pk=jobcenter.pk)
    return render(request, "cases/jobcenter_form.html", {"form": form, "jobcenter": jobcenter})
