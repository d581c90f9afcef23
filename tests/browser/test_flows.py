"""The everyday flows, in Chromium: a caseworker from search to a finished
Widerspruch as PDF; an affected person reporting with and without JavaScript,
on a desktop and on a phone, and reading the status with the receipt code.

Clicks are scoped to ``main`` or to the form they belong to: the navigation
holds a logout button that a loose "submit" locator would find too.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from PIL import Image

from cases.deadlines.services import decision_record_with_deadlines
from cases.intake.models import IntakeSubmission
from letters.models import Letter
from tests.browser.conftest import log_in
from tests.browser.test_csp import csp_violations
from tests.factories import CaseFactory, JobcenterFactory, PersonFactory

pytestmark = pytest.mark.browser

RECEIPT_CODE = re.compile(r"^\d{4} \d{4} \d{4} \d{4}$")
PHONE = {"width": 375, "height": 740}


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


# --- Caseworker ---------------------------------------------------------------------------


def test_caseworker_opens_the_dashboard_and_finds_a_case_by_search(page, caseworker, our_case):
    log_in(page, caseworker)
    assert page.get_by_role("heading", name="Übersicht").is_visible()

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Fälle").click()
    page.wait_for_url(re.compile(r"/faelle/$"))
    main = page.locator("main")
    assert main.get_by_text("Anderer Fall").is_visible()

    search = main.get_by_role("form", name="Fälle suchen und filtern")
    search.get_by_label("Suche").fill("Mustermann")
    search.get_by_role("button", name="Anwenden").click()
    page.wait_for_url(re.compile(r"[?&]q=Mustermann"))

    assert main.get_by_text("Anderer Fall").count() == 0
    assert main.get_by_text("1 Fall", exact=True).is_visible()
    main.get_by_role("link", name=our_case.reference).click()
    page.wait_for_url(re.compile(rf"/faelle/{our_case.reference}/$"))
    assert page.get_by_role("heading", name=f"Fall {our_case.reference}").is_visible()
    assert main.get_by_text("Erika Mustermann").first.is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "without-javascript"])
def test_caseworker_records_a_decision_and_sees_the_deadline_with_its_explanation(
    request, javascript, transactional_db, caseworker, our_case
):
    # transactional_db first: the live server must see the case and the user.
    page = request.getfixturevalue("page" if javascript else "page_without_js")
    log_in(page, caseworker)
    page.goto(f"/faelle/{our_case.reference}/")
    main = page.locator("main")
    main.locator("summary", has_text="Bescheid erfassen").click()
    if not javascript:
        # htmx loads the form into the panel; without it the link opens its page.
        main.locator("#form-decision").get_by_role("link", name="Formular öffnen").click()
        page.wait_for_url(re.compile(rf"/faelle/{our_case.reference}/bescheid/$"))
    form = main.locator("#form-decision form")
    form.get_by_label("Art").select_option(label="Sanktion / Minderung")
    form.get_by_label("Datum des Bescheids").fill("2025-02-28")
    form.get_by_label("zur Post gegeben am").fill("2025-03-03")
    form.get_by_role("button", name="Speichern").click()

    # Worked example: posted Mon 3 Mar 2025 → notified Fri 7 Mar → ends Mon 7 Apr 2025.
    deadlines = main.get_by_role("region", name="Fristen")
    deadline_link = deadlines.get_by_role("link", name="Widerspruchsfrist")
    deadline_link.wait_for()
    assert "07.04.2025" in deadlines.inner_text()
    deadline_link.click()
    page.wait_for_url(re.compile(r"/fristen/\d+/$"))

    assert page.get_by_role("heading", name="Widerspruchsfrist").is_visible()
    assert "Montag, 07.04.2025" in main.inner_text()
    explanation = main.locator("ol.deadline-explanation").inner_text()
    assert "§ 37 Abs. 2" in explanation and "SGB X" in explanation
    assert "§ 84" in explanation and "SGG" in explanation
    assert "07.03.2025" in explanation and "07.04.2025" in explanation
    assert csp_violations(page) == []


def test_caseworker_creates_finalizes_and_downloads_a_widerspruch(page, caseworker, our_case):
    decision_record_with_deadlines(
        case=our_case,
        by=caseworker,
        kind="minderung",
        dated_on=dt.date(2025, 2, 28),
        posted_on=dt.date(2025, 3, 3),
    )
    log_in(page, caseworker)
    page.goto(f"/faelle/{our_case.reference}/")
    letters = page.locator("main").get_by_role("region", name="Briefe")
    new_letter = letters.locator("form").filter(has=page.get_by_label("Neuer Brief"))
    new_letter.get_by_label("Neuer Brief").select_option(label="Widerspruch")
    new_letter.get_by_role("button", name="Entwurf anlegen").click()
    page.wait_for_url(re.compile(r"/briefe/\d+/bearbeiten/$"))

    editor = page.locator("main form").first
    body = editor.get_by_label("Text")
    # the caseworker writes out what the draft leaves open ("[… ergänzen]")
    written = re.sub(r"\[[^\]]*\]", "Das habe ich selbst erlebt.", body.input_value())
    body.fill(written + "\n\nErgänzung: <b>kein HTML</b>")
    editor.get_by_role("button", name="Speichern", exact=True).click()
    page.wait_for_url(re.compile(r"/briefe/\d+/$"))
    main = page.locator("main")
    assert "<b>kein HTML</b>" in main.inner_text()  # shown as text, not markup

    page.once("dialog", lambda dialog: dialog.accept())  # "Brief endgültig machen?"
    main.get_by_role("button", name="Endgültig machen").click()
    page.get_by_text("Brief ist endgültig").wait_for()
    assert main.get_by_role("button", name="Endgültig machen").count() == 0

    with page.expect_download() as download_info:
        main.get_by_role("link", name="PDF herunterladen").click()
    download = download_info.value
    assert download.suggested_filename == f"{our_case.reference}_Widerspruch_v1.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    letter = Letter.objects.get(case=our_case)
    assert letter.status == Letter.Status.FINAL
    assert "kein HTML" in letter.body
    assert csp_violations(page) == []


# --- Affected person ----------------------------------------------------------------------


@pytest.fixture
def intake_open(settings):
    """The form accepts an immediate submit (the time trap has its own tests)."""
    settings.INTAKE_MIN_FILL_SECONDS = 0
    return JobcenterFactory(name="Jobcenter Berlin Mitte", city="Berlin", state="BE")


def a_screenshot_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def fill_intake(page) -> None:
    """What happened and the consent; the Jobcenter is up to each test."""
    form = page.locator("#intake-form")
    form.locator("#id_kind_0").check()
    form.locator("#id_description").fill(
        "Die Sachbearbeiterin hat Fotos aus meinem Facebook-Profil ausgedruckt."
    )
    form.locator("#id_consent").check()


def submit_and_read_code(page) -> str:
    page.locator("#intake-form #intake-submit").click()
    page.wait_for_url(re.compile(r"/meldung/danke/$"))
    code = page.locator("main #receipt-code").inner_text().strip()
    assert RECEIPT_CODE.match(code), code
    return code


def read_status(page, code: str) -> str:
    page.locator("main").get_by_role("link", name="Zum Stand Ihrer Meldung").click()
    page.wait_for_url(re.compile(r"/meldung/status/$"))
    form = page.locator("#status-code-form")
    form.locator("#id_code").fill(code)
    form.locator("#status-code-submit").click()
    status = page.locator("main #status-text")
    status.wait_for()
    return status.inner_text()


def test_affected_person_reports_with_javascript_attaches_a_file_and_reads_the_status(
    page, intake_open
):
    page.goto("/meldung/")
    fill_intake(page)
    # The script adds a search box that narrows the Jobcenter list.
    page.locator("#intake-form #jobcenter-search").fill("Mitte")
    page.locator("#intake-form #id_jobcenter").select_option(label="Jobcenter Berlin Mitte")
    page.locator("#intake-form #id_uploads").set_input_files(
        {"name": "bildschirmfoto.png", "mimeType": "image/png", "buffer": a_screenshot_png()}
    )
    code = submit_and_read_code(page)

    assert read_status(page, code) == "eingegangen"
    assert page.locator("main").get_by_text("Sie haben uns 1 Datei geschickt.").is_visible()
    submission = IntakeSubmission.objects.get()
    assert submission.jobcenter == intake_open
    assert submission.files.count() == 1
    assert csp_violations(page) == []


def test_affected_person_reports_without_javascript_and_reads_the_status(
    page_without_js, intake_open
):
    page = page_without_js
    page.goto("/meldung/")
    assert page.locator("#jobcenter-search").count() == 0  # no script ran
    fill_intake(page)
    page.locator("#intake-form #id_jobcenter").select_option(label="Jobcenter Berlin Mitte")
    code = submit_and_read_code(page)

    assert read_status(page, code) == "eingegangen"
    assert IntakeSubmission.objects.get().jobcenter == intake_open


def test_a_validation_error_keeps_what_was_typed_without_javascript(page_without_js, intake_open):
    page = page_without_js
    page.goto("/meldung/")
    form = page.locator("#intake-form")
    form.locator("#id_kind_0").check()
    form.locator("#id_description").fill("Mein Profil wurde ausgeforscht.")
    form.locator("#id_consent").check()
    # The answer comes back on the same address: wait until it has loaded.
    with page.expect_navigation():
        form.locator("#intake-submit").click()  # no Jobcenter given

    assert page.locator("#field-jobcenter .invalid-feedback").is_visible()
    assert form.locator("#id_description").input_value() == "Mein Profil wurde ausgeforscht."
    assert form.locator("#id_kind_0").is_checked()
    form.locator("#id_jobcenter_text").fill("Jobcenter Irgendwo")
    code = submit_and_read_code(page)
    assert read_status(page, code) == "eingegangen"


def test_the_form_works_on_a_phone_without_javascript(
    request, browser, live_server, transactional_db, intake_open
):
    from tests.browser.conftest import _screenshot_on_failure

    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=False,
        locale="de-DE",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto("/meldung/")
        fields = page.locator(
            "#intake-form :is(input, select, textarea, button):not([type=hidden]):not(.hp-field *)"
        )
        assert fields.count() >= 15
        for index in range(fields.count()):
            field = fields.nth(index)
            field.scroll_into_view_if_needed()
            box = field.bounding_box()
            name = field.get_attribute("id") or field.get_attribute("name")
            assert box is not None and field.is_visible(), name
            # Reachable without sideways scrolling: inside the 375 px wide screen.
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, (name, box)
        # No sideways scrolling at all (an evaluation of ours, not a page script).
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

        form = page.locator("#intake-form")
        form.locator("#id_kind_0").tap()
        form.locator("#id_description").fill("Auf dem Handy gemeldet.")
        form.locator("#id_jobcenter_text").fill("Jobcenter Berlin Mitte")
        form.locator("#id_consent").tap()
        form.locator("#intake-submit").tap()
        page.wait_for_url(re.compile(r"/meldung/danke/$"))
        assert RECEIPT_CODE.match(page.locator("#receipt-code").inner_text().strip())
        assert IntakeSubmission.objects.get().description == "Auf dem Handy gemeldet."
    finally:
        _screenshot_on_failure(request, page)
        context.close()


def test_the_report_arrives_in_the_staff_inbox(page, caseworker, intake_open):
    from tests.browser.test_csp import duplicate_ids

    page.goto("/meldung/")
    fill_intake(page)
    page.locator("#intake-form #id_jobcenter").select_option(label="Jobcenter Berlin Mitte")
    submit_and_read_code(page)

    log_in(page, caseworker)
    page.goto("/meldung/eingang/")
    submission = IntakeSubmission.objects.get()
    page.locator(f"main a[href='/meldung/eingang/{submission.pk}/']").first.click()
    page.wait_for_url(re.compile(rf"/meldung/eingang/{submission.pk}/$"))
    assert "Facebook-Profil ausgedruckt" in page.locator("main").inner_text()
    assert csp_violations(page) == []
    assert duplicate_ids(page) == []
