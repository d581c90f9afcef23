"""Preparing and releasing a transparency report (four-eyes)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advocacy.auth import Staff
from transparency.figures import period_bounds, period_tables
from transparency.models import Release
from transparency.suppression import Protected, Table, protect


class ReleaseRefused(Exception):
    """The report cannot be prepared or released (message for the user)."""


def _encode(table: Table) -> dict:
    return {
        "rows": list(table.rows),
        "columns": list(table.columns),
        "counts": [[row, column, n] for (row, column), n in sorted(table.counts.items()) if n],
        "row_totals": table.row_totals,
        "column_totals": table.column_totals,
    }


def _decode(data: dict) -> Table:
    return Table(
        tuple(data["rows"]),
        tuple(data["columns"]),
        {(row, column): n for row, column, n in data["counts"]},
        row_totals=data["row_totals"],
        column_totals=data["column_totals"],
    )


def protected_tables(release: Release) -> dict[str, Protected]:
    """The release's tables as protected when it was prepared."""
    return {
        name: Protected(_decode(data), {tuple(cell) for cell in release.hidden[name]})  # type: ignore[misc]
        for name, data in release.counts.items()
    }


def _published(protected: Protected, names: dict[str, str]) -> dict:
    """What the public sees: the row names frozen, ``None`` where hidden."""
    table = protected.table
    values = protected.published()
    return {
        "rows": [{"key": row, "name": names.get(row, "?")} for row in table.rows],
        "columns": list(table.columns),
        "row_totals": table.row_totals,
        "column_totals": table.column_totals,
        "cells": [[row, column, value] for (row, column), value in values.items()],
    }


@transaction.atomic
def release_prepare(*, year: int, quarter: int, by: Staff, note: str = "") -> Release:
    """Count the period, protect the small numbers and keep the result as a
    draft for a second coordinator. A period already released gets a new
    version, protected together with the one before."""
    _start, end = period_bounds(year, quarter)
    if end >= timezone.localdate():
        raise ReleaseRefused(_("Der Zeitraum ist noch nicht abgeschlossen."))
    overlapping = Release.objects.released().filter(year=year)
    overlapping = overlapping.exclude(quarter=0) if quarter == 0 else overlapping.filter(quarter=0)
    if overlapping.exists():
        raise ReleaseRefused(
            _(
                "Für dieses Jahr gibt es schon Berichte der anderen Art (Quartal oder Jahr). "
                "Beide zusammen ließen verdeckte Zahlen durch Differenzen erkennen."
            )
        )
    Release.objects.filter(year=year, quarter=quarter, released_at__isnull=True).delete()
    earlier = Release.objects.released().filter(year=year, quarter=quarter).first()
    before = protected_tables(earlier) if earlier else {}
    tables, names = period_tables(year, quarter)
    threshold = settings.TRANSPARENCY_MIN_CELL
    protected = {
        name: protect(table, threshold=threshold, earlier=before.get(name))
        for name, table in tables.items()
    }
    return Release.objects.create(
        year=year,
        quarter=quarter,
        version=(earlier.version + 1) if earlier else 1,
        threshold=threshold,
        counts={name: _encode(table) for name, table in tables.items()},
        hidden={name: sorted([list(cell) for cell in p.hidden]) for name, p in protected.items()},
        published={name: _published(p, names) for name, p in protected.items()},
        note=note.strip(),
        prepared_by=by,
    )


@transaction.atomic
def release_confirm(*, release: Release, by: Staff) -> Release:
    """The second coordinator releases the draft; from now on it is public
    and never changes."""
    release = Release.objects.select_for_update().get(pk=release.pk)
    if release.is_released:
        raise ReleaseRefused(_("Dieser Bericht ist bereits freigegeben."))
    if release.prepared_by_id == by.pk:
        raise ReleaseRefused(
            _("Vier-Augen-Prinzip: Eine zweite Person der Koordination gibt den Bericht frei.")
        )
    if (
        Release.objects.released()
        .filter(year=release.year, quarter=release.quarter, version__gte=release.version)
        .exists()
    ):
        raise ReleaseRefused(_("Inzwischen wurde eine neuere Version freigegeben."))
    release.released_by = by
    release.released_at = timezone.now()
    release.save(update_fields=["released_by", "released_at"])
    return release
