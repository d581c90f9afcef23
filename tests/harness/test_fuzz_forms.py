"""Hostile input against every form, public and staff: never a 5xx, nothing
half-saved. Field names come from the form on the page itself (a GET first),
so a form's new fields are fuzzed without touching this file."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.browser.conftest import current_totp
from tests.factories import DEFAULT_PASSWORD, CaseFactory
from tests.harness.fuzz import hostile_form_data, post_and_check, post_forms
from tests.harness.object_urls import OBJECT_URLS, object_values
from tests.harness.urlwalk import route_named

FUZZ = settings(
    max_examples=30,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Target:
    url_name: str
    who: str  # "anonymous" or "staff"
    fields: tuple[str, ...] = ()  # added to what the page's form shows


# Forms of the apps being merged: the lead checks the names after the merge.
APP_FORMS = [
    Target("intake:form", "anonymous", ("kind", "description", "consent", "email")),
    Target("intake:status", "anonymous", ("code", "message")),
    Target("cases:case_create", "staff", ("title", "jobcenter", "team", "person_name")),
    Target("cases:case_edit", "staff", ("title",)),
    Target("cases:note_add", "staff", ("note",)),
    Target("cases:case_transition", "staff", ("to_status", "note")),
    Target("cases:case_assign", "staff", ("assignees",)),
    Target("cases:incident_add", "staff", ("kind", "description", "occurred_on")),
    Target("cases:decision_add", "staff", ("kind", "dated_on", "posted_on", "received_on")),
    Target("letters:create", "staff", ("kind",)),
    Target("letters:edit", "staff", ("subject", "body")),
    Target("letters:mark_sent", "staff", ("channel", "sent_on", "tracking_number")),
    Target("deadlines:override", "staff", ("due_on", "reason")),
    Target("deadlines:confirm", "staff", ()),
]


def _url_for(target: Target, team, caseworker) -> str:
    route = route_named(target.url_name)
    if route is None:
        pytest.skip(f"{target.url_name} not merged yet")
    if not route.params:
        return route.url()
    make = OBJECT_URLS.get(target.url_name)
    assert make, f"{target.url_name} takes arguments: add it to OBJECT_URLS"
    case = CaseFactory(team=team, assignees=[caseworker])
    return route.url(object_values(case, make(case)))


def _fields(client: Client, url: str, extra: tuple[str, ...]) -> tuple[str, ...]:
    page = client.get(url)
    found: list[str] = []
    if page.status_code == 200:
        for action, names in post_forms(page.content.decode()):
            if action in ("", url) or urlparse(action).path == url:
                found += [name for name in names if name not in found]
    return tuple(found) + tuple(name for name in extra if name not in found)


@pytest.mark.django_db
@pytest.mark.parametrize("target", APP_FORMS, ids=lambda t: t.url_name)
def test_app_forms_survive_hostile_input(target, client, cw_client, team, caseworker):
    url = _url_for(target, team, caseworker)
    poster = client if target.who == "anonymous" else cw_client
    fields = _fields(poster, url, target.fields)

    @FUZZ
    @given(data=hostile_form_data(fields))
    def check(data):
        post_and_check(poster, url, data)

    check()


@pytest.mark.django_db
@FUZZ
@given(data=hostile_form_data(("login", "password", "remember")))
def test_login_form_survives_hostile_input(data):
    cache.clear()  # past the rate limit every example would only see a 429
    post_and_check(Client(REMOTE_ADDR="198.51.100.9"), reverse("account_login"), data)


@pytest.fixture
def login_stage_client(caseworker) -> Client:
    """Past the password, asked for the TOTP code."""
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": caseworker.username, "password": DEFAULT_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    return client


@pytest.mark.django_db
@FUZZ
@given(data=hostile_form_data(("code",)))
def test_totp_form_survives_hostile_input(login_stage_client, caseworker, data):
    response = post_and_check(login_stage_client, reverse("mfa_authenticate"), data)
    assert response.status_code != 302 or data.get("code") == current_totp(caseworker.totp_secret)


@pytest.mark.django_db
@FUZZ
@given(data=hostile_form_data(("language", "next")))
def test_language_switch_survives_hostile_input_and_never_redirects_away(data):
    response = post_and_check(Client(), reverse("set_language"), data)
    if response.status_code in (301, 302):
        assert url_has_allowed_host_and_scheme(
            response["Location"], allowed_hosts={"testserver"}
        ), response["Location"]


@pytest.mark.django_db
@FUZZ
@given(
    body=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    content_type=st.sampled_from(
        ["application/json", "application/x-www-form-urlencoded", "text/plain", "application/xml"]
    ),
)
def test_login_survives_arbitrary_bodies(body, content_type):
    response = Client().generic("POST", reverse("account_login"), body, content_type)
    assert response.status_code < 500


BOUNDARY = "----Grenze1234"


def _multipart(*parts: bytes, boundary: str = BOUNDARY, end: bool = True) -> bytes:
    body = b"".join(b"--" + boundary.encode() + b"\r\n" + part + b"\r\n" for part in parts)
    return body + (b"--" + boundary.encode() + b"--\r\n" if end else b"")


def _field(name: str, value: bytes) -> bytes:
    return b'Content-Disposition: form-data; name="' + name.encode() + b'"\r\n\r\n' + value


MALFORMED_MULTIPART = {
    "empty boundary": ("multipart/form-data; boundary=", _multipart(_field("login", b"x"))),
    "no boundary": ("multipart/form-data", _multipart(_field("login", b"x"))),
    "boundary with invalid characters": (
        'multipart/form-data; boundary="\x00\x01"',
        _multipart(_field("login", b"x")),
    ),
    "body with another boundary": (
        "multipart/form-data; boundary=andere",
        _multipart(_field("login", b"x")),
    ),
    "truncated in a header": (
        f"multipart/form-data; boundary={BOUNDARY}",
        _multipart(_field("login", b"x"))[:30],
    ),
    "truncated in a value": (
        f"multipart/form-data; boundary={BOUNDARY}",
        _multipart(_field("password", b"y" * 5000), end=False)[:-100],
    ),
    "field bigger than the memory limit": (
        f"multipart/form-data; boundary={BOUNDARY}",
        _multipart(_field("login", b"z" * (3 * 1024 * 1024))),
    ),
    "too many fields": (
        f"multipart/form-data; boundary={BOUNDARY}",
        _multipart(*[_field(f"f{i}", b"1") for i in range(1200)]),
    ),
    "too many files": (
        f"multipart/form-data; boundary={BOUNDARY}",
        _multipart(
            *[
                b'Content-Disposition: form-data; name="f"; filename="a.png"\r\n'
                b"Content-Type: image/png\r\n\r\n\x89PNG"
                for _ in range(150)
            ]
        ),
    ),
    "garbage headers": (
        f"multipart/form-data; boundary={BOUNDARY}",
        _multipart(b"\xff\xfe\x00garbage\r\n\r\nvalue"),
    ),
    "urlencoded bigger than the memory limit": (
        "application/x-www-form-urlencoded",
        b"login=" + b"a" * (3 * 1024 * 1024),
    ),
    "urlencoded with too many fields": (
        "application/x-www-form-urlencoded",
        b"&".join(b"f%d=1" % i for i in range(1200)),
    ),
}


def _public_post_urls() -> list[str]:
    urls = [reverse("account_login")]
    with contextlib.suppress(NoReverseMatch):
        urls.append(reverse("intake:form"))
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("case", MALFORMED_MULTIPART, ids=str)
@pytest.mark.parametrize("enforce_csrf", [False, True], ids=["without-csrf-check", "csrf"])
def test_malformed_bodies_get_400_not_500(case, enforce_csrf):
    content_type, body = MALFORMED_MULTIPART[case]
    client = Client(enforce_csrf_checks=enforce_csrf)
    for url in _public_post_urls():
        response = client.generic("POST", url, body, content_type)
        assert response.status_code < 500, (url, response.status_code)
        # Unparseable or oversized bodies are refused outright (or by CSRF).
        assert response.status_code in (400, 403, 200), (url, response.status_code)


# Forms outside the case apps that pages show, fuzzed above or by allauth's own tests.
OTHER_FORMS = {"set_language", "account_logout", "account_login", "mfa_authenticate"}


@pytest.mark.django_db
def test_every_post_form_on_the_staff_pages_is_fuzzed(coord_client, team, caseworker):
    """A page of the case apps that shows a POST form must have its target in
    APP_FORMS, so no form escapes the fuzzing."""
    from django.urls import Resolver404, resolve

    from tests.harness.object_urls import CHECKED_NAMESPACES
    from tests.harness.urlwalk import routes

    fuzzed = {target.url_name for target in APP_FORMS} | OTHER_FORMS
    unfuzzed: dict[str, str] = {}
    for route in routes():
        if route.namespace not in CHECKED_NAMESPACES and route.name != "dashboard":
            continue
        if route.params:
            make = OBJECT_URLS.get(route.name or "")
            if make is None:
                continue  # test_access_walk insists on a registry entry
            case = CaseFactory(team=team, assignees=[caseworker])
            url = route.url(object_values(case, make(case)))
        else:
            url = route.url()
        page = coord_client.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        for action, _names in post_forms(page.content.decode()):
            target = urlparse(action).path or url
            try:
                match = resolve(target)
            except Resolver404:
                unfuzzed[target] = f"form on {url} posts to an unknown URL"
                continue
            if match.view_name not in fuzzed:
                unfuzzed[match.view_name] = f"form on {url}"
    assert not unfuzzed, f"add these to APP_FORMS in {__file__}: {unfuzzed}"


@pytest.mark.django_db
def test_the_fuzz_check_catches_a_half_save_and_a_crash(settings, cw_client, caseworker):
    """The properties can fail: on sample views that save a row before
    refusing the input, or crash on a non-number, the check reports them."""
    settings.ROOT_URLCONF = "tests.harness.sample_urls"
    with pytest.raises(AssertionError, match="still wrote rows"):
        post_and_check(cw_client, "/faelle/formular/halb/", {"name": "viel zu lang"})
    crashing = Client(raise_request_exception=False)
    crashing.force_login(caseworker)
    with pytest.raises(AssertionError, match="answered 500"):
        post_and_check(crashing, "/faelle/formular/absturz/", {"number": "\u202e1"})
