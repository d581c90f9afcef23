"""Nobody outside can close the public channels: a flood from many addresses
slows the attackers down, while a genuine reporter still sends a report and
reads its status."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from advocacy.network import address_bucket, client_address
from cases.intake import codes
from cases.intake.models import IntakeSubmission
from tests.intake.conftest import old_fill_token, solved_challenge
from tests.intake.factories import IntakeSubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flood_settings(settings):
    settings.INTAKE_SUBMISSIONS_PER_ADDRESS = 2
    settings.INTAKE_CHALLENGE_ABOVE_PER_HOUR = 6
    settings.INTAKE_WRONG_CODES_PER_ADDRESS = 4
    settings.INTAKE_WRONG_CODES_PER_PREFIX = 4
    settings.INTAKE_CHALLENGE_BASE_NUMBER = 2000
    return settings


def test_quiet_form_asks_for_no_proof_of_work_and_needs_no_javascript(client):
    page = client.get(reverse("intake:form")).content.decode()
    assert 'name="altcha"' not in page
    assert "proof-of-work.js" not in page


def test_a_flood_from_many_addresses_leaves_the_form_and_status_open(flood_settings, report_data):
    # One token fetched once and sent from 10 addresses: taken once.
    token = old_fill_token()
    replayed = [
        Client().post(
            reverse("intake:form"), dict(report_data, started=token), REMOTE_ADDR=f"10.1.0.{i}"
        )
        for i in range(10)
    ]
    assert [r.status_code for r in replayed].count(302) == 1
    # 12 addresses, three fresh forms each, nobody solving a challenge.
    statuses = [
        Client()
        .post(
            reverse("intake:form"),
            dict(report_data, started=old_fill_token(), description=f"Müll {i}-{n}"),
            REMOTE_ADDR=f"10.2.0.{i}",
        )
        .status_code
        for i in range(12)
        for n in range(3)
    ]
    junk_taken = IntakeSubmission.objects.count()
    assert junk_taken <= 7  # the quiet allowance, then everybody is asked for work
    assert statuses.count(429) == 36 - (junk_taken - 1)
    # 8 addresses typing 8 wrong receipt codes each.
    for i in range(8):
        guesser = Client()
        for n in range(8):
            guesser.post(
                reverse("intake:status"),
                {"code": f"{i:02d}{n:02d}999988887777"},
                REMOTE_ADDR=f"10.3.0.{i}",
            )

    # A genuine reporter opens the form: the page carries a challenge their
    # browser solves before sending.
    reporter = Client()
    form_page = reporter.get(reverse("intake:form"), REMOTE_ADDR="192.0.2.10")
    page = form_page.content.decode()
    assert 'name="altcha"' in page
    sent = reporter.post(
        reverse("intake:form"),
        dict(report_data, started=old_fill_token(), altcha=solved_challenge(page)),
        REMOTE_ADDR="192.0.2.10",
        follow=True,
    )
    assert sent.status_code == 200
    code = "".join(sent.context["code"].split())
    assert IntakeSubmission.objects.filter(description=report_data["description"]).exists()

    # ... and reads the status with the code, asked for nothing.
    status = Client().post(
        reverse("intake:status"), {"code": code}, REMOTE_ADDR="192.0.2.10", follow=True
    )
    assert status.status_code == 200
    assert 'id="status-text"' in status.content.decode()


def test_a_solved_challenge_is_accepted_once(flood_settings, report_data):
    flood_settings.INTAKE_WRONG_CODES_PER_ADDRESS = 1
    code = codes.code_new()
    IntakeSubmissionFactory(code=code)
    client = Client()
    client.post(reverse("intake:status"), {"code": "1" * 16}, REMOTE_ADDR="10.4.0.1")
    asked = client.post(reverse("intake:status"), {"code": "2" * 16}, REMOTE_ADDR="10.4.0.1")
    payload = solved_challenge(asked.content.decode())
    first = client.post(
        reverse("intake:status"), {"code": "3" * 16, "altcha": payload}, REMOTE_ADDR="10.4.0.1"
    )
    assert first.status_code == 400  # checked, and wrong
    replay = client.post(
        reverse("intake:status"), {"code": code, "altcha": payload}, REMOTE_ADDR="10.4.0.1"
    )
    assert replay.status_code == 429


def test_a_challenge_of_a_lower_level_does_not_pass_a_higher_one(flood_settings):
    flood_settings.INTAKE_WRONG_CODES_PER_ADDRESS = 1
    client = Client()
    client.post(reverse("intake:status"), {"code": "1" * 16}, REMOTE_ADDR="10.5.0.1")
    easy = client.post(reverse("intake:status"), {"code": "2" * 16}, REMOTE_ADDR="10.5.0.1")
    payload = solved_challenge(easy.content.decode())
    for _ in range(3):  # more wrong codes: the address's level rises
        client.post(
            reverse("intake:status"),
            {"code": "4" * 16, "altcha": solved_challenge(easy.content.decode())},
            REMOTE_ADDR="10.5.0.1",
        )
    late = client.post(
        reverse("intake:status"), {"code": "5" * 16, "altcha": payload}, REMOTE_ADDR="10.5.0.1"
    )
    assert late.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "peer", "expected"),
    [
        (0, "203.0.113.1", "10.0.0.1", "10.0.0.1"),  # no proxy: the header is anyone's
        (1, "203.0.113.1", "10.0.0.1", "203.0.113.1"),
        (1, "6.6.6.6, 203.0.113.1", "10.0.0.1", "203.0.113.1"),  # spoofed entry left of ours
        (2, "6.6.6.6, 203.0.113.1, 10.0.0.2", "10.0.0.1", "203.0.113.1"),
        (1, "", "10.0.0.1", "10.0.0.1"),
        (1, "not-an-address", "10.0.0.1", "unknown"),
    ],
)
def test_client_address_comes_from_the_trusted_proxies(
    settings, proxies, forwarded, peer, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=peer)
    assert client_address(request) == expected


def test_ipv6_addresses_are_limited_per_64_network():
    assert address_bucket("2001:db8:1:2:aaaa::1") == address_bucket("2001:db8:1:2:bbbb::9")
    assert address_bucket("2001:db8:1:2::1") != address_bucket("2001:db8:1:3::1")
    assert address_bucket("::ffff:192.0.2.1") == "192.0.2.1"


def test_additions_from_a_busy_address_ask_for_work_and_then_arrive(flood_settings):
    flood_settings.INTAKE_SUBMISSIONS_PER_ADDRESS = 1
    code = codes.code_new()
    submission = IntakeSubmissionFactory(code=code)
    person = Client()
    person.post(reverse("intake:status"), {"code": code}, REMOTE_ADDR="10.6.0.1")
    first = person.post(
        reverse("intake:status_add"), {"text": "Erste Ergänzung"}, REMOTE_ADDR="10.6.0.1"
    )
    assert first.status_code == 302
    asked = person.post(
        reverse("intake:status_add"), {"text": "Zweite Ergänzung"}, REMOTE_ADDR="10.6.0.1"
    )
    assert asked.status_code == 429
    page = asked.content.decode()
    assert "Zweite Ergänzung" in page  # nothing typed is lost
    solved = person.post(
        reverse("intake:status_add"),
        {"text": "Zweite Ergänzung", "altcha": solved_challenge(page)},
        REMOTE_ADDR="10.6.0.1",
    )
    assert solved.status_code == 302
    assert submission.messages.count() == 2


def test_load_alone_asks_a_genuine_reporter_for_little_work_and_a_flooding_address_for_more():
    from cases.intake.throttle import MAX_LEVEL, MAX_LOAD_LEVEL, _level_load, _level_over

    assert [_level_load(n, 30) for n in (0, 29, 30, 60, 120, 10_000)] == [0, 0, 1, 2, 2, 2]
    assert MAX_LOAD_LEVEL == 2
    assert [_level_over(n, 5) for n in (0, 4, 5, 6, 7, 50)] == [0, 0, 1, 2, 3, MAX_LEVEL]
