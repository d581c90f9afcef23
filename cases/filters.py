"""Search, filters and sorting of the case list (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from advocacy.auth import staff_name
from advocacy.models import Bundesland
from advocacy.widget_rendering import with_bootstrap_classes
from cases.jobcenter_field import JobcenterInput, of_jobcenter
from cases.models import Case, Incident
from cases.search import cases_matching
from cases.selectors import staff_users, with_overdue_flag

# CaseFilter's form class for each language (CaseFilter.get_form_class).
_form_classes: dict[str | None, type] = {}


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Suche"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Case.Status.choices)
    # A text field with suggestions (not a list of every Jobcenter on each page):
    # part of a name or town, or the number of a Jobcenter (links to its cases).
    jobcenter = django_filters.CharFilter(
        label=_("Jobcenter"), method="with_jobcenter", widget=JobcenterInput
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
        # Both directions named here, by model field and by "-" and parameter:
        # django-filter would write the descending ones once, in the language
        # active when this module is imported.
        field_labels={
            "created_at": _("angelegt"),
            "-created_at": _("angelegt (absteigend)"),
            "updated_at": _("zuletzt geändert"),
            "-updated_at": _("zuletzt geändert (absteigend)"),
            "reference": _("Aktenzeichen"),
            "-reference": _("Aktenzeichen (absteigend)"),
            "status": _("Status"),
            "-status": _("Status (absteigend)"),
            "jobcenter__name": _("Jobcenter"),
            "-jobcenter": _("Jobcenter (absteigend)"),
            "person__name": _("Name"),
            "-person": _("Name (absteigend)"),
        },
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def __init__(self, *args, staff: list | None = None, **kwargs) -> None:
        """``staff``: the assignable staff as already read for the page (the
        options of "zuständig" then cost no query of their own)."""
        super().__init__(*args, **kwargs)
        self._staff = staff

    def get_form_class(self):
        """The form's fields are the same for every request (the options that
        are not, the staff's, are set on each form: ``form``), so the class is
        made once per language (the fields' labels are lazy, but a form
        class keeps what its fields made of them)."""
        language = translation.get_language()
        if language not in _form_classes:
            _form_classes[language] = super().get_form_class()
        return _form_classes[language]

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = with_bootstrap_classes(super().form)
            assignee = form.fields["assignee"]
            assignee.label_from_instance = staff_name
            if self._staff is not None:
                # The widget's options only: the field still validates with its queryset.
                assignee.widget.choices = [
                    ("", assignee.empty_label),
                    *((user.pk, staff_name(user)) for user in self._staff),
                ]
        return self._form

    def search(self, queryset, name, value):
        return cases_matching(queryset, value)

    def with_jobcenter(self, queryset, name, value):
        return queryset.filter(of_jobcenter(value))

    def with_incident_kind(self, queryset, name, value):
        return queryset.filter(Exists(Incident.objects.filter(case=OuterRef("pk"), kind=value)))

    def with_assignee(self, queryset, name, value):
        return queryset.filter(
            Exists(Case.assignees.through.objects.filter(case=OuterRef("pk"), user=value))
        )

    def with_overdue(self, queryset, name, value):
        """The same words as the badge (``selectors.deadline_columns``)."""
        return with_overdue_flag(queryset).filter(has_overdue_deadline=value)
