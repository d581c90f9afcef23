"""manage.py restore FOLDER: into a new database and an empty media folder."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advocacy.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = (
        "Stellt eine Sicherung von `backup` in die (neue, leere) Datenbank von "
        "DATABASE_URL und den Medienordner wieder her und prüft jede Datei per SHA-256."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--verify-only", action="store_true", help="nur die Sicherung prüfen")

    def handle(self, *args, folder: Path, verify_only: bool, **options) -> None:
        try:
            if verify_only:
                count = backup_verify(folder)
                self.stdout.write(f"{count} files match SHA256SUMS")
                return
            result = backup_restore(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored the database and {result['files']} files, all SHA-256 ok")
