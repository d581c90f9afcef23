"""Pages of the group as representative."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import CaseEvent, OrganisationProfile, PowerOfAttorney
from tests.letters.test_services import PDF_PROOF


def test_only_coordinators_edit_the_organisation_profile(cw_client, coord_client, coordinator):
    url = reverse("letters:organisation")
    assert cw_client.get(url).status_code == 403
    response = coord_client.post(
        url,
        {
            "name": "Erwerbslosen-Forum Datenschutz e. V.",
            "city": "München",
            "signatories": [coordinator.pk],
        },
    )
    assert response.status_code == 302
    profile = OrganisationProfile.objects.get()
    assert profile.pk == 1 and profile.name == "Erwerbslosen-Forum Datenschutz e. V."
    assert list(profile.signatories.all()) == [coordinator]


def test_a_signed_vollmacht_is_kept_and_can_be_revoked(case, cw_client):
    url = reverse("letters:powers", args=[case.reference])
    response = cw_client.post(
        url,
        {"signed_on": "2026-03-01", "scan": SimpleUploadedFile("vollmacht.pdf", PDF_PROOF)},
    )
    assert response.status_code == 302
    power = PowerOfAttorney.objects.get(person=case.person)
    assert power.scan.read() == PDF_PROOF
    assert len(power.scan_sha256) == 64
    assert case.events.filter(kind=CaseEvent.Kind.LETTER, data__power_of_attorney=power.pk).exists()
    page = cw_client.get(url).content.decode()
    assert "gültig" in page
    cw_client.post(reverse("letters:power_revoke", args=[case.reference, power.pk]))
    power.refresh_from_db()
    assert power.revoked_on is not None
    assert not PowerOfAttorney.objects.valid_on(power.revoked_on).exists()


def test_a_vollmacht_without_a_readable_scan_is_refused_with_a_message(case, cw_client):
    response = cw_client.post(
        reverse("letters:powers", args=[case.reference]),
        {"signed_on": "2026-03-01", "scan": SimpleUploadedFile("x.pdf", b"not a pdf")},
    )
    assert response.status_code == 400
    assert not PowerOfAttorney.objects.exists()


def test_another_teams_vollmachten_are_not_found(other_case, cw_client):
    assert cw_client.get(reverse("letters:powers", args=[other_case.reference])).status_code == 404
