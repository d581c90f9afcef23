"""Back up and restore the database and the stored files as one consistent set.

A backup is a folder:

- ``database.dump``: ``pg_dump --format=custom`` of the whole database;
- ``files/…``: every file a row refers to (evidence, intake files, letter
  PDFs and proofs: any ``FileField`` of any model), under its stored name;
- ``SHA256SUMS``: one line per file, in the format of ``sha256sum -c``;
- ``backup.json``: when, which tables had how many rows, how many files.

Consistency: the dump and the list of files come from one database
snapshot (a REPEATABLE READ transaction whose snapshot ``pg_dump
--snapshot`` shares), so every row in the dump has its file in the backup.
Stored files are never changed in place (new content gets a new name);
if one is deleted between the snapshot and its copy (an erasure committed
in that moment), the backup fails with a message and is to be run again.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.utils import timezone

CHUNK = 1024 * 1024


class BackupError(RuntimeError):
    pass


def pg_program(name: str) -> str:
    """``pg_dump``/``pg_restore`` from PATH, else the newest server install."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        raise BackupError(f"{name} not found; install the PostgreSQL client (postgresql-client).")
    return candidates[-1]


def pg_environment() -> dict[str, str]:
    """libpq variables for the database Django is connected to (the password
    goes through the environment, never the command line)."""
    if connection.vendor != "postgresql":
        raise ImproperlyConfigured("backup and restore work on PostgreSQL (DATABASE_URL).")
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db["HOST"] or "localhost"),
            "PGPORT": str(db["PORT"] or 5432),
            "PGUSER": str(db["USER"] or ""),
            "PGDATABASE": str(db["NAME"]),
        }
    )
    if db["PASSWORD"]:
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_fields() -> Iterator[tuple[type[models.Model], str]]:
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field.name


def stored_names() -> set[str]:
    names: set[str] = set()
    for model, field in file_fields():
        names.update(
            model._default_manager.exclude(**{field: ""})
            .exclude(**{f"{field}__isnull": True})
            .values_list(field, flat=True)
        )
    return names


def _safe_relative(name: str) -> Path:
    path = Path(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"refusing a stored name outside the media folder: {name!r}")
    return path


def backup_create(target: Path) -> dict:
    """Write a backup into the empty or new folder ``target``."""
    pg_env = pg_environment()
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    media = Path(settings.MEDIA_ROOT)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        dump = subprocess.run(  # noqa: S603 (argument list from settings, no shell)
            [
                pg_program("pg_dump"),
                "--format=custom",
                f"--snapshot={snapshot}",
                "--no-owner",
                f"--file={target / 'database.dump'}",
            ],
            env=pg_env,
            capture_output=True,
            text=True,
            check=False,
        )
        if dump.returncode != 0:
            raise BackupError(f"pg_dump failed: {dump.stderr.strip()}")
        names = sorted(stored_names())
        counts = {
            model._meta.label: model._default_manager.count()
            for model in apps.get_models()
            if not model._meta.proxy
        }
        sums = []
        for name in names:
            relative = _safe_relative(name)
            source = media / relative
            if not source.is_file():
                raise BackupError(
                    f"{name} is referenced but missing in {media} (deleted just now? run again)"
                )
            copy = target / "files" / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
            sums.append(f"{sha256_of(copy)}  files/{relative.as_posix()}\n")
    (target / "SHA256SUMS").write_text("".join(sums))
    summary = {
        "created_at": timezone.now().isoformat(),
        "files": len(names),
        "rows": counts,
    }
    (target / "backup.json").write_text(json.dumps(summary, indent=2, sort_keys=True))
    return summary


def checksums(source: Path) -> dict[str, str]:
    """Relative name under files/ → SHA-256, from SHA256SUMS."""
    result = {}
    for line in (source / "SHA256SUMS").read_text().splitlines():
        digest, _sep, name = line.partition("  ")
        result[name.removeprefix("files/")] = digest
    return result


def backup_verify(source: Path) -> int:
    """Check every file of a backup against SHA256SUMS; return the count."""
    expected = checksums(source)
    for name, digest in expected.items():
        path = source / "files" / _safe_relative(name)
        if not path.is_file() or sha256_of(path) != digest:
            raise BackupError(f"{name}: missing or damaged in the backup")
    return len(expected)


def backup_restore(source: Path) -> dict:
    """Restore into the (new, empty) database of DATABASE_URL and MEDIA_ROOT."""
    pg_env = pg_environment()
    backup_verify(source)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        (tables,) = cursor.fetchone()
    if tables:
        raise BackupError("the target database is not empty; restore into a new database")
    connection.close()
    restore = subprocess.run(  # noqa: S603 (argument list from settings, no shell)
        [
            pg_program("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            f"--dbname={pg_env['PGDATABASE']}",
            str(source / "database.dump"),
        ],
        env=pg_env,
        capture_output=True,
        text=True,
        check=False,
    )
    if restore.returncode != 0:
        raise BackupError(f"pg_restore failed: {restore.stderr.strip()}")
    media = Path(settings.MEDIA_ROOT)
    expected = checksums(source)
    for name, digest in expected.items():
        relative = _safe_relative(name)
        target = media / relative
        if target.exists() and sha256_of(target) != digest:
            raise BackupError(f"{target} exists with other content; restore into an empty folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / "files" / relative, target)
        if sha256_of(target) != digest:
            raise BackupError(f"{target}: copy does not match its SHA-256")
    missing = [name for name in stored_names() if not (media / _safe_relative(name)).is_file()]
    if missing:
        raise BackupError(f"rows refer to files the backup does not hold: {missing[:5]}")
    return {"files": len(expected)}
