"""The pages run under the strict CSP without a single violation in Chromium.

An inline ``<script>``, a ``style="..."`` attribute or an ``on*=`` handler in a
template shows up as a "Refused to ..." console error here.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import CaseFactory
from tests.harness.object_urls import CHECKED_NAMESPACES, OBJECT_URLS, object_values
from tests.harness.urlwalk import routes

pytestmark = pytest.mark.browser


def csp_violations(page) -> list[str]:
    return [
        message.text
        for message in page.console_messages
        if "Content Security Policy" in message.text or message.text.startswith("Refused to")
    ]


def visit(page, url: str) -> bool:
    """Open ``url`` as a page; POST-only views (405), attachments and pictures
    (shown in ``<img>``, never as a page of ours) have none."""
    probe = page.request.get(url, max_redirects=0)
    if probe.status == 405 or "attachment" in probe.headers.get("content-disposition", ""):
        return False
    if probe.headers.get("content-type", "").startswith("image/"):
        return False
    response = page.goto(url)
    assert response is not None and response.status < 500, url
    page.wait_for_load_state("networkidle")
    return True


def test_the_violation_detector_sees_an_inline_script(staff_page):
    visit(staff_page, "/")
    staff_page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.pwned = 1'; document.body.appendChild(s); }"
    )
    staff_page.wait_for_timeout(200)
    assert staff_page.evaluate("() => window.pwned") is None
    assert csp_violations(staff_page)


def test_login_page_has_no_csp_violations(page):
    visit(page, reverse("account_login"))
    assert csp_violations(page) == []


def test_public_pages_have_no_csp_violations_and_no_duplicate_ids(page):
    problems = {}
    for name in ("intake:form", "intake:status", "intake:privacy", "intake:done"):
        url = reverse(name)
        page.console_messages.clear()
        visit(page, url)
        if found := csp_violations(page) + duplicate_ids(page):
            problems[url] = found
    assert problems == {}


def duplicate_ids(page) -> list[str]:
    """Two elements with one id: a label or aria reference hits the wrong one."""
    ids = page.locator("[id]").evaluate_all("(elements) => elements.map((e) => e.id)")
    return sorted({f"duplicate id {id_!r}" for id_ in ids if ids.count(id_) > 1})


def test_staff_pages_have_no_csp_violations_and_no_duplicate_ids(staff_page, caseworker, team):
    """The dashboard and every page of the apps: those without arguments, and
    the object pages of the IDOR registry, each on an object of the team."""
    urls = [reverse("cases:dashboard")]
    for route in routes():
        if route.namespace not in CHECKED_NAMESPACES or not route.name:
            continue
        if not route.params:
            urls.append(route.url())
        elif make := OBJECT_URLS.get(route.name):
            case = CaseFactory(team=team, assignees=[caseworker])
            urls.append(route.url(object_values(case, make(case))))
    found = {}
    for url in urls:
        staff_page.console_messages.clear()
        if not visit(staff_page, url):
            continue
        if problems := csp_violations(staff_page) + duplicate_ids(staff_page):
            found[url] = problems
    assert found == {}
