"""Writes about the group as representative: its profile and the Vollmachten."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from advocacy.auth import Staff
from advocacy.files import delete_files_on_error, remember_written
from cases.events import event_record
from cases.models import Case, CaseEvent, OrganisationProfile, PowerOfAttorney
from cases.uploads import CheckedUpload, sanitize


def organisation_profile() -> OrganisationProfile | None:
    return OrganisationProfile.objects.filter(pk=1).first()


def power_of_attorney_record(
    *,
    case: Case,
    by: Staff,
    signed_on: date,
    scan: CheckedUpload,
    scope: str = "",
    matters: Iterable[str] = (),
) -> PowerOfAttorney:
    """Keep a signed Vollmacht of the case's person, like evidence: the scan
    byte for byte with its SHA-256, and a copy without metadata and active
    content that staff open; recorded on the case's timeline."""
    clean = sanitize(scan.data, scan.content_type)
    with delete_files_on_error(), transaction.atomic():
        power = PowerOfAttorney(
            person=case.person,
            signed_on=signed_on,
            scan_sha256=scan.sha256,
            scan_removed=list(clean.removed),
            recorded_by=by,
            **{name: name in set(matters) for name in PowerOfAttorney.MATTERS},
        )
        if scope:
            power.scope = scope[:300]
        power.scan.save(f"{scan.sha256}.{scan.extension}", ContentFile(scan.data), save=False)
        remember_written(power.scan)
        power.scan_sanitized.save(
            f"{scan.sha256}-clean.{scan.extension}", ContentFile(clean.data), save=False
        )
        remember_written(power.scan_sanitized)
        power.save()
        event_record(
            case=case,
            kind=CaseEvent.Kind.LETTER,
            action="power_of_attorney",
            by=by,
            data={
                "power_of_attorney": power.pk,
                "signed_on": signed_on.isoformat(),
                "sha256": scan.sha256,
                "matters": [name for name in PowerOfAttorney.MATTERS if getattr(power, name)],
            },
        )
    return power


@transaction.atomic
def power_of_attorney_revoke(
    *, power: PowerOfAttorney, case: Case, by: Staff, revoked_on: date
) -> PowerOfAttorney:
    power = PowerOfAttorney.objects.select_for_update().get(pk=power.pk)
    if power.revoked_on is None:
        power.revoked_on = revoked_on
        power.save(update_fields=["revoked_on", "updated_at"])
        event_record(
            case=case,
            kind=CaseEvent.Kind.LETTER,
            action="power_of_attorney_revoked",
            by=by,
            data={
                "power_of_attorney": power.pk,
                "signed_on": power.signed_on.isoformat(),
                "revoked_on": revoked_on.isoformat(),
            },
        )
    return power
