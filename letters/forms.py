"""Forms of the letter pages: each parses one request for one service."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.deadlines.models import Deadline
from cases.forms import AuthorityChoiceField
from cases.models import Authority, Case, Decision, Evidence, PowerOfAttorney
from cases.uploads import check_upload
from letters.kinds import ABOUT_LETTER, KINDS, OBJECTIONABLE
from letters.models import Letter
from letters.routing import recipient_problem
from letters.services import channel_refusal


class LetterCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art des Briefs"), choices=Letter.Kind.choices)
    decision = forms.ModelChoiceField(
        label=_("Bescheid"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("– bitte wählen (bei nur einem Bescheid: dieser) –"),
        help_text=_("Hat der Fall mehrere Bescheide, muss einer gewählt werden."),
    )
    sender = forms.ChoiceField(
        label=_("Absender"),
        choices=Letter.Sender.choices,
        initial=Letter.Sender.PERSON,
        required=False,
        help_text=_(
            "Im eigenen Namen erscheint die Gruppe nicht. Als Bevollmächtigte braucht die Gruppe "
            "eine gültige Vollmacht; Anträge an das Gericht nur, wenn § 73 Abs. 2 SGG es zulässt."
        ),
    )
    planned_channel = forms.ChoiceField(
        label=_("geplanter Versandweg"),
        choices=Letter.Channel.choices,
        initial=Letter.Channel.POST,
        required=False,
        help_text=_("Bestimmt, mit welchem Eingang beim Empfänger gerechnet wird."),
    )
    suspension_request = forms.BooleanField(
        label=_("Widerspruch: Antrag auf Aussetzung der Vollziehung (§ 86a Abs. 3 SGG) aufnehmen"),
        required=False,
        help_text=_("Nur bei Bescheiden, deren Widerspruch nach § 39 SGB II nicht aufschiebt."),
    )
    objection_lodged_on = forms.DateField(
        label=_("Eilantrag: Widerspruch gegen den Bescheid eingelegt am"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leer: ein als versandt vermerkter Widerspruch des Falls wird gesucht."),
    )
    enforced_anyway = forms.BooleanField(
        label=_("Eilantrag: das Jobcenter vollzieht den Bescheid trotz Widerspruch"),
        required=False,
    )
    with_affidavit = forms.BooleanField(
        label=_("Eilantrag: eidesstattliche Versicherung als eigenes Schriftstück anlegen"),
        required=False,
        initial=True,
    )
    consent_to_publication = forms.BooleanField(
        label=_("Petition: die Person willigt in die Veröffentlichung ein (ohne Namen)"),
        required=False,
        initial=False,
    )
    power_matters = forms.MultipleChoiceField(
        label=_("Vollmacht: Angelegenheiten, die das Formular nennt"),
        choices=PowerOfAttorney.matter_choices,
        initial=list(PowerOfAttorney.MATTERS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Der Auftrag nach Art. 80 DSGVO und das Sozialgericht erscheinen nur, wenn das "
            "Organisationsprofil es zulässt."
        ),
    )
    original_decision = forms.ModelChoiceField(
        label=_("Klage: Ausgangsbescheid (mit dem Widerspruch angefochten)"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("– im Text ergänzen –"),
        help_text=_("Als Bescheid oben den Widerspruchsbescheid wählen."),
    )
    about_letter = forms.ModelChoiceField(
        label=_("Sachstandsanfrage: zu welchem versandten Brief"),
        queryset=Letter.objects.none(),
        required=False,
        empty_label=_("– bitte wählen –"),
        help_text=_("Die Anfrage geht an den Empfänger dieses Briefs."),
    )
    missed_deadline = forms.ModelChoiceField(
        label=_("Wiedereinsetzung: versäumte Frist"),
        queryset=Deadline.objects.none(),
        required=False,
        empty_label=_("– andere gesetzliche Frist des Verwaltungsverfahrens (§ 27 SGB X) –"),
        help_text=_(
            "Für die Widerspruchsfrist gilt § 67 SGG (über § 84 Abs. 2 Satz 3 SGG), nicht "
            "§ 27 SGB X."
        ),
    )
    # Sent by the full form: unticked boxes are then a choice (none enclosed),
    # not a request made without the form (e.g. from the case page).
    enclosures_shown = forms.CharField(widget=forms.HiddenInput, required=False, initial="1")
    decision_copy = forms.BooleanField(
        label=_("Kopie des Bescheids als Anlage beifügen"),
        required=False,
        initial=True,
        help_text=_("Nur ankreuzen, wenn die Kopie wirklich beiliegt: die Anlagenliste nennt sie."),
    )
    enclosures = forms.ModelMultipleChoiceField(
        label=_("Anlagen (Beweismittel, die beigefügt werden)"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
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
        self.case = case
        field = cast(forms.ModelChoiceField, self.fields["decision"])
        field.queryset = case.decisions.order_by("-dated_on", "-pk")
        evidence = cast(forms.ModelMultipleChoiceField, self.fields["enclosures"])
        evidence.queryset = case.evidence.order_by("created_at", "pk")
        self.fields["enclosures"].initial = list(evidence.queryset.values_list("pk", flat=True))
        original = cast(forms.ModelChoiceField, self.fields["original_decision"])
        original.queryset = case.decisions.filter(kind__in=OBJECTIONABLE).order_by(
            "-dated_on", "-pk"
        )
        about = cast(forms.ModelChoiceField, self.fields["about_letter"])
        about.queryset = case.letters.filter(status=Letter.Status.SENT).order_by("-sent_on", "-pk")
        missed = cast(forms.ModelChoiceField, self.fields["missed_deadline"])
        missed.queryset = case.deadlines.filter(status=Deadline.Status.MISSED).order_by(
            "-due_on", "-pk"
        )

    def options(self) -> dict:
        """The letter options as JSON: only what was chosen."""
        data = self.cleaned_data
        options: dict = {}
        for name in ("suspension_request", "enforced_anyway", "with_affidavit"):
            if data.get(name):
                options[name] = True
        if data.get("consent_to_publication"):
            options["consent_to_publication"] = True
        if data.get("objection_lodged_on"):
            options["objection_lodged_on"] = data["objection_lodged_on"].isoformat()
        if data.get("original_decision"):
            options["original_decision"] = data["original_decision"].pk
        if data.get("about_letter"):
            options["about_letter"] = data["about_letter"].pk
        if data.get("missed_deadline"):
            options["missed_deadline"] = data["missed_deadline"].pk
        if data.get("kind") == Letter.Kind.POWER_OF_ATTORNEY and data.get("enclosures_shown"):
            # Posted with the full form: the form names only the matters ticked.
            options["matters"] = [m for m in PowerOfAttorney.MATTERS if m in data["power_matters"]]
        if "enclosures" in self.data or data.get("enclosures_shown"):
            options["enclosures"] = sorted(e.pk for e in data.get("enclosures") or [])
            # Posted with the choice of enclosures: the Bescheid only if ticked.
            if not data.get("decision_copy"):
                options["without_decision_copy"] = True
        return options

    def clean(self):
        super().clean()
        data = self.cleaned_data
        kind = data.get("kind")
        channel = data.get("planned_channel")
        if kind and channel and (refusal := channel_refusal(kind, channel)):
            self.add_error("planned_channel", refusal)
        if (
            kind == Letter.Kind.POWER_OF_ATTORNEY
            and data.get("enclosures_shown")
            and not data.get("power_matters")
        ):
            self.add_error(
                "power_matters",
                _("Bitte mindestens eine Angelegenheit wählen, die die Vollmacht nennen soll."),
            )
        recipient = data.get("recipient")
        if kind and recipient is not None:
            if KINDS[kind].route == ABOUT_LETTER:
                self.add_error(
                    "recipient",
                    _(
                        "Die Sachstandsanfrage geht an den Empfänger des Briefs, nach dem sie fragt."
                    ),
                )
            elif problem := recipient_problem(KINDS[kind].route, self.case, recipient):
                self.add_error("recipient", problem)
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
    planned_channel = forms.ChoiceField(
        label=_("geplanter Versandweg"),
        choices=Letter.Channel.choices,
        required=False,
        help_text=_("Bestimmt, mit welchem Eingang beim Empfänger gerechnet wird."),
    )

    def __init__(self, *args, letter: Letter, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter = letter
        authority_kind = KINDS[letter.kind].authority_kind
        if authority_kind is None:
            del self.fields["recipient"]
        else:
            field = cast(forms.ModelChoiceField, self.fields["recipient"])
            field.queryset = Authority.objects.filter(kind=authority_kind).order_by(
                "-is_federal", "jurisdiction_state", "name"
            )
            field.required = True

    def clean_recipient(self):
        recipient = self.cleaned_data.get("recipient")
        if recipient is not None and recipient != self.letter.recipient_authority:
            problem = recipient_problem(KINDS[self.letter.kind].route, self.letter.case, recipient)
            if problem:
                raise ValidationError(problem)
        return recipient

    def clean_planned_channel(self):
        channel = self.cleaned_data["planned_channel"] or self.letter.planned_channel
        if refusal := channel_refusal(self.letter.kind, channel):
            raise ValidationError(refusal)
        return channel


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

    def __init__(self, *args, letter: Letter | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter = letter

    def clean_channel(self):
        channel = self.cleaned_data["channel"]
        if self.letter is not None:
            refusal = channel_refusal(self.letter.kind, channel)
            if refusal:
                raise ValidationError(refusal)
        return channel

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
