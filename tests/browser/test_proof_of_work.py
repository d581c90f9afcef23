"""Under a flood the report form asks for proof of work: the browser solves
the ALTCHA challenge by itself (static/js/proof-of-work.js, under the strict
CSP) and the reporter sends with one click."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from cases.intake.models import IntakeSubmission
from cases.intake.throttle import SubmitThrottle
from tests.browser.test_csp import csp_violations
from tests.browser.test_flows import fill_intake, intake_open, submit_and_read_code  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def under_load(settings, intake_open):  # noqa: F811
    settings.INTAKE_CHALLENGE_ABOVE_PER_HOUR = 1
    settings.INTAKE_CHALLENGE_BASE_NUMBER = 20_000
    cache.clear()
    SubmitThrottle().accepted()  # one report this hour: everybody is asked
    yield intake_open
    cache.clear()


def test_the_browser_solves_the_challenge_and_the_report_is_taken(page, under_load):
    page.goto("/meldung/")
    assert page.locator("#intake-form input[name=altcha][data-challenge]").count() == 1
    fill_intake(page)
    page.locator("#intake-form #id_jobcenter").select_option(label="Jobcenter Berlin Mitte")
    code = submit_and_read_code(page)

    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)
    assert IntakeSubmission.objects.count() == 1
    assert csp_violations(page) == []


def test_without_javascript_the_page_says_why_it_cannot_send_now(page_without_js, under_load):
    page = page_without_js
    page.goto("/meldung/")
    assert page.locator("#intake-form .proof-of-work noscript").count() == 1
    assert "Ohne JavaScript versuchen Sie es bitte später" in page.content()
