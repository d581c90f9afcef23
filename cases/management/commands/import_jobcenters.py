"""Import Jobcenters from a CSV file with the columns of a complete list (``JOBCENTER_COLUMNS``)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.directory import (
    JOBCENTER_COLUMNS,
    REQUIRED_JOBCENTER_COLUMNS,
    jobcenters_import,
    read_csv,
)


class Command(BaseCommand):
    help = (
        "Importiert Jobcenter aus einer CSV-Datei mit den Spalten "
        + ", ".join(JOBCENTER_COLUMNS)
        + " (Pflicht: name, kind, Bundesland, city; Gericht und Staatsanwaltschaft mit ihrem "
        "Namen im Behördenverzeichnis). Fehlende Spalten lassen vorhandene Angaben unverändert. "
        "Fehlerhafte Zeilen werden mit Zeilennummer gemeldet, gültige übernommen."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("csv_path", type=Path)

    def handle(self, *args, csv_path: Path, **options) -> None:
        if not csv_path.is_file():
            raise CommandError(f"Datei nicht gefunden: {csv_path}")
        rows = read_csv(csv_path)
        missing = REQUIRED_JOBCENTER_COLUMNS - set(rows[0] if rows else {})
        if missing:
            raise CommandError(f"Es fehlen Spalten: {', '.join(sorted(missing))}")
        result = jobcenters_import(rows)
        for line, message in result.errors:
            self.stderr.write(f"Zeile {line}: {message}")
        self.stdout.write(
            f"{result.created} neu, {result.updated} aktualisiert, {result.unchanged} unverändert, "
            f"{len(result.errors)} fehlerhaft."
        )
