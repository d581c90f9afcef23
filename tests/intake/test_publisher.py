"""Who is behind the public pages: the privacy notice (Art. 13 DSGVO) and the
Impressum (§ 5 DDG) read the organisation profile and say plainly what is not
filled in; the notice says what the rate-limit counters really keep."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from cases.intake.throttle import CodeThrottle, SubmitThrottle
from cases.models import Authority, OrganisationProfile
from tests.factories import AuthorityFactory
from tests.intake.conftest import MARKER_IP
from tests.intake.test_unlinkable import redis_dump

pytestmark = pytest.mark.django_db


@pytest.fixture
def berlin_dpa(db):
    return AuthorityFactory(
        kind=Authority.Kind.DATA_PROTECTION,
        name="Berliner Beauftragte für Datenschutz und Informationsfreiheit",
        street="Alt-Moabit 59-61",
        postcode="10555",
        city="Berlin",
        state="BE",
    )


def page(name: str) -> str:
    return Client().get(reverse(name)).content.decode()


def test_without_a_profile_the_privacy_notice_invents_nothing(db):
    text = page("intake:privacy")
    for missing in (
        "privacy-controller-missing",
        "privacy-dpo-missing",
        "privacy-authority-missing",
    ):
        assert f'id="{missing}"' in text, missing
    # Art. 13 Abs. 1 Buchst. b DSGVO: not "we have none" while nobody said so.
    assert "Wir haben keine Datenschutzbeauftragte" not in text
    assert "noch nicht eingetragen" in text


def test_the_privacy_notice_names_the_dpo_and_the_supervisory_authority(db, berlin_dpa):
    OrganisationProfile.objects.create(
        id=1,
        name="Erwerbslosen-Hilfe e. V.",
        street="Oranienstraße 1",
        postcode="10999",
        city="Berlin",
        email="kontakt@example.org",
        data_protection_officer="Dr. Jana Roth\ndatenschutz@example.org",
        supervisory_authority=berlin_dpa,
    )
    text = page("intake:privacy")
    assert "Dr. Jana Roth<br>datenschutz@example.org" in text  # Art. 13 Abs. 1 Buchst. b
    # Art. 13 Abs. 2 Buchst. d with Art. 77 DSGVO
    assert "Berliner Beauftragte für Datenschutz und Informationsfreiheit, Alt-Moabit 59-61" in text
    assert "noch nicht eingetragen" not in text


def test_a_group_without_a_dpo_says_so_only_when_the_profile_says_so(db):
    OrganisationProfile.objects.create(id=1, name="Gruppe", has_no_data_protection_officer=True)
    text = page("intake:privacy")
    assert 'id="privacy-dpo-none"' in text
    assert "Wir haben keine Datenschutzbeauftragte und keinen Datenschutzbeauftragten" in text


def test_the_impressum_shows_its_text_and_names_what_is_missing(db):
    profile = OrganisationProfile.objects.create(id=1, name="Erwerbslosen-Hilfe e. V.")
    text = page("intake:imprint")
    # § 5 Abs. 1 Nr. 1, 2 DDG: address and e-mail; Nr. 1, 4: representatives, register
    assert 'id="imprint-address-missing"' in text
    assert 'id="imprint-email-missing"' in text
    assert 'id="imprint-text-missing"' in text

    profile.street, profile.postcode, profile.city = "Oranienstraße 1", "10999", "Berlin"
    profile.email = "kontakt@example.org"
    profile.imprint_text = "Vertreten durch den Vorstand: A. Beispiel\nVereinsregister VR 12345 B"
    profile.save()
    text = page("intake:imprint")
    assert "Oranienstraße 1" in text and "kontakt@example.org" in text
    assert "Vereinsregister VR 12345 B" in text
    assert "noch nicht eingetragen" not in text


def test_coordinators_keep_the_public_fields_and_a_contradiction_is_refused(
    coord_client, berlin_dpa
):
    data = {
        "name": "Erwerbslosen-Hilfe e. V.",
        "data_protection_officer": "Dr. Jana Roth",
        "has_no_data_protection_officer": "on",
        "supervisory_authority": str(berlin_dpa.pk),
        "imprint_text": "Vereinsregister VR 12345 B",
        "answer_days": "3",
    }
    refused = coord_client.post(reverse("letters:organisation"), data)
    assert refused.status_code == 400
    assert "Bitte entweder den Kontakt eintragen oder dies ankreuzen." in refused.content.decode()
    assert "Dr. Jana Roth" in refused.content.decode()  # nothing typed is lost

    del data["has_no_data_protection_officer"]
    saved = coord_client.post(reverse("letters:organisation"), data)
    assert saved.status_code == 302
    profile = OrganisationProfile.objects.get()
    assert profile.answer_days == 3 and profile.supervisory_authority == berlin_dpa
    assert "Vereinsregister VR 12345 B" in page("intake:imprint")

    too_long = coord_client.post(reverse("letters:organisation"), dict(data, answer_days="400"))
    assert too_long.status_code == 400


def test_the_notice_says_how_long_the_address_counters_live_and_it_is_true(client, report_data):
    """The privacy notice names the windows of cases/intake/throttle.py, and
    every counter in Redis expires within its window and holds no address."""
    if settings.REDIS_URL == "none://":
        pytest.skip("reads what Redis holds; the embedded setup keeps its counters in files")
    cache.clear()
    text = page("intake:privacy")
    assert "festen Abschnitt von 60 Minuten (für falsch eingegebene Codes: 15 Minuten)" in text
    assert "spätestens nach 60 Minuten" in text
    assert "nach einer Stunde verfällt" not in text

    client.post(reverse("intake:form"), report_data, REMOTE_ADDR=MARKER_IP)
    client.post(reverse("intake:status"), {"code": "1111 2222 3333 4444"}, REMOTE_ADDR=MARKER_IP)
    redis = cache._cache.get_client(write=False)  # type: ignore[attr-defined]
    counters = [key for key in redis.keys("*") if b"intake:rl:" in key]
    assert counters, "the requests were counted"
    longest = {"submit": SubmitThrottle().window, "code": CodeThrottle().window}
    for key in counters:
        ttl = redis.ttl(key)
        window = longest["code"] if b":code-" in key else longest["submit"]
        assert 0 < ttl <= window + 1, (key, ttl)
    assert not any(MARKER_IP in entry for entry in redis_dump())


def test_the_privacy_notice_covers_the_self_service_letters(db):
    text = page("intake:privacy")
    assert 'id="privacy-self-service"' in text
    assert "Wir speichern davon nichts" in text  # tests/letters/test_self_service.py checks it
    self_service = page("letters:self_service")
    assert reverse("intake:privacy") + "#privacy-address" in self_service
    assert reverse("intake:imprint") in self_service  # the publisher footer
