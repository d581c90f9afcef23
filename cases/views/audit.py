"""The audit log for coordinators: who read and changed which case data."""

from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from advocacy.auth import StaffRequest, is_coordinator
from cases.audit_display import ACTION_CHOICES, audit_rows
from cases.models import Case, CaseEvent, Decision, Evidence, Incident, Person


class AuditFilterForm(forms.Form):
    case = forms.CharField(label=_("Aktenzeichen"), required=False)
    actor = forms.ModelChoiceField(
        label=_("Benutzer/in"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        required=False,
        empty_label=_("alle"),
    )
    action = forms.TypedChoiceField(
        label=_("Aktion"),
        choices=[("", _("alle")), *ACTION_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )


def _entries_of_case(case: Case) -> Q:
    """Log entries about the case itself, its person, its rows, letters and reports."""
    types = ContentType.objects.get_for_models(
        Case, Person, Incident, Evidence, Decision, CaseEvent
    )
    condition = (
        Q(content_type=types[Case], object_pk=str(case.pk))
        | Q(content_type=types[Person], object_pk=str(case.person_id))
        # Its letters and reports, which name their case (``get_additional_data``).
        | Q(additional_data__case=case.pk)
    )
    for model, related in (
        (Incident, case.incidents),
        (Evidence, case.evidence),
        (Decision, case.decisions),
        (CaseEvent, case.events),
    ):
        pks = [str(pk) for pk in related.values_list("pk", flat=True)]
        if pks:
            condition |= Q(content_type=types[model], object_pk__in=pks)
    return condition


def audit_log(request: StaffRequest) -> HttpResponse:
    if not is_coordinator(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    case = None
    if form.is_valid():
        data = form.cleaned_data
        if data["case"]:
            case = Case.objects.filter(reference=data["case"].strip()).first()
            entries = entries.filter(_entries_of_case(case)) if case else entries.none()
        if data["actor"]:
            entries = entries.filter(actor=data["actor"])
        if data["action"] is not None:
            entries = entries.filter(action=data["action"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/audit_log.html",
        {
            "form": form,
            "page": page,
            "rows": audit_rows(page.object_list),
            "case": case,
            "query": query.urlencode(),
        },
    )
