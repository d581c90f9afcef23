"""Search, filters and sorting of the case list (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from advocacy.models import Bundesland
from cases.models import Case, Incident, Jobcenter
from cases.selectors import overdue_deadlines, staff_users


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Case.Status.choices)
    jobcenter = django_filters.ModelChoiceFilter(
        label=_("Jobcenter"), queryset=Jobcenter.objects.only("pk", "name")
    )
    state = django_filters.ChoiceFilter(
        label=_("Bundesland"), field_name="jobcenter__state", choices=Bundesland.choices
    )
    incident_kind = django_filters.ChoiceFilter(
        label=_("Art des Vorfalls"), choices=Incident.Kind.choices, method="with_incident_kind"
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("zuständig"), queryset=staff_users(), method="with_assignee"
    )
    has_overdue = django_filters.BooleanFilter(
        label=_("mit überfälliger Frist"),
        method="with_overdue",
        widget=forms.Select(choices=[("", _("alle")), ("true", _("ja")), ("false", _("nein"))]),
    )
    sort = django_filters.OrderingFilter(
        label=_("Sortierung"),
        fields=(
            ("created_at", "created_at"),
            ("updated_at", "updated_at"),
            ("reference", "reference"),
            ("status", "status"),
            ("jobcenter__name", "jobcenter"),
            ("person__name", "person"),
        ),
        field_labels={
            "created_at": _("angelegt"),
            "updated_at": _("zuletzt geändert"),
            "reference": _("Aktenzeichen"),
            "status": _("Status"),
            "jobcenter": _("Jobcenter"),
            "person": _("Name"),
        },
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(person__name__icontains=value)
            | Q(jobcenter__name__icontains=value)
            | Q(jobcenter__city__icontains=value)
        )

    def with_incident_kind(self, queryset, name, value):
        return queryset.filter(Exists(Incident.objects.filter(case=OuterRef("pk"), kind=value)))

    def with_assignee(self, queryset, name, value):
        return queryset.filter(
            Exists(Case.assignees.through.objects.filter(case=OuterRef("pk"), user=value))
        )

    def with_overdue(self, queryset, name, value):
        overdue = Exists(overdue_deadlines().filter(case=OuterRef("pk")))
        return queryset.filter(overdue if value else ~overdue)
