"""Forms and the list filter of the deadline pages."""

from __future__ import annotations

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from advocacy.widget_rendering import with_bootstrap_classes
from cases.deadlines.compute import RULES
from cases.deadlines.models import LATE_STATES, Deadline, State, late_among
from cases.jobcenter_field import JobcenterInput, jobcenter_ids, of_jobcenters

# A Jobcenter filter that names at most this many (a town's) narrows the
# Fristen list to few enough deadlines to sort (``is_of_few_jobcenters``).
FEW_JOBCENTERS = 10
LATE = "late"  # the filter value for ``DeadlineQuerySet.overdue`` (missed or overdue)


class DeadlineFilter(django_filters.FilterSet):
    scope = django_filters.ChoiceFilter(
        label=_("Ansicht"),
        choices=[("mine", _("meine")), ("team", _("Team")), ("unassigned", _("niemand zuständig"))],
        method="filter_scope",
        empty_label=None,
    )
    rule = django_filters.ChoiceFilter(
        label=_("Regel"), choices=[(r.name, f"{r.title} ({r.norm})") for r in RULES.values()]
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            ("active", _("zu erledigen")),
            (LATE, _("versäumt oder überfällig")),
            *State.choices,
        ],
        method="filter_status",
        empty_label=_("alle"),
    )
    # A text field with suggestions, as in the case list (not a list of every
    # Jobcenter on each page): part of a name or town, or a Jobcenter's number.
    jobcenter = django_filters.CharFilter(
        label=_("Jobcenter"), method="with_jobcenter", widget=JobcenterInput
    )

    class Meta:
        model = Deadline
        fields: list[str] = []

    def filter_scope(self, queryset, name, value):
        if value == "team":
            return queryset
        if value == "unassigned":
            return queryset.unassigned()
        return queryset.assigned_to(self.request.user)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            # The page renders each field plainly, as the case list does,
            # without crispy-forms' templates for each field.
            with_bootstrap_classes(super().form)
        return self._form

    def with_jobcenter(self, queryset, name, value):
        self.jobcenter_ids = jobcenter_ids(value)
        return queryset.filter(of_jobcenters(self.jobcenter_ids, "case__jobcenter"))

    @property
    def is_of_few_jobcenters(self) -> bool:
        """Whether the list (once read: ``qs``) is narrowed to the deadlines
        of at most ``FEW_JOBCENTERS`` Jobcenters, a few thousand at most:
        ``OverdueFirst`` collects and sorts them."""
        return 0 < len(getattr(self, "jobcenter_ids", [])) <= FEW_JOBCENTERS

    def late(self, today: date) -> Q | None:
        """Which deadlines of the list are overdue (``OverdueFirst``): none
        for done, cancelled, resting, possible, due soon or open ones; among
        those to do and the late ones, those past their day; among all, those
        that someone must act on and past their day."""
        status = self.form.cleaned_data.get("status") if self.is_valid() else ""
        if status in ("active", LATE, *LATE_STATES):  # only deadlines someone must act on
            return late_among(today, watched=True)
        return late_among(today, watched=False) if not status else None

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == "active":
            return queryset.active()
        if value == LATE:
            return queryset.overdue(today)
        return queryset.in_state(today, value)


class OverrideForm(forms.Form):
    """Shown next to ``CancelForm`` on one page: own element ids (both have ``reason``)."""

    due_on = forms.DateField(
        label=_("neues Fristende"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Grund"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "override_%s")
        super().__init__(*args, **kwargs)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cancel_%s")
        super().__init__(*args, **kwargs)


class PreferenceForm(forms.Form):
    reminder_days = forms.CharField(
        label=_("Erinnerungen (Tage vor Fristende, durch Komma getrennt)"),
        max_length=40,
        help_text=_("Zum Beispiel „7, 2“. Am Tag selbst wird immer erinnert."),
    )
    wants_weekly_digest = forms.BooleanField(
        label=_("Wochenübersicht montags per E-Mail"), required=False
    )

    def clean_reminder_days(self) -> list[int]:
        raw = self.cleaned_data["reminder_days"].replace(";", ",")
        try:
            days = [int(part) for part in raw.split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(
                _("Bitte nur ganze Zahlen, durch Komma getrennt.")
            ) from None
        if not days or any(day < 1 or day > 60 for day in days):
            raise forms.ValidationError(_("Bitte Zahlen zwischen 1 und 60 angeben."))
        return days


class AnswerForm(forms.Form):
    received_on = forms.DateField(
        label=_("Antwort erhalten am"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "answer_%s")
        super().__init__(*args, **kwargs)


class ReinstatementForm(forms.Form):
    obstacle_ended_on = forms.DateField(
        label=_("Hindernis entfallen am"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Ab diesem Tag läuft 1 Monat für den Antrag (§ 67 Abs. 2 SGG)."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reinstate_%s")
        super().__init__(*args, **kwargs)


class OffenderLearnedForm(forms.Form):
    """The day the person learned who did it (starts § 77b StGB)."""

    learned_of_offender_on = forms.DateField(
        label=_("Kenntnis von der Person des Täters am"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Ab dem Ende dieses Tages laufen 3 Monate für den Strafantrag (§ 77b StGB)."),
    )
    staff_member = forms.CharField(
        label=_("Mitarbeiter/in des Jobcenters"), max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "offender_%s")
        super().__init__(*args, **kwargs)


class ReviewMonthForm(forms.Form):
    """The benefit month an Überprüfungsantrag should still reach."""

    month = forms.DateField(
        label=_("Leistungsmonat"),
        input_formats=["%Y-%m", "%Y-%m-%d", "%m.%Y"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_(
            "Der Antrag reicht zurück bis zum 1. Januar des Vorjahres "
            "(§ 44 Abs. 4 SGB X, § 40 Abs. 1 Satz 2 Nr. 2 SGB II)."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "review_%s")
        super().__init__(*args, **kwargs)
