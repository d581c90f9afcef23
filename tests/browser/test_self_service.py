"""A person writes to their own Jobcenter in the browser: the request as a
PDF, the answer date with its calendar file, and the complaint afterwards;
on a phone, with and without JavaScript, inputs kept only in the browser."""

from __future__ import annotations

import datetime as dt

import pdfplumber
import pytest
from django.core.cache import cache
from icalendar import Calendar
from playwright.sync_api import expect

from cases.models import Authority, Jobcenter
from letters.views.self_service import letter_throttle
from tests.factories import AuthorityFactory, JobcenterFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def directory(transactional_db):
    JobcenterFactory(
        name="Jobcenter Köln",
        kind=Jobcenter.Kind.GE,
        state="NW",
        city="Köln",
        dpo_name="Behördlicher Datenschutzbeauftragter",
        dpo_address="Luxemburger Straße 121\n50939 Köln",
    )
    AuthorityFactory(
        kind=Authority.Kind.DATA_PROTECTION,
        name="Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
        city="Bonn",
        state="NW",
        is_federal=True,
    )


def _fill(form, *, kind="Auskunft über meine Daten"):
    form.get_by_label(kind).check()
    form.get_by_label("Ihr Jobcenter").select_option(label="Jobcenter Köln")
    form.get_by_label("Vor- und Nachname").fill("Nguyễn Thị Hoa")
    form.get_by_label("Straße und Hausnummer").fill("Ringstraße 4")
    form.locator("#id_postcode").fill("50667")
    form.locator("#id_city").fill("Köln")


def _pdf_text(download) -> str:
    with pdfplumber.open(download.path()) as document:
        return "\n".join(p.extract_text() or "" for p in document.pages)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_request_from_form_to_pdf_and_calendar_on_a_phone(
    request, browser, live_server, directory, javascript
):
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=javascript,
        locale="de-DE",
        accept_downloads=True,
        viewport=PHONE,
    )
    page = context.new_page()
    try:
        page.goto("/briefe/selbst/")
        form = page.locator("#self-service-form")
        _fill(form)
        form.get_by_role("button", name="Weiter").click()
        # The answer comes back on the same address: wait for it.
        expect(page.get_by_role("heading", name="Ihr Schreiben ist fertig")).to_be_visible()
        assert page.get_by_text("Antwort fällig bis").is_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        with page.expect_download() as info:
            page.get_by_role("button", name="Schreiben als PDF herunterladen").click()
        text = _pdf_text(info.value)
        assert "Nguyễn Thị Hoa" in text and "Jobcenter Köln" in text and "Art. 15" in text
        # to the data-protection officer the directory knows (routing rule JOBCENTER_DPO)
        assert "– Behördlicher Datenschutzbeauftragter –" in text
        with page.expect_download() as info:
            page.get_by_role("button", name="Antwortfrist in den Kalender (.ics)").click()
        with open(info.value.path(), "rb") as handle:
            event = Calendar.from_ical(handle.read()).walk("VEVENT")[0]
        assert event.decoded("dtstart") > dt.datetime.now(tz=dt.UTC).date()
    finally:
        context.close()


def test_with_javascript_the_inputs_are_kept_in_the_browser_only_when_asked(
    browser, live_server, directory
):
    context = browser.new_context(base_url=live_server.url, locale="de-DE", accept_downloads=True)
    page = context.new_page()
    try:
        page.goto("/briefe/selbst/")
        form = page.locator("#self-service-form")
        _fill(form)
        form.get_by_label("Meine Angaben nur in diesem Browser merken").check()
        # Let the sent form's answer arrive first: a goto while it is on its
        # way can be cut short by it.
        with page.expect_navigation():
            form.get_by_role("button", name="Weiter").click()
        page.goto("/briefe/selbst/")
        assert page.get_by_label("Vor- und Nachname").input_value() == "Nguyễn Thị Hoa"
        stored = page.evaluate("() => window.localStorage.getItem('fallakte-selbsthilfe')")
        assert "Ringstraße 4" in stored
        page.get_by_label("Meine Angaben nur in diesem Browser merken").uncheck()
        assert page.evaluate("() => window.localStorage.getItem('fallakte-selbsthilfe')") is None
    finally:
        context.close()


def test_after_the_date_the_complaint_goes_to_the_bfdi(page_without_js, directory):
    page = page_without_js
    page.goto("/briefe/selbst/")
    form = page.locator("#self-service-form")
    _fill(form)
    form.get_by_label("Haben Sie schon geschrieben").select_option(
        label="Beschwerde bei der Datenschutzaufsicht (Art. 77 DSGVO)"
    )
    form.get_by_label("Wann haben Sie Ihr erstes Schreiben abgeschickt?").fill("2025-01-06")
    form.get_by_role("button", name="Weiter").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Schreiben als PDF herunterladen").click()
    text = _pdf_text(info.value)
    assert "Bundesbeauftragte" in text and "Art. 77" in text and "06.01.2025" in text


def test_after_the_date_the_reminder_goes_to_the_jobcenter(page_without_js, directory):
    page = page_without_js
    page.goto("/briefe/selbst/")
    form = page.locator("#self-service-form")
    _fill(form)
    form.get_by_label("Haben Sie schon geschrieben").select_option(
        label="Erinnerung an das Jobcenter"
    )
    form.get_by_label("Wann haben Sie Ihr erstes Schreiben abgeschickt?").fill("2025-01-06")
    form.get_by_role("button", name="Weiter").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Schreiben als PDF herunterladen").click()
    text = _pdf_text(info.value)
    assert "Jobcenter Köln" in text and "06.01.2025" in text and "Erinnerung" in text


@pytest.fixture
def letters_under_load(settings, directory):
    """One letter this hour and a threshold of one: everybody is asked for work."""
    settings.SELF_SERVICE_CHALLENGE_ABOVE_PER_HOUR = 1
    settings.INTAKE_CHALLENGE_BASE_NUMBER = 20_000
    cache.clear()
    letter_throttle().accepted()
    yield
    cache.clear()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_under_load_the_browser_does_the_work_and_without_javascript_it_says_why(
    browser, live_server, letters_under_load, javascript
):
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=javascript,
        locale="de-DE",
        accept_downloads=True,
        viewport=PHONE,
    )
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    try:
        page.goto("/briefe/selbst/")
        form = page.locator("#self-service-form")
        _fill(form)
        form.get_by_role("button", name="Weiter").click()
        # The answer comes back on the same address: wait for its challenge
        # (count() reads the page at once, which may still be the form).
        expect(page.locator("input[name=altcha][data-challenge]")).to_have_count(1)
        # The script is deferred: a click before it runs sends no solution
        # and gets the page again with a fresh challenge (the person's
        # answers kept), which is not what this test is about.
        page.wait_for_load_state("load")
        if javascript:
            # The click waits for the solution and sends the PDF button's action.
            with page.expect_download() as info:
                page.get_by_role("button", name="Schreiben als PDF herunterladen").click()
            assert "Nguyễn Thị Hoa" in _pdf_text(info.value)
            assert not [text for text in console if "Content Security Policy" in text]
        else:
            assert "Ohne JavaScript versuchen Sie es bitte später" in page.content()
            page.get_by_role("button", name="Schreiben als PDF herunterladen").click()
            # Refused on the same address: wait for the answer's notice.
            expect(page.locator("#self-service-problem")).to_be_visible()
            assert page.get_by_role("heading", name="Ihr Schreiben ist fertig").is_visible()
    finally:
        context.close()
