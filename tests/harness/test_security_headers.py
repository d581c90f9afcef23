"""Security headers and cookies on the public pages and a staff page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse

from tests.browser.conftest import current_totp
from tests.factories import DEFAULT_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
ONE_YEAR = 31536000


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_strict_headers(response) -> None:
    policy = csp_directives(response)
    everything = " ".join(response.headers["Content-Security-Policy"].split())
    assert "'unsafe-inline'" not in everything
    assert "'unsafe-eval'" not in everything
    assert "'unsafe-hashes'" not in everything
    script_src = policy.get("script-src") or policy["default-src"]
    assert script_src, "script-src is empty"
    # Only the app's own files and nonces: no wildcard, no scheme sources.
    for source in script_src:
        assert source == "'self'" or source.startswith("'nonce-"), source
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["default-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def _public_form_urls() -> list:
    urls = [pytest.param("account_login", id="login")]
    urls.append(pytest.param("intake:form", id="intake-form"))
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", _public_form_urls())
def test_public_pages_send_strict_security_headers(client, url_name):
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        pytest.skip(f"{url_name} not merged yet")
    response = client.get(url)
    assert response.status_code == 200
    assert_strict_headers(response)


def test_staff_page_sends_strict_security_headers_and_is_not_cached(cw_client):
    response = cw_client.get(reverse("cases:dashboard"))
    assert response.status_code == 200
    assert_strict_headers(response)
    assert "no-store" in response["Cache-Control"]


def test_a_page_that_uses_a_nonce_gets_it_in_script_src(rf: RequestFactory):
    seen = {}

    def view(request):
        seen["nonce"] = str(request.csp_nonce)
        return HttpResponse("<script nonce='x'></script>")

    response = CSPMiddleware(view)(rf.get("/"))
    assert f"'nonce-{seen['nonce']}'" in csp_directives(response)["script-src"]


@pytest.fixture
def production_like(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = ONE_YEAR
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True
    return settings


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_in_production(production_like):
    response = Client().get(reverse("account_login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_https_answers_carry_hsts_with_subdomains(production_like):
    response = Client().get(reverse("account_login"), secure=True)
    hsts = response["Strict-Transport-Security"]
    assert f"max-age={ONE_YEAR}" in hsts
    assert "includeSubDomains" in hsts
    assert_strict_headers(response)


def _assert_cookie(cookie, *, httponly: bool) -> None:
    assert cookie["secure"], f"{cookie.key} is not Secure"
    assert cookie["samesite"] in ("Lax", "Strict"), f"{cookie.key} has no SameSite"
    if httponly:
        assert cookie["httponly"], f"{cookie.key} is not HttpOnly"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_httponly_and_samesite(production_like, caseworker):
    client = Client()
    form = client.get(reverse("account_login"), secure=True)
    _assert_cookie(form.cookies["csrftoken"], httponly=False)
    client.post(
        reverse("account_login"),
        {"login": caseworker.username, "password": DEFAULT_PASSWORD},
        secure=True,
    )
    done = client.post(
        reverse("mfa_authenticate"), {"code": current_totp(caseworker.totp_secret)}, secure=True
    )
    assert done.status_code == 302
    _assert_cookie(done.cookies["sessionid"], httponly=True)
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/"}, secure=True)
    _assert_cookie(switched.cookies["django_language"], httponly=True)


@pytest.mark.django_db
def test_csrf_cookie_is_httponly(production_like):
    form = Client().get(reverse("account_login"), secure=True)
    assert form.cookies["csrftoken"]["httponly"]


def test_deploy_check_passes_with_production_settings():
    """`manage.py check --deploy --fail-level WARNING` as `make check` runs it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "ADVOCACY_"))
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "deploy_check.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
