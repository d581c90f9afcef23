"""Forms of the case pages. They validate input; the services do the writing."""

from __future__ import annotations

from typing import cast

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from advocacy.auth import Staff, is_coordinator, staff_name
from cases.deadlines.models import ENDING_CASE_STATUSES
from cases.deadlines.services import DEADLINE_CHOICES, deadlines_to_decide
from cases.glossary import help_text
from cases.models import (
    Case,
    Decision,
    Incident,
    Jobcenter,
    Outcome,
    Person,
    Team,
    validate_district_key,
)
from cases.selectors import staff_users
from cases.uploads import check_upload

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO_UNKNOWN = [("", _("unbekannt")), ("true", _("ja")), ("false", _("nein"))]


class _Crispy:
    """No <form> tag from crispy: the templates write it (htmx attributes).

    The case page shows several of these forms at once; ``id_prefix`` keeps
    their element ids apart (``note`` and ``kind`` occur twice), so that each
    label points at its own field.
    """

    id_prefix = ""
    auto_id: bool | str  # BaseForm's, set below

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.id_prefix:
            self.auto_id = f"{self.id_prefix}_%s"
        self.helper = FormHelper()
        self.helper.form_tag = False


class AuthorityChoiceField(forms.ModelChoiceField):
    """Authorities by short name and full name: "ULD – Unabhängiges Landeszentrum …"."""

    def label_from_instance(self, obj) -> str:
        if obj.short_name and obj.short_name != obj.name:
            return f"{obj.short_name} – {obj.name}"
        return obj.name


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return staff_name(obj)


def teams_for(user: Staff):
    return Team.objects.all() if is_coordinator(user) else Team.objects.filter(members=user)


class PersonFieldsMixin(forms.Form):
    person_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    person_email = forms.EmailField(label=_("E-Mail"), required=False)
    person_phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    person_street = forms.CharField(
        label=_("Straße und Hausnummer"), max_length=200, required=False
    )
    person_postcode = forms.CharField(label=_("PLZ"), max_length=10, required=False)
    person_city = forms.CharField(label=_("Ort"), max_length=100, required=False)
    person_customer_number = forms.CharField(
        label=_("Kundennummer / BG-Nummer"), max_length=60, required=False
    )

    person_residence_district_key = forms.CharField(
        label=_("Kreis des Wohnorts"),
        max_length=5,
        required=False,
        validators=[validate_district_key],
        help_text=_(
            "Kreisschlüssel des Wohnorts (z. B. 09182), nur wenn er nicht im Bezirk des "
            "Jobcenters liegt: er bestimmt das Sozialgericht (§ 57 SGG)."
        ),
    )

    PERSON_FIELDS = Person.CONTACT_FIELDS

    def person_data(self) -> dict:
        return {name: self.cleaned_data[f"person_{name}"] for name in self.PERSON_FIELDS}


class CaseCreateForm(_Crispy, PersonFieldsMixin):
    title = forms.CharField(label=_("Kurzbeschreibung"), max_length=200, required=False)
    jobcenter = forms.ModelChoiceField(label=_("Jobcenter"), queryset=Jobcenter.objects.all())
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    assignees = StaffChoiceField(label=_("zuständig"), queryset=staff_users(), required=False)
    existing_person = forms.ModelChoiceField(
        label=_("bekannte Person auswählen"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Oder unten eine neue Person anlegen."),
    )

    field_order = ["title", "jobcenter", "team", "assignees", "existing_person"]

    def __init__(self, *args, user: Staff, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = teams_for(user)
        cast(
            forms.ModelChoiceField, self.fields["existing_person"]
        ).queryset = Person.objects.filter(
            cases__in=Case.objects.visible_to(user).values("pk")
        ).distinct()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not data.get("existing_person") and not (
            data.get("person_name") or data.get("person_email") or data.get("person_phone")
        ):
            raise ValidationError(
                _(
                    "Bitte eine bekannte Person auswählen oder Name bzw. Kontakt einer neuen angeben."
                )
            )
        return data


class CaseEditForm(_Crispy, PersonFieldsMixin):
    title = forms.CharField(label=_("Kurzbeschreibung"), max_length=200, required=False)
    jobcenter = forms.ModelChoiceField(label=_("Jobcenter"), queryset=Jobcenter.objects.all())

    field_order = ["title", "jobcenter"]

    def __init__(self, *args, case: Case, **kwargs):
        initial = {"title": case.title, "jobcenter": case.jobcenter_id}
        initial.update({f"person_{n}": getattr(case.person, n) for n in self.PERSON_FIELDS})
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)


class NoteForm(_Crispy, forms.Form):
    id_prefix = "note"
    note = forms.CharField(label=_("Notiz"), widget=forms.Textarea(attrs={"rows": 3}))


class TransitionForm(_Crispy, forms.Form):
    id_prefix = "transition"
    to_status = forms.ChoiceField(label=_("neuer Status"))
    note = forms.CharField(
        label=_("Begründung / Notiz"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = Case.TRANSITIONS.get(case.status, frozenset())
        cast(forms.ChoiceField, self.fields["to_status"]).choices = [
            (value, label) for value, label in Case.Status.choices if value in allowed
        ]
        # Closing or rejecting decides each open deadline: keep or cancel.
        self.open_deadlines = (
            deadlines_to_decide(case) if allowed & set(ENDING_CASE_STATUSES) else []
        )
        for deadline in self.open_deadlines:
            self.fields[f"deadline_{deadline.pk}"] = forms.ChoiceField(
                label=_("Beim Abschließen oder Ablehnen: %(title)s – %(due)s")
                % {"title": deadline.title, "due": deadline.due_on.strftime("%d.%m.%Y")},
                choices=DEADLINE_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"deadline_{deadline.pk}_reason"] = forms.CharField(
                label=_("Grund, falls gegenstandslos"), max_length=2000, required=False
            )

    def clean(self):
        data = super().clean() or {}
        if data.get("to_status") not in ENDING_CASE_STATUSES:
            return data
        for deadline in self.open_deadlines:
            choice = data.get(f"deadline_{deadline.pk}")
            if not choice:
                self.add_error(
                    f"deadline_{deadline.pk}",
                    _("Bitte entscheiden: weiter überwachen oder gegenstandslos."),
                )
            elif choice == "cancel" and not data.get(f"deadline_{deadline.pk}_reason", "").strip():
                self.add_error(
                    f"deadline_{deadline.pk}_reason",
                    _("Bitte angeben, warum die Frist gegenstandslos ist."),
                )
        return data

    def deadline_decisions(self) -> dict[int, tuple[str, str]]:
        """``{deadline pk: ("keep" | "cancel", reason)}``"""
        return {
            deadline.pk: (
                self.cleaned_data.get(f"deadline_{deadline.pk}") or "",
                self.cleaned_data.get(f"deadline_{deadline.pk}_reason", "").strip(),
            )
            for deadline in self.open_deadlines
        }


class AssignmentForm(_Crispy, forms.Form):
    id_prefix = "assignment"
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.all(), required=False)
    assignees = StaffChoiceField(label=_("zuständig"), queryset=staff_users(), required=False)

    def __init__(self, *args, case: Case, user: Staff, **kwargs):
        kwargs.setdefault(
            "initial",
            {"team": case.team_id, "assignees": [u.pk for u in case.assignees.all()]},
        )
        super().__init__(*args, **kwargs)
        if not is_coordinator(user):
            # Only a coordinator moves a case to another team.
            del self.fields["team"]


class IncidentForm(_Crispy, forms.ModelForm):
    id_prefix = "incident"
    was_asked_first = forms.TypedChoiceField(
        label=_("vorher gefragt?"),
        choices=YES_NO_UNKNOWN,
        coerce=lambda v: v == "true",
        empty_value=None,
        required=False,
        help_text=help_text("bfdi-kriterien"),
    )
    was_informed_afterwards = forms.TypedChoiceField(
        label=_("nachträglich informiert?"),
        choices=YES_NO_UNKNOWN,
        coerce=lambda v: v == "true",
        empty_value=None,
        required=False,
        help_text=help_text("bfdi-kriterien"),
    )
    was_fraud_suspicion_stated = forms.TypedChoiceField(
        label=_("begründeter Betrugsverdacht genannt?"),
        choices=YES_NO_UNKNOWN,
        coerce=lambda v: v == "true",
        empty_value=None,
        required=False,
        help_text=help_text("bfdi-kriterien"),
    )
    is_data_public = forms.TypedChoiceField(
        label=_("Daten allgemein zugänglich?"),
        choices=YES_NO_UNKNOWN,
        coerce=lambda v: v == "true",
        empty_value=None,
        required=False,
        help_text=Incident._meta.get_field("is_data_public").help_text,
    )

    class Meta:
        model = Incident
        fields = [
            "kind",
            "platform",
            "occurred_on",
            "learned_of_act_on",
            "learned_of_offender_on",
            "staff_member",
            "description",
            "was_asked_first",
            "was_informed_afterwards",
            "was_fraud_suspicion_stated",
            "is_data_public",
        ]
        widgets = {
            "occurred_on": DATE,
            "learned_of_act_on": DATE,
            "learned_of_offender_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "learned_of_act_on": help_text("kenntnis-von-der-tat"),
            "learned_of_offender_on": help_text("kenntnis-von-der-person-des-taeters"),
        }


class DecisionForm(_Crispy, forms.ModelForm):
    id_prefix = "decision"
    # Three states, none chosen for the user: unknown until someone has read the Bescheid.
    has_correct_legal_remedy_notice = forms.TypedChoiceField(
        label=_("Rechtsbehelfsbelehrung beigefügt und richtig?"),
        choices=[
            ("", _("noch nicht geprüft")),
            ("True", _("ja, beigefügt und richtig")),
            ("False", _("nein, fehlt oder ist unrichtig")),
        ],
        coerce=lambda v: v == "True",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=help_text("rechtsbehelfsbelehrung"),
    )

    class Meta:
        model = Decision
        fields = [
            "kind",
            "reference",
            "dated_on",
            "delivery",
            "posted_on",
            "received_on",
            "notified_abroad",
            "has_correct_legal_remedy_notice",
            "summary",
            "incidents",
        ]
        widgets = {
            "dated_on": DATE,
            "posted_on": DATE,
            "received_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "incidents": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "posted_on": help_text("bekanntgabe"),
            "received_on": help_text("zugang"),
            "notified_abroad": help_text("bekanntgabe-im-ausland"),
        }

    def __init__(self, *args, case: Case | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Not sent by older pages: an ordinary letter unless said otherwise.
        self.fields["delivery"].required = False
        field = cast(forms.ModelMultipleChoiceField, self.fields["incidents"])
        field.queryset = Incident.objects.filter(case=case) if case else Incident.objects.none()
        if case is not None:
            # The options from the case's incidents as loaded (prefetched for the
            # case page), when the form is shown; the queryset still validates.
            field.choices = lambda: [(i.pk, str(i)) for i in case.incidents.all()]

    def clean_delivery(self) -> str:
        return self.cleaned_data.get("delivery") or Decision.Delivery.POST


class OutcomeForm(_Crispy, forms.ModelForm):
    id_prefix = "outcome"

    class Meta:
        model = Outcome
        fields = ["kind", "decided_on"]
        widgets = {"decided_on": DATE}
        help_texts = {
            "kind": _(
                "Wird ohne jede Einzelheit im öffentlichen Transparenzbericht gezählt "
                "(kleine Zahlen verdeckt)."
            )
        }


class EvidenceForm(_Crispy, forms.Form):
    id_prefix = "evidence"
    file = forms.FileField(
        label=_("Datei"), help_text=_("JPEG, PNG oder PDF. Das Original bleibt unverändert.")
    )
    title = forms.CharField(label=_("Bezeichnung"), max_length=200, required=False)
    incident = forms.ModelChoiceField(
        label=_("gehört zu Vorfall"), queryset=Incident.objects.none(), required=False
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["incident"])
        field.queryset = Incident.objects.filter(case=case)
        # The options from the case's incidents as loaded (prefetched for the
        # case page), not from a second query.
        field.choices = [("", field.empty_label), *((i.pk, str(i)) for i in case.incidents.all())]

    def clean_file(self):
        # Raises ValidationError with the reason (type, size) shown at the field.
        return check_upload(self.cleaned_data["file"])
