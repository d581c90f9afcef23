"""A person's rights: export their data, erase it (coordinators only)."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from advocacy.auth import StaffRequest, is_coordinator
from cases import selectors
from cases.audit import read_logged
from cases.retention import person_erase, person_export


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Grund"),
        max_length=500,
        help_text=gettext_lazy("z. B. „Löschantrag der Person vom 01.12.2026 (Art. 17 DSGVO)“"),
    )
    confirm_reference = forms.CharField(
        label=gettext_lazy("Zur Bestätigung das Aktenzeichen eingeben"), max_length=12
    )

    def __init__(self, *args, reference: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reference = reference

    def clean_confirm_reference(self) -> str:
        value = self.cleaned_data["confirm_reference"].strip()
        if value != self.reference:
            raise forms.ValidationError(_("Das Aktenzeichen stimmt nicht überein."))
        return value


def _require_coordinator(request: StaffRequest) -> None:
    if not is_coordinator(request.user):
        raise PermissionDenied(_("Nur die Koordination darf Daten exportieren oder löschen."))


def person_data_export(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_action(request.user, reference)
    _require_coordinator(request)
    data = person_export(person=case.person)
    read_logged(case.person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{case.reference}_Datenauskunft.json"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def person_data_erase(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_action(request.user, reference)
    _require_coordinator(request)
    form = EraseForm(request.POST or None, reference=case.reference)
    if request.method == "POST" and form.is_valid():
        count = person_erase(
            person=case.person, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _("Die Daten der Person wurden gelöscht; %(count)s Fall/Fälle anonymisiert.")
            % {"count": count},
        )
        return redirect("cases:case_detail", reference=case.reference)
    read_logged(case.person)
    return render(request, "cases/person_erase.html", {"case": case, "form": form})
