"""Every URL of the project, walked: who may open what.

- Anonymous users reach only the explicit public allow-list; everything else
  sends them to the login page (or refuses with 403/405).
- A staff user without a second factor is sent to the TOTP set-up from
  everything but the set-up pages themselves.
- Every object URL of the case apps refuses a caseworker of another team
  (404/403) while the case's own team opens it.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from advocacy.tasks import beat_heartbeat
from tests.factories import CaseFactory, UserFactory
from tests.harness.object_urls import (
    CHECKED_NAMESPACES,
    NOT_OBJECT_BOUND,
    OBJECT_URLS,
    object_values,
)
from tests.harness.urlwalk import Route, routes

# Reachable without a staff login, and showing a real page: add a new public
# view here consciously, or the walk fails.
PUBLIC_PAGES = {
    "healthz",
    "readyz",  # dependency states for monitoring, no personal data
    "set_language",
    "account_login",
    "account_logout",
    "account_signup",  # shows that sign-up is closed
    "account_inactive",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_login_code",
    "account_email_verification_sent",
    "account_confirm_email",
    "mfa_authenticate",  # the second factor during login
    # The public intake: the report form, the receipt code, the privacy
    # notice, the status page (receipt code → session) and additions to it.
    "intake:form",
    "intake:done",
    "intake:privacy",
    "intake:status",
    "intake:status_add",
    "intake:help",  # what a Jobcenter may do online, what the group can do
    "intake:imprint",  # who is behind the public pages
    "intake:receipt_print",  # the receipt code the thank-you page posts, to print
    # Requests people write to their own Jobcenter: rendered in memory, nothing stored.
    "letters:self_service",
    # A caseworker's deadlines for a calendar program: the secret token in the
    # URL is the only key (an unknown one is 404, see below).
    "deadlines:calendar_feed",
    # The public transparency report: released figures only (a draft is 404),
    # its CSV and JSON, and the page on the method.
    "transparency:list",
    "transparency:method",
    "transparency:report",
    "transparency:csv",
    "transparency:json",
    # The admin's own login form is never shown: it sends to the staff login
    # (with TOTP), see tests/advocacy/test_auth.py.
    "admin:login",
}
# Under /konto/, passed by the middleware, but allauth itself asks for a login.
ACCOUNT_PAGES_NEEDING_LOGIN = {
    "account_reauthenticate",
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
}


@pytest.fixture
def walk_values(caseworker, team) -> dict[str, object]:
    case = CaseFactory(team=team, reference="2026-0042")
    beat_heartbeat()  # /readyz answers 503 (correctly) until beat has run once
    return {"reference": case.reference, "pk": case.pk}


def _is_login_redirect(response) -> bool:
    """To the staff login, or to the admin's login, which sends on to it."""
    return response.status_code == 302 and response["Location"].startswith(
        (reverse("account_login"), reverse("admin:login"))
    )


def test_the_set_of_public_views_is_exactly_the_allow_list(walk_values):
    open_to_anonymous = {
        route.label for route in routes() if route.is_public_by_middleware(walk_values)
    }
    allowed = PUBLIC_PAGES
    unexpected = open_to_anonymous - allowed
    assert not unexpected, f"public views not on the allow-list: {sorted(unexpected)}"
    missing = allowed - open_to_anonymous
    assert not missing, f"allow-listed views that are not public (any more?): {sorted(missing)}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_users_are_sent_to_login_from_every_non_public_url(client, walk_values, method):
    checked = 0
    for route in routes():
        if route.is_public_by_middleware(walk_values):
            continue
        url = route.url(walk_values)
        response = getattr(client, method)(url)
        assert _is_login_redirect(response) or response.status_code in (403, 405), (
            f"{method.upper()} {url} ({route.label}) answered {response.status_code} "
            "to an anonymous user"
        )
        checked += 1
    assert checked >= 50  # the admin alone has that many; the walk did run


def test_account_pages_that_need_a_login_send_anonymous_users_to_login(client, walk_values):
    for route in routes():
        if route.label in ACCOUNT_PAGES_NEEDING_LOGIN:
            response = client.get(route.url(walk_values))
            assert _is_login_redirect(response), (route.label, response.status_code)


def test_public_pages_answer_anonymous_users_without_error(client, walk_values):
    for route in routes():
        if route.label in PUBLIC_PAGES:
            response = client.get(route.url(walk_values))
            assert response.status_code < 500, (route.label, response.status_code)


def test_staff_without_second_factor_is_sent_to_totp_setup_from_everything_else(
    walk_values,
):
    newcomer = UserFactory(username="ohne-2fa", with_totp=False, groups=["coordinator"])
    client = Client()
    client.force_login(newcomer)
    setup = reverse("mfa_activate_totp")
    for route in routes():
        if route.is_open_during_mfa_setup(walk_values):
            continue
        url = route.url(walk_values)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302 and response["Location"] == setup, (
                f"{method.upper()} {url} ({route.label}) answered {response.status_code} "
                "to staff without a second factor"
            )


def test_every_page_renders_for_staff_with_two_factors(cw_client, coord_client, walk_values):
    """No page of the walk breaks (5xx) for a caseworker or a coordinator."""
    for route in routes():
        url = route.url(walk_values)
        for client in (cw_client, coord_client):
            response = client.get(url)
            assert response.status_code < 500, (route.label, url, response.status_code)


def _object_routes() -> list[Route]:
    return [
        route
        for route in routes()
        if route.namespace in CHECKED_NAMESPACES and route.params and route.name
    ]


def test_every_object_url_of_the_case_apps_has_an_idor_check():
    unlisted = [
        route.label
        for route in _object_routes()
        if route.name not in OBJECT_URLS and route.name not in NOT_OBJECT_BOUND
    ]
    assert not unlisted, (
        "URL patterns with arguments but no entry in tests/harness/object_urls.py "
        f"(OBJECT_URLS or NOT_OBJECT_BOUND): {unlisted}"
    )


def idor_walk(cw_client, other_client, caseworker, team) -> tuple[list[str], list[str]]:
    """Open every registered object URL as the case's caseworker and as one of
    another team; return (walked URL names, failures)."""
    walked: list[str] = []
    failures: list[str] = []
    for route in _object_routes():
        make = OBJECT_URLS.get(route.name or "")
        if make is None:
            continue
        case = CaseFactory(team=team, assignees=[caseworker])
        url = route.url(object_values(case, make(case)))
        walked.append(route.label)
        own = cw_client.get(url)
        if own.status_code == 404 or own.status_code >= 500:
            failures.append(
                f"GET {url} ({route.label}): the case's own caseworker got {own.status_code}; "
                "the registry entry makes the wrong object"
            )
            continue
        other = other_client.get(url)
        # A POST-only view may refuse GET with 405 before it looks at the object.
        allowed = (403, 404, 405) if own.status_code == 405 else (403, 404)
        if other.status_code not in allowed:
            failures.append(f"GET {url} ({route.label}) answered {other.status_code}")
        other = other_client.post(url)
        # 405 only if the view refuses POST to everyone, before it looks at the object.
        refused_to_all = other.status_code == 405 and cw_client.post(url).status_code == 405
        if other.status_code not in (403, 404) and not refused_to_all:
            failures.append(f"POST {url} ({route.label}) answered {other.status_code}")
    return walked, failures


def test_every_object_url_refuses_a_caseworker_of_another_team(
    cw_client, other_client, caseworker, team
):
    walked, failures = idor_walk(cw_client, other_client, caseworker, team)
    if not walked:
        pytest.skip("no object URLs in the case apps yet (not merged)")
    assert not failures, "another team's caseworker got through:\n" + "\n".join(failures)


def test_the_idor_walk_catches_a_view_that_forgets_the_team_check(
    settings, cw_client, other_client, caseworker, team
):
    """The walk itself can fail: on a sample URLconf with one view that
    checks visibility and one that does not, it reports exactly the second."""
    settings.ROOT_URLCONF = "tests.harness.sample_urls"
    walked, failures = idor_walk(cw_client, other_client, caseworker, team)
    assert sorted(walked) == ["cases:case_detail", "cases:case_edit"]
    assert failures and all("cases:case_edit" in failure for failure in failures)


def test_the_allow_list_check_catches_an_unexpected_public_view(settings, walk_values):
    settings.ROOT_URLCONF = "tests.harness.sample_urls"
    public = {route.label for route in routes() if route.is_public_by_middleware(walk_values)}
    assert "cases:careless_public" in public - PUBLIC_PAGES


def test_calendar_feed_answers_only_to_a_known_token(client, caseworker):
    from cases.deadlines.models import DeadlinePreference

    DeadlinePreference.objects.create(user=caseworker, calendar_token="k" * 43)
    known = client.get(reverse("deadlines:calendar_feed", args=["k" * 43]))
    assert known.status_code == 200 and known["Content-Type"].startswith("text/calendar")
    for token in ("k" * 42, "K" * 43, "beispiel-token", "None", "%00"):
        response = client.get(reverse("deadlines:calendar_feed", args=[token]))
        assert response.status_code == 404, token


def test_an_open_intake_report_is_the_whole_staffs_inbox_until_it_becomes_a_case(
    cw_client, other_client, caseworker, team
):
    """The rule the intake app implements: every caseworker sees a report
    nobody has converted; once it is a case of team A, team B no longer does."""
    from tests.intake.factories import IntakeSubmissionFactory

    submission = IntakeSubmissionFactory()
    url = reverse("intake:detail", args=[submission.pk])
    assert cw_client.get(url).status_code == 200
    assert other_client.get(url).status_code == 200
    assert url in other_client.get(reverse("intake:inbox")).content.decode()

    case = CaseFactory(team=team, assignees=[caseworker])
    submission.case, submission.status = case, "converted"
    submission.save()
    assert cw_client.get(url).status_code == 200
    assert other_client.get(url).status_code == 404
    inbox = reverse("intake:inbox")
    assert url in cw_client.get(inbox).content.decode()
    assert url not in other_client.get(inbox).content.decode()
