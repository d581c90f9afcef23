"""The workspace points of issue 15 in Chromium, on a desktop and on a phone."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import log_in
from tests.factories import CaseFactory, JobcenterFactory, PersonFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
VIEWPORTS = pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])


@pytest.fixture
def our_case(team, caseworker):
    return CaseFactory(
        team=team,
        person=PersonFactory(name="Erika Mustermann"),
        jobcenter=JobcenterFactory(name="Jobcenter Kiel", state="SH", kind="zkT"),
        reference="2026-0042",
        title="Fake-Profil auf Instagram",
        assignees=[caseworker],
    )


def open_nav(page, viewport) -> None:
    if viewport:
        page.get_by_role("button", name="Navigation umschalten").click()


# --- Point 4: understand the terms -----------------------------------------------------------


@VIEWPORTS
def test_decision_form_explains_the_terms_and_ticks_nothing_for_the_user(
    page, viewport, caseworker, our_case
):
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, caseworker)
    page.goto(f"/faelle/{our_case.reference}/")
    main = page.locator("main")
    main.get_by_text("Bescheid erfassen").click()
    form = main.locator("#form-decision form")
    notice = form.get_by_role("group", name=re.compile("Rechtsbehelfsbelehrung"))
    assert notice.get_by_label("noch nicht geprüft").is_checked()
    assert not notice.get_by_label("ja, beigefügt und richtig").is_checked()
    assert "§ 66 Abs. 2 SGG" in form.inner_text()
    assert "§ 84 Abs. 1 Satz 2 SGG" in form.inner_text()

    form.get_by_label("Art").select_option(label="Sanktion / Minderung")
    form.get_by_label("Datum des Bescheids").fill("2025-02-28")
    form.get_by_label("zur Post gegeben am").fill("2025-03-03")
    form.get_by_role("button", name="Speichern").click()
    main.get_by_text("Rechtsbehelfsbelehrung noch nicht geprüft").wait_for()

    open_nav(page, viewport)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Glossar"
    ).click()
    page.wait_for_url(re.compile(r"/glossar/$"))
    assert page.get_by_role("heading", name="Glossar").is_visible()
    page.get_by_role("link", name="Kenntnis von der Person des Täters").click()
    term = page.locator("#kenntnis-von-der-person-des-taeters")
    assert term.is_visible()
    assert page.locator("abbr", has_text="zkT").first.get_attribute("title") == (
        "zugelassener kommunaler Träger"
    )


# --- Point 7: readable records ---------------------------------------------------------------


@VIEWPORTS
def test_coordinator_reads_the_audit_log_in_german_and_follows_a_link_to_the_case(
    page, viewport, coordinator, our_case
):
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, coordinator)
    assert page.get_by_role("heading", name="Übersicht").is_visible()
    page.goto(f"/faelle/{our_case.reference}/")
    page.goto("/faelle/protokoll/")
    main = page.locator("main")
    table = main.locator("table")
    assert "gelesen" in table.inner_text()
    assert "access" not in table.inner_text()
    action = main.get_by_label("Aktion")
    assert action.locator("option").first.inner_text() == "alle"
    table.get_by_role("link", name=our_case.reference).first.click()
    page.wait_for_url(re.compile(rf"/faelle/{our_case.reference}/$"))
    assert page.get_by_role("heading", name=f"Fall {our_case.reference}").is_visible()
