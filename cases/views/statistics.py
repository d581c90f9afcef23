"""The statistics page and its CSV export (both with small-cell suppression)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from advocacy.auth import StaffRequest
from advocacy.csvexport import SafeWriter
from cases.statistics import THRESHOLD, incident_tables, suppress


def statistics(request: StaffRequest) -> HttpResponse:
    tables = incident_tables()
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"vorfaelle-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = SafeWriter(response)
        writer.writerow(["Tabelle", "Merkmal", "Anzahl"])
        for table in tables:
            for label, count in table.rows:
                writer.writerow([table.title, label, count])
        return response
    return render(
        request,
        "cases/statistics.html",
        {"tables": tables, "threshold": THRESHOLD, "suppressed": suppress(1)},
    )
