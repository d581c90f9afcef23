"""Account and cookie hardening: no long-lived trace of the public form, no
mail to whatever address someone types, no lockout of a staff member by
strangers."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_the_public_form_sets_no_persistent_csrf_cookie(client):
    response = client.get(reverse("intake:form"))
    cookie = response.cookies["csrftoken"]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""  # gone when the browser closes


def test_password_reset_mails_nobody_for_an_unknown_address(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(reverse("account_reset_password"), {"email": "fremd@example.org"})
    assert response.status_code == 302  # the same answer as for a known address
    assert mail.outbox == []


def test_password_reset_mails_a_known_staff_member(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    UserFactory(username="bekannt", email="bekannt@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "bekannt@example.org"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["bekannt@example.org"]]


def test_wrong_passwords_from_other_addresses_do_not_lock_out_the_owner(settings):
    UserFactory(username="opfer")
    for n in range(4):
        stranger = Client(REMOTE_ADDR=f"203.0.113.{n + 10}")
        for _ in range(settings.AXES_FAILURE_LIMIT + 1):
            stranger.post(reverse("account_login"), {"login": "opfer", "password": "falsch"})
    owner = Client(REMOTE_ADDR="198.51.100.3")
    response = owner.post(
        reverse("account_login"), {"login": "opfer", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
