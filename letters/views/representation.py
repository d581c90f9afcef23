"""Pages of the group as representative: organisation profile (coordinators)
and the Vollmachten of a case's person."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from advocacy.auth import StaffRequest, is_coordinator
from cases.audit import read_logged
from cases.forms import AuthorityChoiceField
from cases.models import Case, OrganisationProfile, PowerOfAttorney
from cases.uploads import check_upload, stored_file_download
from letters.context import organisation_facts
from letters.kinds import offered_matters
from letters.models import Letter
from letters.representation import (
    organisation_profile,
    power_of_attorney_record,
    power_of_attorney_revoke,
)


class OrganisationProfileForm(forms.ModelForm):
    class Meta:
        model = OrganisationProfile
        fields = [
            "name",
            "street",
            "postcode",
            "city",
            "phone",
            "fax",
            "email",
            "web",
            "signatories",
            "is_data_protection_body",
            "may_represent_in_court",
            "qualified_persons",
            "data_protection_officer",
            "has_no_data_protection_officer",
            "supervisory_authority",
            "imprint_text",
            "answer_days",
        ]
        # Short names with their full names ("ULD – Unabhängiges Landeszentrum …").
        field_classes = {"supervisory_authority": AuthorityChoiceField}
        widgets = {
            "signatories": forms.CheckboxSelectMultiple,
            "qualified_persons": forms.CheckboxSelectMultiple,
            "data_protection_officer": forms.Textarea(attrs={"rows": 3}),
            "imprint_text": forms.Textarea(attrs={"rows": 4}),
        }

    web = forms.URLField(label=gettext_lazy("Web"), required=False, assume_scheme="https")
    release_required_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Briefarten, die vor dem Endgültig-Machen freigegeben werden müssen"),
        choices=Letter.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        for name in ("signatories", "qualified_persons"):
            self.fields[name].queryset = users  # type: ignore[attr-defined]
        self.fields["release_required_kinds"].initial = self.instance.release_required_kinds

    def clean(self):
        data = super().clean() or {}
        if (
            data.get("has_no_data_protection_officer")
            and data.get("data_protection_officer", "").strip()
        ):
            self.add_error(
                "has_no_data_protection_officer",
                _(
                    "Oben ist eine Datenschutzbeauftragte oder ein Datenschutzbeauftragter "
                    "eingetragen. Bitte entweder den Kontakt eintragen oder dies ankreuzen."
                ),
            )
        return data

    def save(self, commit: bool = True):
        self.instance.release_required_kinds = self.cleaned_data["release_required_kinds"]
        return super().save(commit)


class PowerOfAttorneyForm(forms.Form):
    signed_on = forms.DateField(
        label=gettext_lazy("unterschrieben am"), widget=forms.DateInput(attrs={"type": "date"})
    )
    matters = forms.MultipleChoiceField(
        label=gettext_lazy("Angelegenheiten, die die unterschriebene Vollmacht nennt"),
        choices=PowerOfAttorney.matter_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy(
                "Bitte ankreuzen, welche Angelegenheiten die unterschriebene Vollmacht nennt."
            )
        },
    )
    scope = forms.CharField(
        label=gettext_lazy("Anmerkung zum Umfang"), max_length=300, required=False
    )
    scan = forms.FileField(label=gettext_lazy("unterschriebener Scan (PDF, JPEG oder PNG)"))

    def __init__(self, *args, offered: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["matters"])
        field.choices = [
            (name, label) for name, label in PowerOfAttorney.matter_choices() if name in offered
        ]

    def clean_signed_on(self):
        signed_on = self.cleaned_data["signed_on"]
        if signed_on > timezone.localdate():
            raise forms.ValidationError(_("Das Datum liegt in der Zukunft."))
        return signed_on

    def clean_scan(self):
        return check_upload(self.cleaned_data["scan"])


@require_http_methods(["GET", "POST"])
def organisation_edit(request: StaffRequest) -> HttpResponse:
    if not is_coordinator(request.user):
        raise PermissionDenied
    profile = organisation_profile() or OrganisationProfile(id=1)
    form = OrganisationProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Organisationsprofil gespeichert."))
        return redirect("letters:organisation")
    return render(
        request,
        "letters/organisation.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _case(request: StaffRequest, reference: str) -> Case:
    qs = Case.objects.visible_to(request.user).select_related("person")
    return get_object_or_404(qs, reference=reference)


@require_http_methods(["GET", "POST"])
def power_of_attorney_list(request: StaffRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    read_logged(case)
    offered = offered_matters(organisation_facts(organisation_profile()))
    form = PowerOfAttorneyForm(request.POST or None, request.FILES or None, offered=offered)
    if request.method == "POST" and form.is_valid():
        try:
            power_of_attorney_record(
                case=case,
                by=request.user,
                signed_on=form.cleaned_data["signed_on"],
                scan=form.cleaned_data["scan"],
                scope=form.cleaned_data["scope"],
                matters=form.cleaned_data["matters"],
            )
        except ValidationError as exc:  # the scan cannot be read to make its copy
            form.add_error("scan", exc)
        else:
            messages.success(request, _("Vollmacht hinterlegt."))
            return redirect("letters:powers", reference=case.reference)
    powers = case.person.powers_of_attorney.all()
    return render(
        request,
        "letters/powers.html",
        {
            "case": case,
            "form": form,
            "powers": powers,
            "today": timezone.localdate(),
            "valid": set(powers.valid_on(timezone.localdate()).values_list("pk", flat=True)),
        },
        status=400 if request.method == "POST" else 200,
    )


def _power(request: StaffRequest, reference: str, pk: int) -> tuple[Case, PowerOfAttorney]:
    case = _case(request, reference)
    return case, get_object_or_404(PowerOfAttorney, pk=pk, person=case.person)


@require_POST
def power_of_attorney_revoke_view(request: StaffRequest, reference: str, pk: int) -> HttpResponse:
    case, power = _power(request, reference, pk)
    power_of_attorney_revoke(
        power=power, case=case, by=request.user, revoked_on=timezone.localdate()
    )
    messages.success(request, _("Vollmacht als widerrufen vermerkt."))
    return redirect("letters:powers", reference=case.reference)


@require_GET
def power_of_attorney_scan(
    request: StaffRequest, reference: str, pk: int, original: bool = False
) -> HttpResponseBase:
    """The sanitized copy of the signed scan (or, asked for separately, the
    original), only as a download, like evidence."""
    case, power = _power(request, reference, pk)
    field = power.scan if original else power.scan_sanitized
    if not field:
        raise Http404
    read_logged(case)
    extension = field.name.rsplit(".", 1)[-1]
    suffix = "" if original else "-bereinigt"
    return stored_file_download(
        field, filename=f"{case.reference}_Vollmacht_{power.pk}{suffix}.{extension}"
    )
