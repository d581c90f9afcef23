"""Make every stored sanitized copy again from its original.

Run after the sanitizer changed (the migrations that shipped the allow-list
PDF sanitizer did this once): copies made earlier may hold what the current
sanitizer removes.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cases.intake.models import IntakeFile
from cases.models import Evidence, PowerOfAttorney
from cases.uploads import sanitize_stored_again


class Command(BaseCommand):
    help = (
        "Make the sanitized copies of all evidence, report files and Vollmacht scans again "
        "from the originals."
    )

    def handle(self, *args, **options) -> None:
        evidence = sanitize_stored_again(Evidence.objects.order_by("pk").iterator())
        reports = sanitize_stored_again(IntakeFile.objects.order_by("pk").iterator())
        powers = sanitize_stored_again(
            PowerOfAttorney.objects.order_by("pk").iterator(),
            original="scan",
            sanitized="scan_sanitized",
            removed="scan_removed",
        )
        self.stdout.write(
            f"{evidence} evidence copies, {reports} report file copies and "
            f"{powers} Vollmacht scan copies replaced."
        )
