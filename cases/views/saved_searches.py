"""Saved searches of the case list, each staff member's own."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from advocacy.auth import StaffRequest
from cases.filters import CaseFilter
from cases.models import SavedSearch


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name der Suche"), max_length=80)
    query = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)

    def clean_query(self) -> str:
        """Only the case list's own search and filter fields, never the page."""
        known = set(CaseFilter.base_filters)
        pairs = [(k, v) for k, v in parse_qsl(self.cleaned_data["query"]) if k in known and v]
        if not pairs:
            raise forms.ValidationError(_("Es ist keine Suche und kein Filter gesetzt."))
        return urlencode(pairs)


@require_POST
def saved_search_add(request: StaffRequest) -> HttpResponse:
    form = SavedSearchForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(f"{reverse('cases:case_list')}?{request.POST.get('query', '')}")
    name, query = form.cleaned_data["name"], form.cleaned_data["query"]
    SavedSearch.objects.update_or_create(user=request.user, name=name, defaults={"query": query})
    messages.success(request, _("Suche „%(name)s“ gespeichert.") % {"name": name})
    return redirect(f"{reverse('cases:case_list')}?{query}")


@require_POST
def saved_search_delete(request: StaffRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    search.delete()
    messages.success(request, _("Suche „%(name)s“ gelöscht.") % {"name": search.name})
    return redirect("cases:case_list")
