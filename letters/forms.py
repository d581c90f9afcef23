"""Forms of the letter pages: each parses one request for one service."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms import AuthorityChoiceField
from cases.models import Authority, Case, Decision
from cases.uploads import check_upload
from letters.kinds import KINDS
from letters.models import Letter


class LetterCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art des Briefs"), choices=Letter.Kind.choices)
    decision = forms.ModelChoiceField(
        label=_("Bescheid"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("– den jüngsten anfechtbaren Bescheid –"),
    )
    recipient = AuthorityChoiceField(
        label=_("Empfänger"),
        queryset=Authority.objects.order_by("kind", "name"),
        required=False,
        empty_label=_("– automatisch bestimmen –"),
        help_text=_("Nur für Briefe an Behörden; Briefe an das Jobcenter gehen an das Jobcenter."),
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["decision"])
        field.queryset = case.decisions.order_by("-dated_on", "-pk")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        kind = data.get("kind")
        recipient = data.get("recipient")
        if kind and recipient is not None:
            wanted = KINDS[kind].authority_kind
            if wanted is None:
                self.add_error("recipient", _("Dieser Brief geht an das Jobcenter des Falls."))
            elif recipient.kind != wanted:
                self.add_error(
                    "recipient",
                    _("Bitte eine Behörde der Art „%(kind)s“ wählen.")
                    % {"kind": Authority.Kind(wanted).label},
                )
        return data


class LetterEditForm(forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=300)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "font-monospace"}),
        help_text=_("Reiner Text; eine Leerzeile beginnt einen neuen Absatz."),
    )
    recipient = AuthorityChoiceField(
        label=_("Empfänger"), queryset=Authority.objects.none(), required=False
    )

    def __init__(self, *args, letter: Letter, **kwargs):
        super().__init__(*args, **kwargs)
        authority_kind = KINDS[letter.kind].authority_kind
        if authority_kind is None:
            del self.fields["recipient"]
        else:
            field = cast(forms.ModelChoiceField, self.fields["recipient"])
            field.queryset = Authority.objects.filter(kind=authority_kind).order_by(
                "-is_federal", "jurisdiction_state", "name"
            )
            field.required = True


class MarkSentForm(forms.Form):
    channel = forms.ChoiceField(label=_("Versandweg"), choices=Letter.Channel.choices)
    sent_on = forms.DateField(
        label=_("versandt am"), widget=forms.DateInput(attrs={"type": "date"})
    )
    tracking_number = forms.CharField(
        label=_("Sendungsnummer"),
        max_length=100,
        required=False,
        help_text=_("Bei Einschreiben erforderlich."),
    )
    proof = forms.FileField(
        label=_("Nachweis (Einlieferungsbeleg, Sendebericht; PDF, JPEG oder PNG)"),
        required=False,
    )

    def clean_sent_on(self):
        sent_on = self.cleaned_data["sent_on"]
        if sent_on > timezone.localdate():
            raise ValidationError(_("Das Versanddatum liegt in der Zukunft."))
        return sent_on

    def clean_proof(self):
        upload = self.cleaned_data.get("proof")
        return check_upload(upload) if upload else None

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if (
            data.get("channel") == Letter.Channel.REGISTERED
            and not data.get("tracking_number", "").strip()
        ):
            self.add_error(
                "tracking_number", _("Für ein Einschreiben bitte die Sendungsnummer angeben.")
            )
        return data


class LetterFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Art"), choices=[("", _("alle Arten")), *Letter.Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("alle Status")), *Letter.Status.choices],
        required=False,
    )
