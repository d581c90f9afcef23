"""The public transparency report (no account) and its release by coordinators."""

from __future__ import annotations

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from advocacy.auth import StaffRequest, is_coordinator
from advocacy.csvexport import SafeWriter
from transparency.figures import INCIDENTS, OUTCOMES, column_label, period_bounds
from transparency.models import Release
from transparency.services import ReleaseRefused, release_confirm, release_prepare
from transparency.suppression import TOTAL

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.de"
TABLE_TITLES = {
    INCIDENTS: gettext_lazy("Vorfälle nach Art"),
    OUTCOMES: gettext_lazy("Was folgte"),
}


def _grid(release: Release, name: str) -> dict:
    """One published table as rows of display cells, totals last."""
    data = release.published[name]
    values = {(row, column): value for row, column, value in data["cells"]}
    columns = list(data["columns"]) + ([TOTAL] if data["row_totals"] else [])
    rows = [(row["key"], row["name"]) for row in data["rows"]]
    if data["column_totals"]:
        rows.append((TOTAL, _("Summe")))
    return {
        "name": name,
        "title": TABLE_TITLES[name],
        "columns": [
            _("Summe") if column == TOTAL else column_label(name, column) for column in columns
        ],
        "rows": [
            {
                "name": label,
                "is_total": key == TOTAL,
                "cells": [values.get((key, column), 0) for column in columns],
            }
            for key, label in rows
        ],
    }


def _chart(release: Release) -> list[dict]:
    """Bars for the incidents of all Jobcenters by kind (published totals only)."""
    data = release.published[INCIDENTS]
    values = {(row, column): value for row, column, value in data["cells"]}
    shown = [values.get((TOTAL, column)) for column in data["columns"]]
    top = max([value for value in shown if value] or [1])
    return [
        {
            "label": column_label(INCIDENTS, column),
            "value": value,
            "width": round(300 * (value or 0) / top),
            "y": 8 + index * 34,
        }
        for index, (column, value) in enumerate(zip(data["columns"], shown, strict=True))
    ]


def _public_release(year: int, quarter: int, version: int | None) -> Release:
    releases = Release.objects.released().filter(year=year, quarter=quarter)
    release = (
        releases.filter(version=version).first()
        if version
        else releases.order_by("-version").first()
    )
    if release is None:
        raise Http404
    return release


@login_not_required
@require_http_methods(["GET", "HEAD"])
def report_list(request: HttpRequest) -> HttpResponse:
    releases = Release.objects.current().order_by("-year", "-quarter")
    return render(request, "transparency/list.html", {"releases": releases})


@login_not_required
@require_http_methods(["GET", "HEAD"])
def report_detail(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    version = request.GET.get("version", "")
    release = _public_release(year, quarter, int(version) if version.isdigit() else None)
    versions = Release.objects.released().filter(year=year, quarter=quarter).order_by("version")
    start, end = period_bounds(year, quarter)
    return render(
        request,
        "transparency/detail.html",
        {
            "release": release,
            "versions": versions,
            "start": start,
            "end": end,
            "tables": [_grid(release, INCIDENTS), _grid(release, OUTCOMES)],
            "chart": _chart(release),
            "chart_height": 16 + 34 * len(release.published[INCIDENTS]["columns"]),
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
        },
    )


@login_not_required
@require_http_methods(["GET", "HEAD"])
def report_csv(request: HttpRequest, year: int, quarter: int, version: int) -> HttpResponse:
    release = _public_release(year, quarter, version)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"transparenzbericht-{year}-{quarter}-v{version}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Jobcenter names come from staff: never let a spreadsheet run them.
    writer = SafeWriter(response)
    writer.writerow([f"# {release.period_label}, Version {release.version}, {LICENCE}"])
    writer.writerow(["# leer = verdeckt (weniger als die Mindestzahl oder zu deren Schutz)"])
    for name in (INCIDENTS, OUTCOMES):
        grid = _grid(release, name)
        writer.writerow([])
        writer.writerow([grid["title"], *grid["columns"]])
        for row in grid["rows"]:
            writer.writerow([row["name"], *["" if v is None else v for v in row["cells"]]])
    return response


@login_not_required
@require_http_methods(["GET", "HEAD"])
def report_json(request: HttpRequest, year: int, quarter: int, version: int) -> HttpResponse:
    release = _public_release(year, quarter, version)
    body = {
        "period": {"year": year, "quarter": quarter or None},
        "version": release.version,
        "released_at": release.released_at.isoformat() if release.released_at else None,
        "min_cell": release.threshold,
        "licence": LICENCE,
        "null_means": "verdeckt: weniger als min_cell oder zu deren Schutz",
        "tables": {
            name: {
                "columns": data["columns"],
                "rows": [row["name"] for row in data["rows"]],
                "cells": [
                    {"row": _row_name(data, row), "column": column, "value": value}
                    for row, column, value in data["cells"]
                ],
            }
            for name, data in release.published.items()
        },
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="transparenzbericht-{year}-{quarter}-v{version}.json"'
    )
    return response


def _row_name(data: dict, key: str) -> str:
    if key == TOTAL:
        return TOTAL
    return next((row["name"] for row in data["rows"] if row["key"] == key), key)


@login_not_required
@require_http_methods(["GET", "HEAD"])
def method(request: HttpRequest) -> HttpResponse:
    return render(request, "transparency/method.html", {"min_cell": settings.TRANSPARENCY_MIN_CELL})


# --- coordinators -------------------------------------------------------------------


class PrepareForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Jahr"), min_value=2013, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("Zeitraum"),
        coerce=int,
        choices=[
            (0, gettext_lazy("ganzes Jahr")),
            (1, gettext_lazy("1. Quartal")),
            (2, gettext_lazy("2. Quartal")),
            (3, gettext_lazy("3. Quartal")),
            (4, gettext_lazy("4. Quartal")),
        ],
    )
    note = forms.CharField(
        label=gettext_lazy("Anmerkung (bei einer Korrektur: was korrigiert wurde)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _require_coordinator(request: StaffRequest) -> None:
    if not is_coordinator(request.user):
        raise PermissionDenied(_("Nur die Koordination gibt Transparenzberichte heraus."))


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: StaffRequest) -> HttpResponse:
    _require_coordinator(request)
    form = PrepareForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if request.method == "POST" and form.is_valid():
        try:
            release = release_prepare(by=request.user, **form.cleaned_data)
        except ReleaseRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Entwurf angelegt. Eine zweite Person gibt ihn frei."))
            return redirect("transparency:review", pk=release.pk)
    releases = Release.objects.select_related("prepared_by", "released_by")
    return render(request, "transparency/manage.html", {"form": form, "releases": releases})


@require_http_methods(["GET", "HEAD"])
def review(request: StaffRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    release = get_object_or_404(Release.objects.select_related("prepared_by", "released_by"), pk=pk)
    return render(
        request,
        "transparency/review.html",
        {
            "release": release,
            "tables": [_grid(release, INCIDENTS), _grid(release, OUTCOMES)],
            "may_release": not release.is_released and release.prepared_by_id != request.user.pk,
        },
    )


@require_POST
def release(request: StaffRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    draft = get_object_or_404(Release, pk=pk)
    try:
        release_confirm(release=draft, by=request.user)
    except ReleaseRefused as refused:
        messages.error(request, str(refused))
        return redirect("transparency:review", pk=draft.pk)
    messages.success(request, _("Der Bericht ist veröffentlicht."))
    return redirect("transparency:report", year=draft.year, quarter=draft.quarter)
