"""manage.py backup FOLDER: database and stored files, one consistent set."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advocacy.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Sichert Datenbank (pg_dump) und alle gespeicherten Dateien mit SHA-256-Liste "
        "aus einem Datenbank-Snapshot in einen neuen Ordner."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder: Path, **options) -> None:
        try:
            summary = backup_create(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written to {folder}: {summary['files']} files")
