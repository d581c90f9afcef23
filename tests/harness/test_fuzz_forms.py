"""Hostile input against every form, public and staff: never a 5xx, nothing
half-saved. Field names come from the form on the page itself (a GET first),
so a form's new fields are fuzzed without touching this file."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.intake.forms import SUBMISSION_FIELDS
from cases.models import Case
from tests.browser.conftest import current_totp
from tests.factories import DEFAULT_PASSWORD, CaseFactory, UserFactory
from tests.harness.faults import plausible_submission
from tests.harness.fuzz import hostile_form_data, post_and_check, post_forms
from tests.harness.object_urls import OBJECT_URLS, a_decision, object_values
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
    who: str  # "anonymous", "reporter" (holds a receipt code), "staff" or "coordinator"
    fields: tuple[str, ...] = ()  # added to what the page's form shows
    # The object the URL names, if not the one OBJECT_URLS makes.
    make: Callable[[Case], models.Model] | None = None


def the_case_jobcenter(case: Case) -> models.Model:
    return case.jobcenter


def an_open_submission(case: Case) -> models.Model:
    """A report nobody has acted on: the inbox actions apply to it."""
    from tests.intake.factories import IntakeSubmissionFactory

    return IntakeSubmissionFactory(jobcenter=case.jobcenter)


def a_caseworker(case: Case) -> models.Model:
    return UserFactory(username=f"kollegin-{case.pk}", groups=["caseworker"])


CASE_PERSON = (
    "person_name",
    "person_email",
    "person_phone",
    "person_street",
    "person_postcode",
    "person_city",
    "person_customer_number",
)
INTAKE_FIELDS = (*SUBMISSION_FIELDS, "consent", "website", "started")
USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "role",
    "teams",
    "password",
)

APP_FORMS = [
    # public intake
    Target("intake:form", "anonymous", INTAKE_FIELDS),
    Target("intake:status", "anonymous", ("code",)),
    Target("intake:status_add", "reporter", ("text",)),
    Target(
        "letters:self_service",
        "anonymous",
        (
            "kind",
            "jobcenter",
            "name",
            "street",
            "postcode",
            "city",
            "customer_number",
            "procedure_pending",
            "follow_up",
            "sent_on",
        ),
    ),
    # inbox
    Target(
        "intake:convert",
        "staff",
        ("team", "jobcenter", "title", "decision_kind"),
        an_open_submission,
    ),
    Target("intake:attach", "staff", ("reference",), an_open_submission),
    Target("intake:ask", "staff", ("text",), an_open_submission),
    Target("intake:reject", "staff", ("reason",), an_open_submission),
    # cases
    Target(
        "cases:case_create",
        "staff",
        ("title", "jobcenter", "team", "existing_person", *CASE_PERSON),
    ),
    Target("cases:case_edit", "staff", ("title", "jobcenter", *CASE_PERSON)),
    Target("cases:note_add", "staff", ("note",)),
    Target("cases:outcome_add", "staff", ("kind", "decided_on")),
    Target("cases:transition", "staff", ("to_status", "note")),
    Target("cases:assignment", "staff", ("team", "assignees")),
    Target(
        "cases:incident_add",
        "staff",
        (
            "kind",
            "platform",
            "description",
            "occurred_on",
            "learned_of_act_on",
            "learned_of_offender_on",
            "staff_member",
            "was_asked_first",
            "was_informed_afterwards",
            "was_fraud_suspicion_stated",
        ),
    ),
    Target(
        "cases:decision_add",
        "staff",
        ("kind", "dated_on", "posted_on", "received_on", "reference", "summary"),
    ),
    Target(
        "cases:decision_edit",
        "staff",
        ("kind", "dated_on", "posted_on", "received_on", "reference", "summary"),
        a_decision,
    ),
    Target("cases:person_erase", "coordinator", ("reason", "confirm_reference")),
    Target("cases:case_bulk", "staff", ("cases", "action", "assignee", "to_status", "next")),
    Target("cases:saved_search_add", "staff", ("name", "query")),
    Target("cases:evidence_upload", "staff", ("file", "title", "incident")),
    Target("cases:jobcenter_create", "staff", ("name", "kind", "city", "state", "email")),
    Target(
        "cases:jobcenter_edit",
        "staff",
        ("name", "kind", "city", "state", "email"),
        the_case_jobcenter,
    ),
    Target(
        "cases:authority_add",
        "coordinator",
        ("kind", "name", "city", "state", "district_key", "existing", "superior", "checked_on"),
    ),
    # deadlines
    Target("deadlines:confirm", "staff"),
    Target("deadlines:done", "staff"),
    Target("deadlines:override", "staff", ("due_on", "reason")),
    Target("deadlines:cancel", "staff", ("reason",)),
    Target("deadlines:preferences", "staff", ("reminder_days", "wants_weekly_digest")),
    Target("deadlines:calendar_regenerate", "staff"),
    Target("deadlines:calendar_revoke", "staff"),
    # letters
    Target("letters:create", "staff", ("kind", "decision", "recipient", "power_matters")),
    Target("letters:edit", "staff", ("subject", "body", "recipient")),
    Target("letters:bundle", "staff"),
    Target("letters:finalize", "staff"),
    Target("letters:new_version", "staff"),
    Target("letters:mark_sent", "staff", ("channel", "sent_on", "tracking_number", "proof")),
    Target("letters:regenerate", "staff"),
    Target("letters:release", "staff"),
    Target("letters:powers", "staff", ("signed_on", "matters", "scope", "scan")),
    Target(
        "letters:organisation",
        "coordinator",
        ("name", "street", "postcode", "city", "phone", "fax", "email", "web"),
    ),
    Target("letters:text_blocks", "coordinator", ("title", "text")),
    # transparency report (coordinators only)
    Target("transparency:manage", "coordinator", ("year", "quarter", "note")),
    # accounts (coordinators only)
    Target("users:create", "coordinator", USER_FIELDS),
    Target("users:edit", "coordinator", USER_FIELDS, a_caseworker),
    Target("users:reset_mfa", "coordinator", (), a_caseworker),
]


def _url_for(target: Target, team, caseworker) -> str:
    route = route_named(target.url_name)
    assert route is not None, f"{target.url_name} is not a URL name (any more?)"
    if not route.params:
        return route.url()
    make = target.make or OBJECT_URLS.get(target.url_name)
    assert make, f"{target.url_name} takes arguments: add it to OBJECT_URLS"
    case = CaseFactory(team=team, assignees=[caseworker])
    return route.url(object_values(case, make(case)))


def _page_form(client: Client, url: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """Field names of the page's POST form for ``url`` and plausible values."""
    page = client.get(url)
    found: list[str] = []
    base: dict[str, str] = {}
    if page.status_code == 200 and "html" in page.get("Content-Type", ""):
        html = page.content.decode()
        for action, names in post_forms(html):
            if action in ("", url) or urlparse(action).path == url:
                found += [name for name in names if name not in found]
        base = plausible_submission(html)[0]
    return tuple(found), base


@pytest.fixture
def reporter_client(db) -> Client:
    """A person who has opened the status page of their report with its code."""
    from cases.intake import codes
    from tests.intake.factories import IntakeSubmissionFactory

    code = codes.code_new()
    IntakeSubmissionFactory(code=code)
    client = Client()
    response = client.post(reverse("intake:status"), {"code": code})
    assert response.status_code == 302, response.status_code
    return client


@pytest.fixture
def open_intake(settings):
    """No time trap and no rate limit: every example reaches the form's validation."""
    settings.INTAKE_MIN_FILL_SECONDS = 0
    settings.INTAKE_SUBMISSIONS_PER_ADDRESS = 10**6
    settings.INTAKE_CHALLENGE_ABOVE_PER_HOUR = 10**6
    settings.INTAKE_WRONG_CODES_PER_ADDRESS = 10**6
    settings.INTAKE_WRONG_CODES_PER_PREFIX = 10**6


@pytest.mark.django_db
@pytest.mark.parametrize("target", APP_FORMS, ids=lambda t: t.url_name)
def test_app_forms_survive_hostile_input(target, request, open_intake, team, caseworker):
    url = _url_for(target, team, caseworker)
    poster = request.getfixturevalue(
        {
            "anonymous": "client",
            "reporter": "reporter_client",
            "staff": "cw_client",
            "coordinator": "coord_client",
        }[target.who]
    )
    found, base = _page_form(poster, url)
    fields = found + tuple(name for name in target.fields if name not in found)
    base = {name: value for name, value in base.items() if name in fields}

    @FUZZ
    @given(data=hostile_form_data(fields, base=base))
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
    # Pages also shown with the objects the form targets make (open reports, users).
    FORM_OBJECTS = {"intake:detail": an_open_submission, "users:edit": a_caseworker}
    unfuzzed: dict[str, str] = {}
    for route in routes():
        if route.namespace not in (*CHECKED_NAMESPACES, "users") and route.name != "dashboard":
            continue
        if route.params:
            make = FORM_OBJECTS.get(route.name or "") or OBJECT_URLS.get(route.name or "")
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
