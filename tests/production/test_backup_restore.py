"""Backup and restore: `manage.py backup` on a database with cases,
evidence, a public report with files and a final letter; `manage.py restore`
into a new database and an empty media folder (as on a fresh machine) finds
every case, letter and file, each file's SHA-256 matching."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advocacy.backup import file_fields
from cases.intake.models import IntakeFile, IntakeSubmission
from cases.models import Case, Evidence, PowerOfAttorney
from cases.services import evidence_add
from cases.uploads import check_upload
from letters.models import Letter
from letters.representation import power_of_attorney_record
from letters.services import (
    letter_draft_create,
    letter_finalize,
    letter_mark_sent,
    letter_update,
)
from tests.factories import CaseFactory, DecisionFactory, PersonFactory
from tests.harness.samples import png_bytes
from tests.harness.test_fault_scenarios import RECEIPT_CODE, submit_intake
from tests.letters.conftest import directory, zkt_bavaria  # noqa: F401 (fixtures)
from tests.production.stack import ROOT, fresh_database


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def data(team, caseworker, zkt_bavaria, directory, settings):  # noqa: F811
    cases = []
    for number, size in ((1, (7, 5)), (2, (9, 4))):
        person = PersonFactory(
            name=f"Person {number}",
            street="Weg 1",
            postcode="83734",
            city="Hausham",
            customer_number=f"123D45678{number}",
        )
        case = CaseFactory(
            team=team, person=person, jobcenter=zkt_bavaria, reference=f"2026-010{number}"
        )
        DecisionFactory(case=case)
        upload = SimpleUploadedFile("foto.png", png_bytes(size), content_type="image/png")
        evidence_add(case=case, upload=check_upload(upload), title="Foto")
        cases.append(case)
    letter = letter_draft_create(case=cases[0], kind=Letter.Kind.OBJECTION, by=caseworker)
    # A Widerspruch becomes final only once its reasons are written.
    body = re.sub(r"\[[^\]]*ergänzen\]", "Der Bescheid ist rechtswidrig.", letter.body)
    letter = letter_update(letter=letter, by=caseworker, subject=letter.subject, body=body)
    letter = letter_finalize(letter=letter, by=caseworker)
    # A proof of dispatch and a signed Vollmacht: every kind of stored file.
    proof = SimpleUploadedFile("beleg.png", png_bytes((5, 3)), content_type="image/png")
    letter_mark_sent(
        letter=letter,
        by=caseworker,
        channel=Letter.Channel.FAX,
        sent_on=timezone.localdate(),
        proof=check_upload(proof),
    )
    scan = SimpleUploadedFile("vollmacht.png", png_bytes((6, 8)), content_type="image/png")
    power_of_attorney_record(
        case=cases[1], by=caseworker, signed_on=timezone.localdate(), scan=check_upload(scan)
    )
    # Earlier tests' reports from the same test address must not make this one
    # solve a proof-of-work challenge.
    settings.INTAKE_SUBMISSIONS_PER_ADDRESS = 100
    cache.clear()
    response, _seconds = submit_intake(Client(), reverse("intake:form"))
    assert RECEIPT_CODE.search(response.content.decode())
    return cases


# The column holding the SHA-256 of the file a row keeps byte for byte.
RECORDED_HASH = {
    (Evidence, "original"): "sha256",
    (IntakeFile, "original"): "sha256",
    (Letter, "pdf"): "pdf_sha256",
    (PowerOfAttorney, "scan"): "scan_sha256",
}


def files_of_rows(media: Path, cursor) -> dict[str, str]:
    """Every stored file name in the restored database (every FileField of
    every model) → SHA-256 of the restored file; where the row records the
    hash of its file, that must match too."""
    found = {}
    for model, field in file_fields():
        column = model._meta.get_field(field).column
        recorded = RECORDED_HASH.get((model, field))
        cursor.execute(
            f"SELECT {column}, {recorded or 'NULL'} FROM {model._meta.db_table} "
            f"WHERE {column} <> ''"
        )
        rows = cursor.fetchall()
        assert rows, f"the test data has no {model._meta.label}.{field}: add one"
        for name, digest in rows:
            path = media / name
            assert path.is_file(), f"{name} missing after restore"
            found[name] = sha(path)
            if recorded:
                assert found[name] == digest, name
    return found


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_new_database_with_every_file_intact(data, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backup works on PostgreSQL")
    media = Path(settings.MEDIA_ROOT)
    originals = {
        str(path.relative_to(media)): sha(path) for path in media.rglob("*") if path.is_file()
    }
    # Evidence, report files (original and clean copy each), the letter PDF,
    # its proof of dispatch, the Vollmacht scan and its clean copy.
    assert len(originals) == 2 * 2 + 2 * 2 + 1 + 1 + 2

    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    assert (folder / "database.dump").stat().st_size > 0
    call_command("restore", str(folder), "--verify-only")

    restored_media = tmp_path / "restored-media"
    db = settings.DATABASES["default"]
    server = f"postgres://{db['USER'] or 'postgres'}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    with fresh_database(server) as new_url:
        env = {
            **os.environ,
            "DATABASE_URL": new_url,
            "ADVOCACY_MEDIA_ROOT": str(restored_media),
        }
        done = subprocess.run(
            [sys.executable, "manage.py", "restore", str(folder)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "all SHA-256 ok" in done.stdout
        with psycopg.connect(new_url) as conn, conn.cursor() as cursor:
            cursor.execute(f"SELECT reference FROM {Case._meta.db_table} ORDER BY reference")
            assert [r for (r,) in cursor.fetchall()] == ["2026-0101", "2026-0102"]
            cursor.execute(f"SELECT count(*) FROM {Letter._meta.db_table} WHERE pdf <> ''")
            assert cursor.fetchone() == (1,)
            cursor.execute(f"SELECT count(*) FROM {PowerOfAttorney._meta.db_table}")
            assert cursor.fetchone() == (1,)
            cursor.execute(f"SELECT count(*) FROM {IntakeSubmission._meta.db_table}")
            assert cursor.fetchone() == (1,)
            restored = files_of_rows(restored_media, cursor)
        # Restoring twice into the same (now filled) database is refused.
        again = subprocess.run(
            [sys.executable, "manage.py", "restore", str(folder)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert again.returncode != 0 and "not empty" in again.stderr
    assert restored == originals


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_file_is_found_before_anything_is_restored(data, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backup works on PostgreSQL")
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    victim = next(path for path in (folder / "files").rglob("*") if path.is_file())
    victim.write_bytes(victim.read_bytes()[:-1] + b"!")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(folder), "--verify-only")


@pytest.mark.django_db(transaction=True)
def test_a_backup_with_a_file_missing_on_disk_fails_loudly(data, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backup works on PostgreSQL")
    Evidence.objects.first().original.storage.delete(Evidence.objects.first().original.name)
    with pytest.raises(CommandError, match="missing"):
        call_command("backup", str(tmp_path / "backup"))
