"""Pages of the group as representative."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import io

import pikepdf
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import CaseEvent, OrganisationProfile, PowerOfAttorney
from letters.models import Letter
from tests.cases.files import pdf_with_javascript, pdf_with_red_block
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


def test_the_supervisory_authority_is_chosen_by_short_and_full_name(coord_client):
    from tests.factories import AuthorityFactory

    AuthorityFactory(
        kind="dsb",
        name="Die Sächsische Datenschutz- und Transparenzbeauftragte",
        short_name="SDTB",
    )
    page = coord_client.get(reverse("letters:organisation")).text
    assert ">SDTB – Die Sächsische Datenschutz- und Transparenzbeauftragte</option>" in page
    assert ">SDTB</option>" not in page


def test_a_signed_vollmacht_is_kept_and_can_be_revoked(case, cw_client):
    scan = pdf_with_red_block()
    url = reverse("letters:powers", args=[case.reference])
    response = cw_client.post(
        url,
        {
            "signed_on": "2026-03-01",
            "matters": ["covers_administrative"],
            "scan": SimpleUploadedFile("vollmacht.pdf", scan),
        },
    )
    assert response.status_code == 302
    power = PowerOfAttorney.objects.get(person=case.person)
    assert power.scan.read() == scan
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
        {
            "signed_on": "2026-03-01",
            "matters": ["covers_administrative"],
            "scan": SimpleUploadedFile("x.pdf", b"not a pdf"),
        },
    )
    assert response.status_code == 400
    assert not PowerOfAttorney.objects.exists()


def test_a_scan_without_pages_is_refused_with_a_message_and_keeps_nothing(case, cw_client):
    response = cw_client.post(
        reverse("letters:powers", args=[case.reference]),
        {
            "signed_on": "2026-03-01",
            "matters": ["covers_administrative"],
            "scan": SimpleUploadedFile("leer.pdf", PDF_PROOF),
        },
    )
    assert response.status_code == 400
    assert "beschädigt oder kann nicht gelesen werden" in response.content.decode()
    assert not PowerOfAttorney.objects.exists()


def test_another_teams_vollmachten_are_not_found(other_case, cw_client):
    assert cw_client.get(reverse("letters:powers", args=[other_case.reference])).status_code == 404


def test_staff_open_a_vollmacht_scan_without_its_javascript_and_the_original_stays_intact(
    case, cw_client
):
    """A scan is a file from outside like evidence: the copy staff open has no
    active content, the original is kept byte for byte and offered separately."""
    data = pdf_with_javascript()
    cw_client.post(
        reverse("letters:powers", args=[case.reference]),
        {
            "signed_on": "2026-03-01",
            "matters": ["covers_administrative"],
            "scan": SimpleUploadedFile("vollmacht.pdf", data),
        },
    )
    power = PowerOfAttorney.objects.get(person=case.person)
    page = cw_client.get(reverse("letters:powers", args=[case.reference])).content.decode()
    assert "bereinigte Kopie herunterladen" in page
    assert "Aus der Kopie entfernt" in page

    copy = cw_client.get(reverse("letters:power_scan", args=[case.reference, power.pk]))
    assert copy["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "bereinigt" in copy["Content-Disposition"]
    with pikepdf.open(io.BytesIO(b"".join(copy.streaming_content))) as pdf:
        assert "/OpenAction" not in pdf.Root

    original = cw_client.get(
        reverse("letters:power_scan_original", args=[case.reference, power.pk])
    )
    assert b"".join(original.streaming_content) == data
    assert power.scan_sha256 == hashlib.sha256(data).hexdigest()


def test_a_vollmacht_kept_before_sanitizing_gets_its_copy_from_the_migration(case):
    """The migration that adds the copy makes it for every scan already stored."""
    power = PowerOfAttorney(person=case.person, signed_on=dt.date(2026, 3, 1))
    power.scan.save("vollmacht.pdf", ContentFile(pdf_with_javascript()), save=False)
    power.save()
    assert not power.scan_sanitized

    migration = importlib.import_module("cases.migrations.0015_power_of_attorney_sanitized_scan")
    migration.copies_of_stored_scans(django_apps, None)

    power.refresh_from_db()
    with power.scan_sanitized.open("rb") as handle, pikepdf.open(handle) as pdf:
        assert "/OpenAction" not in pdf.Root
    assert power.removed_labels


def test_staff_tick_the_matters_the_signed_vollmacht_names(case, cw_client, organisation):
    url = reverse("letters:powers", args=[case.reference])
    page = cw_client.get(url).content.decode()
    # Offered as the form the person signs offers them (§ 73 Abs. 2 SGG, Art. 80 DSGVO).
    assert "Strafanzeigen und Strafanträge (§ 158 StPO)" in page
    assert "Verfahren vor dem Sozialgericht" not in page
    assert "Art. 80 Abs. 1 DSGVO" not in page
    response = cw_client.post(
        url,
        {
            "signed_on": "2026-03-01",
            "matters": ["covers_administrative", "covers_petitions"],
            "scan": SimpleUploadedFile("vollmacht.pdf", pdf_with_red_block()),
        },
    )
    assert response.status_code == 302
    power = PowerOfAttorney.objects.get(person=case.person)
    assert power.covers_administrative and power.covers_petitions
    assert not power.covers_criminal_complaints
    page = cw_client.get(url).content.decode()
    assert "Petitionen und Dienstaufsichtsbeschwerden" in page


def test_a_vollmacht_naming_no_matter_is_refused_with_a_message(case, cw_client):
    response = cw_client.post(
        reverse("letters:powers", args=[case.reference]),
        {
            "signed_on": "2026-03-01",
            "scan": SimpleUploadedFile("vollmacht.pdf", pdf_with_red_block()),
        },
    )
    assert response.status_code == 400
    assert "welche Angelegenheiten die unterschriebene Vollmacht nennt" in response.content.decode()
    assert not PowerOfAttorney.objects.exists()


def test_the_vollmacht_form_is_created_with_the_matters_ticked(case, cw_client, organisation):
    url = reverse("letters:create", args=[case.reference])
    form = {"kind": "vollmacht", "planned_channel": "post", "enclosures_shown": "1"}
    response = cw_client.post(url, {**form, "power_matters": []})
    assert response.status_code == 400
    assert "mindestens eine Angelegenheit" in response.content.decode()
    assert not Letter.objects.exists()
    cw_client.post(url, {**form, "power_matters": ["covers_petitions", "covers_administrative"]})
    letter = Letter.objects.get(kind="vollmacht")
    assert letter.options["matters"] == ["covers_administrative", "covers_petitions"]
    assert "Petitionsausschüsse" in letter.body
    assert "Strafanträgen" not in letter.body
