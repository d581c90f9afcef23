"""Staff pages of the Jobcenter directory: list, detail, edit."""

from __future__ import annotations

from typing import cast

from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from advocacy.auth import StaffRequest, is_coordinator
from cases.authorities import (
    assignment_problem,
    data_protection_authority_for,
    directory_gaps,
    prosecutor_for,
    social_court_for,
)
from cases.forms import AuthorityChoiceField
from cases.models import Authority, Case, Jobcenter, validate_district_key
from cases.routing import district_key_problem, parse_district_keys, supervising_dpa
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
            "district_key",
            "social_court",
            "prosecutor",
            "dpo_name",
            "dpo_email",
            "dpo_address",
            "supervisor_name",
            "supervisor_address",
            "source",
            "checked_on",
        ]
        widgets = {
            "court_party": forms.Textarea(attrs={"rows": 3}),
            "dpo_address": forms.Textarea(attrs={"rows": 3}),
            "supervisor_address": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
            "checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        super().clean()
        data = self.cleaned_data
        key = data.get("district_key", "")
        if key and data.get("state"):
            problem = district_key_problem(key, state=data["state"])
            if problem:
                self.add_error("district_key", problem)
        for name in ("social_court", "prosecutor"):
            authority = data.get(name)
            problem = assignment_problem(authority, key) if authority is not None else ""
            if problem:
                self.add_error(name, problem)
        return data


class AuthorityAddForm(forms.ModelForm):
    """The authority a refused letter lacks: a new one, or an existing one
    that also serves the district."""

    existing = AuthorityChoiceField(
        label=gettext_lazy("oder: vorhandene Behörde, die auch diesen Kreis umfasst"),
        queryset=Authority.objects.none(),
        required=False,
    )
    district_key = forms.CharField(
        label=gettext_lazy("Kreisschlüssel"),
        max_length=5,
        required=False,
        validators=[validate_district_key],
    )

    class Meta:
        model = Authority
        fields = [
            "kind",
            "name",
            "short_name",
            "street",
            "postcode",
            "city",
            "state",
            "jurisdiction_state",
            "email",
            "fax",
            "superior",
            "source",
            "checked_on",
        ]
        # Short names with their full names ("BlnBDI – Berliner Beauftragte …").
        field_classes = {"superior": AuthorityChoiceField}
        widgets = {
            "source": forms.Textarea(attrs={"rows": 2}),
            "checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        existing = cast(forms.ModelChoiceField, self.fields["existing"])
        existing.queryset = Authority.objects.filter(kind=kind) if kind else Authority.objects.all()
        superior = cast(forms.ModelChoiceField, self.fields["superior"])
        superior.queryset = Authority.objects.filter(kind=Authority.Kind.GENERAL_PROSECUTOR)
        for name in ("name", "city", "state"):
            self.fields[name].required = False

    def _post_clean(self):
        # An existing authority is only given one more district: nothing new
        # to validate as a model. (Django's hook; the stubs lack it.)
        if self.cleaned_data.get("existing") is None:
            super()._post_clean()  # type: ignore[misc]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("existing") is None:
            for name in ("name", "city", "state"):
                if not data.get(name):
                    self.add_error(name, _("Bitte angeben, oder eine vorhandene Behörde wählen."))
        return data


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
        # Other teams' small numbers could point to a person (see
        # cases.statistics). Their count is shown on its own: a total beside
        # the team's exact count would give it away by subtraction.
        jobcenter.others_count_shown = suppress(jobcenter.case_count - jobcenter.own_case_count)
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
            "court": social_court_for(jobcenter),
            "prosecutor": prosecutor_for(jobcenter),
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


def directory_quality(request: StaffRequest) -> HttpResponse:
    """Entries that lack a street, a fax, a court or a prosecutor: what to
    complete before a letter is refused for it."""
    jobcenters, authorities = directory_gaps()
    return render(
        request,
        "cases/directory_quality.html",
        {
            "jobcenters": jobcenters,
            "authorities": authorities,
            "unchecked": Authority.objects.filter(checked_on=None).count()
            + Jobcenter.objects.filter(checked_on=None, is_active=True).count(),
            "may_edit": is_coordinator(request.user),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def authority_add(request: StaffRequest) -> HttpResponse:
    """Coordinators only: add the authority a letter was refused for (from the
    refusal's link, which names kind and district, or the Staatsanwaltschaft
    it is above), then go back."""
    if not is_coordinator(request.user):
        raise PermissionDenied(_("Nur die Koordination darf das Behördenverzeichnis ändern."))
    kind = request.GET.get("kind", "")
    if kind not in Authority.Kind.values:
        kind = ""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    initial = {"kind": kind, "district_key": request.GET.get("district", "")[:5]}
    # A Staatsanwaltschaft whose Generalstaatsanwaltschaft is being added.
    below_pk = request.GET.get("below", "")
    below = (
        Authority.objects.filter(kind=Authority.Kind.PROSECUTOR, pk=int(below_pk)).first()
        if below_pk.isdigit()
        else None
    )
    form = AuthorityAddForm(request.POST or None, kind=kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["district_key"]
        authority = form.cleaned_data["existing"] or form.save(commit=False)
        if key:
            authority.district_keys = " ".join(
                parse_district_keys(f"{authority.district_keys} {key}")
            )
        authority.save()
        if below is not None and authority.kind == Authority.Kind.GENERAL_PROSECUTOR:
            below.superior = authority
            below.save(update_fields=["superior", "updated_at"])
        messages.success(
            request, _("%(name)s ist im Verzeichnis eingetragen.") % {"name": authority.name}
        )
        return redirect(next_url or "cases:directory_quality")
    return render(
        request, "cases/authority_form.html", {"form": form, "next": next_url, "kind": kind}
    )
