"""Headless Chromium (the system's, never a downloaded one) against a live server.

Playwright's sync API and pytest-django's ``live_server`` both run in the main
thread; Django's async-safety check would refuse database access there while
Playwright's event loop runs, so browser tests allow it, and only they: the
browser lives for this package's tests and the setting goes with it.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)

from tests.factories import DEFAULT_PASSWORD

TOTP_PERIOD = mfa_settings.TOTP_PERIOD
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_executable() -> str | None:
    return os.environ.get("PLAYWRIGHT_CHROMIUM_EXECUTABLE") or shutil.which("chromium")


def current_totp(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def fresh_totp(page, secret: str) -> str:
    """A code that stays valid until the server checks it: the server allows
    no neighbouring time step, so near a step's end wait for the next one."""
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < 3:
        page.wait_for_timeout((left + 0.2) * 1000)
    return current_totp(secret)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item so fixtures can see a failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(autouse=True)
def _allow_sync_db_in_browser_tests(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    executable = chromium_executable()
    if not executable:
        pytest.fail("Chromium not found: install it or set PLAYWRIGHT_CHROMIUM_EXECUTABLE")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _screenshot_on_failure(request, page) -> None:
    from playwright.sync_api import Error as PlaywrightError

    failed = any(
        getattr(getattr(request.node, f"rep_{when}", None), "failed", False)
        for when in ("setup", "call")
    )
    if not failed:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except PlaywrightError as error:  # a crashed page must not hide the test's own failure
        print(f"screenshot of {request.node.nodeid} failed: {error}")


def _page(request, browser, live_server, *, javascript: bool) -> Iterator[object]:
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=javascript,
        locale="de-DE",
        accept_downloads=True,
    )
    # Generous: rendering a letter with WeasyPrint on a busy two-core machine
    # can take seconds; a page that never comes still fails.
    context.set_default_timeout(30_000)
    # The same for the assertions that wait (``expect``, 5 s by default).
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    page = context.new_page()
    page.console_messages = []  # type: ignore[attr-defined]
    page.on("console", lambda message: page.console_messages.append(message))
    try:
        yield page
    finally:
        _screenshot_on_failure(request, page)
        context.close()


@pytest.fixture
def page(request, browser, live_server, transactional_db) -> Iterator[object]:
    """A fresh browser tab with JavaScript on; ``goto("/")`` is relative to the live server."""
    yield from _page(request, browser, live_server, javascript=True)


@pytest.fixture
def page_without_js(request, browser, live_server, transactional_db) -> Iterator[object]:
    """The same with JavaScript switched off, as some affected people browse."""
    yield from _page(request, browser, live_server, javascript=False)


def log_in(page, user, *, password: str = DEFAULT_PASSWORD) -> None:
    """Log in through the real forms: password, then the TOTP code."""
    page.goto("/konto/login/")
    page.get_by_label(re.compile("Anmeldename|Benutzername|Username", re.I)).fill(user.username)
    page.get_by_label(re.compile("Passwort|Password", re.I)).first.fill(password)
    page.locator("form").get_by_role("button", name=re.compile("Anmeld|Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/konto/2fa/authenticate/"))
    page.get_by_label(re.compile("Code|Authenticator", re.I)).fill(
        fresh_totp(page, user.totp_secret)
    )
    page.locator("main form").get_by_role("button", name=re.compile("Anmeld|Sign in", re.I)).click()
    # The dashboard itself: the 2FA page's own URL ends in "/" too.
    page.wait_for_url(lambda url: urlsplit(url).path == "/")


@pytest.fixture
def staff_page(page, caseworker):
    """A caseworker of ``team`` logged in with 2FA in the JavaScript browser."""
    log_in(page, caseworker)
    return page


def wait_until(page, expression: str, arg=None, *, timeout: float = 10.0) -> None:
    """Wait until ``expression`` (a JavaScript function or expression) is true
    in the page. Not ``page.wait_for_function``: it polls by evaluating the
    string inside the page, which the app's CSP (no 'unsafe-eval') refuses
    whenever the condition is not already true at the first look.
    ``page.evaluate`` runs through the browser's debugging protocol, which
    the CSP does not govern."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {expression}")
        page.wait_for_timeout(50)
