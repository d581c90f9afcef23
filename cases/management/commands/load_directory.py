"""Load the shipped directory: BfDI, the 16 Land data-protection authorities,
some courts and prosecutors, and a sample of Jobcenters (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from cases.directory import directory_load


class Command(BaseCommand):
    help = "Lädt das mitgelieferte Behörden- und Jobcenter-Verzeichnis (cases/data/*.csv)."

    def handle(self, *args, **options) -> None:
        authorities, jobcenters = directory_load()
        for label, result in (("Behörden", authorities), ("Jobcenter", jobcenters)):
            for line, message in result.errors:
                self.stderr.write(f"{label}, Zeile {line}: {message}")
            self.stdout.write(
                f"{label}: {result.created} neu, {result.updated} aktualisiert, "
                f"{result.unchanged} unverändert."
            )
        if authorities.errors or jobcenters.errors:
            raise CommandError("Das mitgelieferte Verzeichnis enthält fehlerhafte Zeilen.")
