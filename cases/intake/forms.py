"""Forms of the public intake pages and the staff inbox."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError

from advocacy.auth import Staff, staff_users
from advocacy.models import Bundesland
from cases.intake.models import IntakeSubmission
from cases.models import Case, Decision, Incident, Jobcenter, Team
from cases.routing import district_key_problem
from cases.uploads import CheckedUpload, Sanitized, check_upload, sanitize

logger = logging.getLogger(__name__)

FILL_TOKEN_SALT = "intake.fill-started"

# Plain-language explanation and an example for each kind of incident.
KIND_HELP: dict[str, tuple[Any, Any]] = {
    Incident.Kind.PROFILE_RESEARCH: (
        _("Das Jobcenter hat sich Ihr Profil in einem sozialen Netzwerk angesehen."),
        _(
            "Beispiel: Im Termin lagen Ausdrucke Ihrer Facebook- oder Instagram-Fotos auf dem Tisch."
        ),
    ),
    Incident.Kind.FAKE_PROFILE: (
        _(
            "Jemand vom Jobcenter hat sich eingeloggt, ein falsches Profil benutzt oder Sie als Freund/in angefragt."
        ),
        _(
            "Beispiel: Eine unbekannte Person schickte Ihnen eine Freundschaftsanfrage, später wusste das Jobcenter von Ihren privaten Beiträgen."
        ),
    ),
    Incident.Kind.SEARCH_ENGINE: (
        _("Das Jobcenter hat Ihren Namen in eine Suchmaschine (z. B. Google) eingegeben."),
        _(
            "Beispiel: Man hielt Ihnen einen Zeitungsartikel oder eine Anzeige vor, die man über Ihren Namen gefunden hat."
        ),
    ),
    Incident.Kind.THIRD_PARTY: (
        _("Das Jobcenter hat andere Menschen über Sie befragt."),
        _(
            "Beispiel: Nachbarn, Vermieter/in oder Arbeitgeber/in erzählten, dass das Jobcenter nach Ihnen gefragt hat."
        ),
    ),
    Incident.Kind.DATA_PASSED_ON: (
        _("Das Jobcenter hat Daten über Sie an andere weitergegeben."),
        _("Beispiel: Ihr Vermieter wusste plötzlich, dass Sie Bürgergeld bekommen."),
    ),
    Incident.Kind.OTHER: (
        _("Etwas anderes."),
        _("Beschreiben Sie es bitte unten mit eigenen Worten."),
    ),
}


def fill_token_new() -> str:
    """A signed timestamp and a random nonce: when the form was handed out,
    and which copy of it (a token is accepted for one report only)."""
    return signing.dumps(
        [timezone.now().timestamp(), secrets.token_urlsafe(16)], salt=FILL_TOKEN_SALT
    )


def _fill_token(token: str) -> tuple[float, str] | None:
    try:
        started, nonce = signing.loads(
            token, salt=FILL_TOKEN_SALT, max_age=settings.INTAKE_FILL_TOKEN_MAX_AGE
        )
        return float(started), str(nonce)
    except (signing.BadSignature, TypeError, ValueError):
        return None


def fill_token_expired(token: str) -> bool:
    """Whether ``token`` is one of ours that is older than the form may stay
    open (``INTAKE_FILL_TOKEN_MAX_AGE``)."""
    try:
        signing.loads(token, salt=FILL_TOKEN_SALT, max_age=settings.INTAKE_FILL_TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        return True
    except (signing.BadSignature, TypeError, ValueError):
        return False
    return False


def fill_seconds(token: str) -> float | None:
    """Seconds since the token was made, or None if it is not ours or expired."""
    parsed = _fill_token(token)
    return None if parsed is None else timezone.now().timestamp() - parsed[0]


def fill_token_use(token: str) -> bool:
    """Mark the token used; False if it was used before (a replayed form)."""
    parsed = _fill_token(token)
    if parsed is None:
        return False
    try:
        return bool(
            cache.add(f"intake:fill:{parsed[1]}", 1, settings.INTAKE_FILL_TOKEN_MAX_AGE + 60)
        )
    except (RedisError, OSError):
        logger.warning("intake fill token: cache unavailable, reuse not checked", exc_info=True)
        return True


SUBMISSION_FIELDS = (
    "kind",
    "platform",
    "occurred_on",
    "description",
    "jobcenter",
    "jobcenter_text",
    "staff_member",
    "how_found_out",
    "learned_of_act_on",
    "learned_of_offender_on",
    "has_decision",
    "decision_dated_on",
    "is_anonymous",
    "contact_name",
    "contact_email",
    "contact_phone",
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


@dataclass(frozen=True)
class CleanUpload:
    """A checked upload with its sanitized copy."""

    checked: CheckedUpload
    sanitized: Sanitized


class MultipleFileField(forms.FileField):
    """Several files (JPEG, PNG, PDF), checked by content, within the limits."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[CleanUpload]:
        uploads = [item for item in (data or []) if item] if isinstance(data, list | tuple) else []
        if data and not isinstance(data, list | tuple):
            uploads = [data]
        max_count = max_files()
        if len(uploads) > max_count:
            raise ValidationError(
                _("Bitte höchstens %(count)s Dateien auf einmal hochladen.") % {"count": max_count}
            )
        total = sum(upload.size or 0 for upload in uploads)
        if total > max_total_bytes():
            raise ValidationError(
                _("Die Dateien sind zusammen zu groß (höchstens %(limit)s).")
                % {"limit": filesizeformat(max_total_bytes())}
            )
        errors: list[ValidationError] = []
        cleaned: list[CleanUpload] = []
        for upload in uploads:
            try:
                checked = check_upload(upload, max_bytes=max_file_bytes())
                cleaned.append(CleanUpload(checked, sanitize(checked.data, checked.content_type)))
            except ValidationError as exc:
                errors.append(exc)
        if errors:
            raise ValidationError(errors)
        return cleaned


def max_files() -> int:
    return settings.INTAKE_MAX_FILES


def max_file_bytes() -> int:
    return settings.INTAKE_MAX_FILE_BYTES


def max_total_bytes() -> int:
    return settings.INTAKE_MAX_TOTAL_BYTES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%d")


def _text(**attrs) -> forms.TextInput:
    return forms.TextInput(attrs={"class": "form-control", **attrs})


def _area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"class": "form-control", "rows": rows})


class JobcenterChoiceField(forms.ModelChoiceField):
    """Jobcenter with its town, so that one finds it by either."""

    def label_from_instance(self, obj) -> str:
        if obj.city and obj.city.lower() not in obj.name.lower():
            return f"{obj.name} ({obj.city})"
        return obj.name


class IntakeForm(forms.ModelForm):
    """The public report form."""

    jobcenter = JobcenterChoiceField(
        queryset=Jobcenter.objects.filter(is_active=True).order_by("name"),
        required=False,
        label=_("Welches Jobcenter?"),
        empty_label=_("– bitte wählen oder unten eintragen –"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    uploads = MultipleFileField(
        required=False,
        label=_("Dateien (Bildschirmfotos, Briefe)"),
    )
    consent = forms.BooleanField(
        required=True,
        label=_(
            "Ich bin einverstanden, dass meine Angaben wie in der Datenschutzerklärung beschrieben verarbeitet werden."
        ),
        error_messages={
            "required": _("Ohne Ihr Einverständnis können wir die Meldung nicht annehmen.")
        },
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    # Spam traps: a field people never see, and when the form was handed out.
    website = forms.CharField(
        required=False,
        label=_("Bitte leer lassen"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = IntakeSubmission
        fields = list(SUBMISSION_FIELDS)
        labels = {
            "platform": _("Wo? (Plattform)"),
            "description": _("Was ist passiert? Bitte mit eigenen Worten"),
            "jobcenter_text": _("Jobcenter nicht in der Liste? Hier eintragen"),
            "staff_member": _("Wissen Sie, wer im Jobcenter es war? (Name, falls bekannt)"),
            "learned_of_act_on": _("Wann haben Sie davon erfahren?"),
            "learned_of_offender_on": _("Wann haben Sie erfahren, wer es war?"),
            "is_anonymous": _("Ich möchte anonym bleiben"),
            "contact_name": _("Ihr Name"),
            "contact_email": _("Ihre E-Mail-Adresse"),
            "contact_phone": _("Ihre Telefonnummer"),
        }
        help_texts = {
            "occurred_on": _("Ungefähr reicht. Leer lassen, wenn Sie es nicht wissen."),
            "how_found_out": _("Zum Beispiel: im Termin, durch einen Brief, durch Bekannte."),
            "learned_of_offender_on": _("Wichtig für die Frist eines Strafantrags (3 Monate)."),
            "decision_dated_on": _("Das Datum steht oben auf dem Brief."),
        }
        widgets = {
            "kind": forms.RadioSelect(attrs={"class": "form-check-input"}),
            "platform": forms.Select(attrs={"class": "form-select"}),
            "occurred_on": DateInput(),
            "description": _area(6),
            "jobcenter_text": _text(maxlength=200),
            "staff_member": _text(),
            "how_found_out": _area(3),
            "learned_of_act_on": DateInput(),
            "learned_of_offender_on": DateInput(),
            "has_decision": forms.RadioSelect(attrs={"class": "form-check-input"}),
            "decision_dated_on": DateInput(),
            "is_anonymous": forms.CheckboxInput(attrs={"class": "form-check-input"}),
            "contact_name": _text(autocomplete="name"),
            "contact_email": forms.EmailInput(
                attrs={"class": "form-control", "autocomplete": "email"}
            ),
            "contact_phone": _text(autocomplete="tel", inputmode="tel"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, limit in (("description", 20_000), ("how_found_out", 5_000)):
            field = cast(forms.CharField, self.fields[name])
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
        cast(forms.ChoiceField, self.fields["kind"]).choices = list(Incident.Kind.choices)
        cast(forms.ChoiceField, self.fields["platform"]).choices = [
            ("", _("– keine Angabe –")),
            *Incident.Platform.choices,
        ]
        cast(forms.ChoiceField, self.fields["has_decision"]).choices = list(
            IntakeSubmission.DecisionAnswer.choices
        )

    @property
    def kind_options(self) -> list[dict]:
        """Radio options of the kind field with their explanation and example."""
        return [
            {"widget": option, "help": KIND_HELP[option.data["value"]]} for option in self["kind"]
        ]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not data.get("jobcenter") and not (data.get("jobcenter_text") or "").strip():
            self.add_error(
                "jobcenter",
                _("Bitte wählen Sie Ihr Jobcenter aus der Liste oder tragen Sie es unten ein."),
            )
        if data.get("has_decision") != IntakeSubmission.DecisionAnswer.YES:
            data["decision_dated_on"] = None
        today = timezone.localdate()
        for name in (
            "occurred_on",
            "learned_of_act_on",
            "learned_of_offender_on",
            "decision_dated_on",
        ):
            value = data.get(name)
            if value and value > today:
                self.add_error(name, _("Dieses Datum liegt in der Zukunft."))
        if data.get("is_anonymous"):
            for name in ("contact_name", "contact_email", "contact_phone"):
                data[name] = ""
        return data

    @property
    def is_spam_trap_filled(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class StatusCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Ihr Code (16 Ziffern)"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "class": "form-control receipt-code",
                "inputmode": "numeric",
                "autocomplete": "off",
                "placeholder": "1234 5678 9012 3456",
            }
        ),
    )


class AdditionForm(forms.Form):
    text = forms.CharField(
        label=_("Ihre Antwort oder Ergänzung"),
        required=False,
        max_length=10_000,
        widget=_area(5),
    )
    uploads = MultipleFileField(required=False, label=_("Weitere Dateien"))

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if not (data.get("text") or "").strip() and not data.get("uploads"):
            raise ValidationError(_("Bitte schreiben Sie etwas oder wählen Sie eine Datei."))
        return data


# --- staff -------------------------------------------------------------------


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False,
        label=_("Status"),
        choices=[("", _("alle")), *IntakeSubmission.Status.choices],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    kind = forms.ChoiceField(
        required=False,
        label=_("Art"),
        choices=[("", _("alle")), *Incident.Kind.choices],
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    since = forms.DateField(
        required=False, label=_("ab"), widget=DateInput({"class": "form-control form-control-sm"})
    )
    until = forms.DateField(
        required=False, label=_("bis"), widget=DateInput({"class": "form-control form-control-sm"})
    )
    new_answers = forms.BooleanField(
        required=False,
        label=_("nur mit neuer Antwort"),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


@dataclass(frozen=True)
class NewJobcenter:
    """A Jobcenter missing from the directory, added while converting."""

    name: str
    kind: str
    city: str
    state: str
    district_key: str = ""


def teams_for(user: Staff):
    from advocacy.auth import is_coordinator

    if is_coordinator(user):
        return Team.objects.all()
    return Team.objects.filter(members=user)


class ConvertForm(forms.Form):
    """Asks only what the report did not say: the team (preselected when
    there is only one), the Jobcenter (or a new one, added on the spot), the
    kind of Bescheid (optional) and who takes the case."""

    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label=_("Team"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    jobcenter = forms.ModelChoiceField(
        queryset=Jobcenter.objects.order_by("name"),
        required=False,
        label=_("Jobcenter"),
        empty_label=_("– nicht im Verzeichnis: unten neu anlegen –"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    new_jobcenter_name = forms.CharField(
        required=False, max_length=200, label=_("Neues Jobcenter: Name"), widget=_text()
    )
    new_jobcenter_city = forms.CharField(
        required=False, max_length=100, label=_("Neues Jobcenter: Ort"), widget=_text()
    )
    new_jobcenter_state = forms.ChoiceField(
        required=False,
        choices=[("", "–"), *Bundesland.choices],
        label=_("Neues Jobcenter: Bundesland"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    new_jobcenter_kind = forms.ChoiceField(
        required=False,
        choices=Jobcenter.Kind.choices,
        initial=Jobcenter.Kind.GE,
        label=_("Neues Jobcenter: Trägerform"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    new_jobcenter_district_key = forms.CharField(
        required=False,
        max_length=5,
        label=_("Neues Jobcenter: Kreisschlüssel"),
        help_text=_(
            "Die ersten fünf Stellen des amtlichen Gemeindeschlüssels (z. B. 09182): ohne ihn "
            "werden Briefe an Gericht und Staatsanwaltschaft abgelehnt, bis er eingetragen ist."
        ),
        widget=_text(maxlength=5),
    )
    title = forms.CharField(
        required=False, max_length=200, label=_("Kurzbeschreibung"), widget=_text()
    )
    decision_kind = forms.ChoiceField(
        required=False,
        choices=[("", _("– nicht bekannt –")), *Decision.Kind.choices],
        label=_("Art des Bescheids (falls bekannt)"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    assignee = forms.ModelChoiceField(
        queryset=staff_users(),
        required=False,
        label=_("zuständig"),
        empty_label=_("ich selbst"),
        help_text=_("Wer den Fall und seine Fristen betreut."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, user: Staff, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        teams = list(teams_for(user))
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = teams_for(user)
        if len(teams) == 1:
            self.fields["team"].initial = teams[0].pk

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("jobcenter"):
            return data
        missing = [
            name
            for name in ("new_jobcenter_name", "new_jobcenter_city", "new_jobcenter_state")
            if not (data.get(name) or "").strip()
        ]
        if len(missing) == 3:
            self.add_error(
                "jobcenter",
                _("Bitte wählen Sie ein Jobcenter oder legen Sie unten ein neues an."),
            )
        for name in missing if len(missing) < 3 else []:
            self.add_error(name, _("Für ein neues Jobcenter bitte ausfüllen."))
        key = (data.get("new_jobcenter_district_key") or "").strip()
        if key:
            problem = district_key_problem(key, state=data.get("new_jobcenter_state") or "")
            if problem:
                self.add_error("new_jobcenter_district_key", problem)
        return data

    @property
    def chosen_jobcenter(self) -> Jobcenter | NewJobcenter:
        data = self.cleaned_data
        if data.get("jobcenter"):
            return data["jobcenter"]
        return NewJobcenter(
            name=data["new_jobcenter_name"],
            kind=data["new_jobcenter_kind"] or Jobcenter.Kind.GE,
            city=data["new_jobcenter_city"],
            state=data["new_jobcenter_state"],
            district_key=(data.get("new_jobcenter_district_key") or "").strip(),
        )


class AttachForm(forms.Form):
    reference = forms.CharField(
        max_length=12, label=_("Aktenzeichen des Falls"), widget=_text(placeholder="2026-0042")
    )

    def __init__(self, *args, user: Staff, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_reference(self) -> Case:
        reference = self.cleaned_data["reference"].strip()
        case = Case.objects.visible_to(self.user).filter(reference=reference).first()
        if case is None:
            raise ValidationError(_("Kein Fall mit diesem Aktenzeichen, den Sie sehen dürfen."))
        return case


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Frage an die meldende Person"), max_length=5000, widget=_area(4)
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund (Spam, nicht unser Thema, …)"), max_length=2000, widget=_area(3)
    )
