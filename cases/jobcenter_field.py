"""The Jobcenter filter of the lists (cases, deadlines): a text field whose
suggestions are fetched while typing, instead of a list of every Jobcenter
(hundreds of options on each page), and what its value selects."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.search import jobcenter_ids_named


class JobcenterInput(forms.TextInput):
    """A text field whose suggestions htmx fetches while typing (a datalist)."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "list": "jobcenter-suggestions",
                "autocomplete": "off",
                "placeholder": _("Name oder Ort"),
                "hx-get": reverse_lazy("cases:jobcenter_suggestions"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#jobcenter-suggestions",
                **(attrs or {}),
            }
        )

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        return format_html('{}<datalist id="jobcenter-suggestions"></datalist>', field)


def of_jobcenter(value: str, jobcenter: str = "jobcenter") -> Q:
    """The rows whose Jobcenter (reached through the path ``jobcenter``) the
    field's value names (``jobcenter_ids``).

    The Jobcenters are read first (a few hundred rows), then the list of their
    ids walks the index of the rows for one page, however many rows they
    have. As a subquery of the list's query, PostgreSQL planned 1 ms longer
    and joined and sorted all their cases."""
    return of_jobcenters(jobcenter_ids(value), jobcenter)


def jobcenter_ids(value: str) -> list[int]:
    """The Jobcenters the field's value names: part of a name or town, or the
    number of a Jobcenter (the directory links to its cases so)."""
    value = value.strip()
    return [int(value)] if value.isdigit() else jobcenter_ids_named(value)


def of_jobcenters(ids: list[int], jobcenter: str = "jobcenter") -> Q:
    """The rows of these Jobcenters (``of_jobcenter``)."""
    return Q(**{f"{jobcenter}_id__in": ids})
