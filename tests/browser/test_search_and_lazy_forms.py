"""In Chromium: the case list's Jobcenter suggestions and the assignment form
that loads when its panel is opened."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import log_in
from tests.factories import CaseFactory, JobcenterFactory

pytestmark = pytest.mark.browser


def test_jobcenter_field_suggests_while_typing_and_filters(page, caseworker, team):
    cologne = JobcenterFactory(name="Jobcenter Köln", city="Köln")
    ours = CaseFactory(team=team, jobcenter=cologne, title="Recherche auf Facebook")
    other = CaseFactory(team=team, title="Nachbarn befragt")
    log_in(page, caseworker)
    page.goto("/faelle/")
    form = page.get_by_role("form", name="Fälle suchen und filtern")
    form.get_by_label("Jobcenter").press_sequentially("koln", delay=50)
    suggestion = page.locator('#jobcenter-suggestions option[value="Jobcenter Köln"]')
    suggestion.wait_for(state="attached")
    form.get_by_label("Jobcenter").fill("Jobcenter Köln")
    form.get_by_role("button", name="Anwenden").click()
    page.wait_for_url(re.compile(r"[?&]jobcenter=Jobcenter"))
    main = page.locator("main")
    assert main.get_by_role("link", name=ours.reference).is_visible()
    assert main.get_by_role("link", name=other.reference).count() == 0


def test_assignment_form_loads_when_its_panel_opens(page, caseworker, team):
    case = CaseFactory(team=team, assignees=[caseworker])
    log_in(page, caseworker)
    page.goto(f"/faelle/{case.reference}/")
    assert page.locator('select[name="assignees"]').count() == 0
    page.locator("summary", has_text="Zuständigkeit").click()
    select = page.locator('#form-assignment select[name="assignees"]')
    select.wait_for(state="visible")
    assert select.locator("option", has_text=caseworker.get_full_name()).count() == 1
