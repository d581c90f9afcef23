"""A caseworker logs in with both factors in a real browser."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import current_totp, log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.browser

NAVIGATION = ["Dashboard", "Fälle", "Eingang", "Fristen", "Briefe"]


def test_caseworker_logs_in_with_totp_and_sees_dashboard_and_navigation(page, caseworker):
    page.goto("/")
    # Anonymous: sent to the login page, the dashboard as the next page.
    assert "/konto/login/" in page.url

    log_in(page, caseworker)

    assert page.get_by_role("heading", name="Dashboard").is_visible()
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    for label in NAVIGATION:
        assert navigation.get_by_role("link", name=label).count() == 1, label
    assert navigation.get_by_text(caseworker.username).is_visible()


def test_wrong_totp_code_keeps_the_caseworker_out(page, caseworker):
    page.goto("/konto/login/")
    page.get_by_label(re.compile("Anmeldename", re.I)).fill(caseworker.username)
    page.get_by_label(re.compile("Passwort", re.I)).first.fill(DEFAULT_PASSWORD)
    page.locator("form").get_by_role("button", name=re.compile("Anmeld", re.I)).click()
    page.wait_for_url(re.compile(r"/konto/2fa/authenticate/"))
    right = current_totp(caseworker.totp_secret)
    page.get_by_label(re.compile("Code", re.I)).fill("000000" if right != "000000" else "111111")
    page.get_by_role("button", name=re.compile("Anmeld", re.I)).click()

    assert "/konto/2fa/authenticate/" in page.url
    page.goto("/")
    # Still not logged in: the dashboard sends back to the login stages.
    assert re.search(r"/konto/(login|2fa/authenticate)/", page.url), page.url
    assert page.get_by_role("heading", name="Dashboard").count() == 0


def test_staff_without_second_factor_is_forced_to_totp_setup(page):
    newcomer = UserFactory(username="neu", with_totp=False)
    page.goto("/konto/login/")
    page.get_by_label(re.compile("Anmeldename", re.I)).fill(newcomer.username)
    page.get_by_label(re.compile("Passwort", re.I)).first.fill(DEFAULT_PASSWORD)
    page.locator("form").get_by_role("button", name=re.compile("Anmeld", re.I)).click()
    page.wait_for_load_state()

    for path in ["/", "/verwaltung/"]:
        page.goto(path)
        # Setting up TOTP first asks for the password once more.
        assert re.search(r"/konto/(2fa/totp/activate|reauthenticate)/", page.url), page.url
    assert page.get_by_label(re.compile("Passwort", re.I)).first.is_visible()
