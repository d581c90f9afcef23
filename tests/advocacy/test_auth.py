"""Staff login: two factors are mandatory, repeated failures lock out."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory


def current_totp(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


@pytest.mark.django_db
def test_anonymous_user_is_sent_to_login_from_staff_pages(client):
    for url in ["/", "/faelle/", "/konten/", "/verwaltung/", "/verwaltung/login/"]:
        response = client.get(url, follow=True)
        assert response.redirect_chain, url
        assert response.redirect_chain[-1][0].startswith(reverse("account_login")), url


@pytest.mark.django_db
def test_the_admin_login_form_is_never_shown(client):
    """The admin's own login would skip the second factor: it sends to the
    staff login instead, also for a POST with a password."""
    response = client.get("/verwaltung/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.post("/verwaltung/login/", {"username": "x", "password": "y"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_page_and_health_check_are_public(client):
    assert client.get(reverse("account_login")).status_code == 200
    assert client.get("/healthz").content == b"ok"


@pytest.mark.django_db
def test_staff_without_second_factor_must_set_it_up_first(client):
    UserFactory(username="neu", with_totp=False)
    response = client.post(reverse("account_login"), {"login": "neu", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    dashboard = client.get("/")
    assert dashboard.status_code == 302
    assert dashboard["Location"] == reverse("mfa_activate_totp")
    # Right after the login the set-up opens without a second password prompt.
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    done = client.post(reverse("mfa_activate_totp"), {"code": current_totp(secret)})
    assert done.status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_login_with_password_alone_is_not_enough_when_totp_is_set_up(client):
    user = UserFactory(username="zwei")
    response = client.post(
        reverse("account_login"), {"login": "zwei", "password": DEFAULT_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/").status_code == 302  # still not logged in

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert client.get("/").status_code == 302

    right = client.post(reverse("mfa_authenticate"), {"code": current_totp(user.totp_secret)})
    assert right.status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_for_that_address(settings):
    UserFactory(username="opfer")
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        failed = client.post(reverse("account_login"), {"login": "opfer", "password": "falsch"})
        assert failed.status_code == 200
    locked = client.post(reverse("account_login"), {"login": "opfer", "password": "falsch"})
    assert locked.status_code == 429
    assert "vorübergehend gesperrt" in locked.content.decode()
    # Even the right password does not get in while the lock holds.
    client.post(reverse("account_login"), {"login": "opfer", "password": DEFAULT_PASSWORD})
    assert client.get("/").status_code == 302  # not logged in


@pytest.mark.django_db
def test_there_is_no_public_sign_up(client):
    response = client.post(
        reverse("account_signup"),
        {
            "username": "eindringling",
            "password1": "S3hr-geheim-123",
            "password2": "S3hr-geheim-123",
        },
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="eindringling").exists()


@pytest.mark.django_db
def test_logged_in_staff_with_totp_sees_navigation(cw_client):
    page = cw_client.get("/").content.decode()
    for label in ["Übersicht", "Fälle", "Eingang", "Fristen", "Briefe"]:
        assert label in page


@pytest.mark.django_db
def test_ui_is_german_even_for_an_english_browser_until_english_is_chosen(client):
    german = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="de">' in german.content.decode()
    assert "Anmeldung für Mitarbeitende" in german.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/konto/login/"})
    english = client.get(reverse("account_login"))
    assert '<html lang="en">' in english.content.decode()


@pytest.mark.django_db
def test_an_expired_form_token_gets_a_polite_page_not_a_bare_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert "Das Formular ist abgelaufen" in response.content.decode()


@pytest.mark.django_db
def test_changing_the_second_factor_long_after_login_asks_for_the_password_again(client):
    """The fresh login counts as confirmation only for a few minutes
    (ACCOUNT_REAUTHENTICATION_TIMEOUT); later, changes to the second factor
    ask for the password once more."""
    user = UserFactory(username="spaet")
    client.post(reverse("account_login"), {"login": user.username, "password": DEFAULT_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": current_totp(user.totp_secret)})
    assert client.get("/").status_code == 200
    fresh = client.get(reverse("mfa_generate_recovery_codes"))
    assert fresh.status_code == 200

    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(minutes=10)):
        later = client.get(reverse("mfa_generate_recovery_codes"))
    assert later.status_code == 302
    assert later["Location"].startswith(reverse("account_reauthenticate"))
