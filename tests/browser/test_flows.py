"""The everyday flows, in Chromium: a caseworker from search to a finished
Widerspruch as PDF; an affected person reporting with and without JavaScript.

Each test skips only while a URL it needs does not exist (apps not merged).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests.browser.conftest import log_in
from tests.factories import CaseFactory, JobcenterFactory, PersonFactory

pytestmark = pytest.mark.browser

RECEIPT_CODE = re.compile(r"\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}")


def require(name: str, **kwargs) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        pytest.skip(f"{name} not merged yet")


@pytest.fixture
def our_case(team, caseworker):
    person = PersonFactory(name="Erika Mustermann")
    jobcenter = JobcenterFactory(name="Jobcenter Berlin Mitte", state="BE")
    CaseFactory(team=team, title="Anderer Fall")
    return CaseFactory(
        team=team,
        person=person,
        jobcenter=jobcenter,
        reference="2026-0042",
        title="Fake-Profil auf Instagram",
        assignees=[caseworker],
    )


def test_caseworker_finds_a_case_by_search(page, caseworker, our_case):
    list_url = require("cases:case_list")
    log_in(page, caseworker)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Fälle").click()
    assert page.url.endswith(list_url)
    search = page.get_by_role("searchbox").or_(page.get_by_label(re.compile("Suche", re.I)))
    search.first.fill("Mustermann")
    search.first.press("Enter")
    page.wait_for_load_state()
    results = page.get_by_role("link", name=re.compile(our_case.reference))
    assert results.count() >= 1
    assert page.get_by_text("Anderer Fall").count() == 0
    results.first.click()
    page.wait_for_url(re.compile(re.escape(our_case.reference)))
    assert page.get_by_role("heading", name=re.compile(our_case.reference)).first.is_visible()


def test_caseworker_records_a_decision_and_sees_the_deadline_with_its_explanation(
    page, caseworker, our_case
):
    case_url = require("cases:case_detail", reference=our_case.reference)
    require("deadlines:list")
    log_in(page, caseworker)
    page.goto(case_url)
    page.get_by_role("link", name=re.compile("Bescheid", re.I)).or_(
        page.get_by_role("button", name=re.compile("Bescheid", re.I))
    ).first.click()
    page.get_by_label(re.compile("^Art")).first.select_option(label="Sanktion / Minderung")
    page.get_by_label(re.compile("Datum des Bescheids")).fill("2025-02-28")
    page.get_by_label(re.compile("zur Post gegeben")).fill("2025-03-03")
    page.get_by_role("button", name=re.compile("Speichern|Erfassen|Hinzufügen", re.I)).click()
    page.wait_for_load_state()

    # Worked example: posted Mon 3 Mar 2025 → notified Fri 7 Mar → ends Mon 7 Apr 2025.
    assert page.get_by_text(re.compile("07.04.2025")).first.is_visible()
    page.get_by_role("link", name=re.compile("Widerspruch", re.I)).first.click()
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert "§ 37" in body or "§37" in body
    assert "§ 84" in body or "§84" in body
    assert "07.03.2025" in body and "07.04.2025" in body


def test_caseworker_creates_finalizes_and_downloads_a_widerspruch(page, caseworker, our_case):
    case_url = require("cases:case_detail", reference=our_case.reference)
    require("letters:list")
    log_in(page, caseworker)
    page.goto(case_url)
    chooser = page.get_by_role("combobox", name=re.compile("Brief|Art", re.I))
    if chooser.count():
        chooser.first.select_option(label="Widerspruch")
        page.get_by_role("button", name=re.compile("Entwurf|Erstellen|Anlegen", re.I)).click()
    else:
        page.get_by_role("link", name=re.compile("Widerspruch", re.I)).first.click()
    page.wait_for_load_state()

    body = page.get_by_label(re.compile("Text", re.I)).first
    body.fill(body.input_value() + "\n\nErgänzung: <b>kein HTML</b>")
    page.get_by_role("button", name=re.compile("Speichern", re.I)).click()
    page.wait_for_load_state()
    page.get_by_role("button", name=re.compile("endgültig|Finalisieren", re.I)).click()
    confirm = page.get_by_role("button", name=re.compile("Ja|Bestätigen", re.I))
    if confirm.count():
        confirm.first.click()
    page.wait_for_load_state()
    assert page.get_by_text(re.compile("endgültig", re.I)).first.is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("PDF", re.I)).first.click()
    download = download_info.value
    assert download.suggested_filename == f"{our_case.reference}_Widerspruch_v1.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def _fill_intake(page) -> None:
    page.get_by_label(re.compile("sozialen Netzwerken", re.I)).first.check()
    page.get_by_label(re.compile("Plattform", re.I)).first.select_option(label="Facebook")
    page.get_by_label(re.compile("Jobcenter", re.I)).first.fill("Jobcenter Berlin Mitte")
    page.get_by_label(re.compile("Was ist passiert|Beschreibung", re.I)).first.fill(
        "Die Sachbearbeiterin hat Fotos aus meinem Facebook-Profil ausgedruckt."
    )
    page.get_by_label(re.compile("Einwilligung|einverstanden|Datenschutz", re.I)).first.check()


def _submit_intake_and_read_status(page) -> None:
    JobcenterFactory(name="Jobcenter Berlin Mitte", state="BE")
    url = require("intake:form")
    status_url = require("intake:status")
    page.goto(url)
    _fill_intake(page)
    # Past the form's minimum fill time without waiting for it.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=True):
        page.get_by_role("button", name=re.compile("Absenden|Meldung senden", re.I)).click()
        page.wait_for_load_state()
    text = page.locator("main").inner_text()
    code = RECEIPT_CODE.search(text)
    assert code, f"no receipt code on the page:\n{text[:500]}"

    page.goto(status_url)
    page.get_by_label(re.compile("Code|Eingangscode|Belegnummer", re.I)).first.fill(code.group())
    page.get_by_role("button", name=re.compile("Status|Anzeigen|Öffnen", re.I)).click()
    page.wait_for_load_state()
    assert page.get_by_text(re.compile("eingegangen|erhalten", re.I)).first.is_visible()


def test_affected_person_reports_with_javascript_and_reads_the_status(page):
    _submit_intake_and_read_status(page)


def test_affected_person_reports_without_javascript_and_reads_the_status(page_without_js):
    _submit_intake_and_read_status(page_without_js)
