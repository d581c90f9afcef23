"""From report to case, and the reporter kept informed, in Chromium at phone
size, with and without JavaScript: the thank-you page with the code, its
printable page and the estimated Widerspruchsfrist; the e-mail that tells the
reporter there is a question; the status stages; and a report that becomes a
case with its Bescheid and deadline in at most five clicks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from cases.deadlines.estimate import objection_estimate
from cases.intake.models import IntakeSubmission
from cases.intake.notify import outbox_relay
from cases.intake.services import submission_create
from cases.models import OrganisationProfile
from tests.browser.conftest import _screenshot_on_failure, log_in
from tests.browser.test_csp import csp_violations
from tests.factories import JobcenterFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
RECEIPT_CODE = re.compile(r"^\d{4} \d{4} \d{4} \d{4}$")
GERMAN_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
GERMAN_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]


def long_date(day: dt.date) -> str:
    return f"{GERMAN_DAYS[day.weekday()]}, {day.day}. {GERMAN_MONTHS[day.month - 1]} {day.year}"


@pytest.fixture
def phone(request, browser, live_server, transactional_db):
    """Opens phone-sized tabs (own cookies each) with or without JavaScript."""
    contexts = []

    def open_tab(*, javascript: bool):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
            java_script_enabled=javascript,
            locale="de-DE",
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.console_messages = []  # type: ignore[attr-defined]
        page.on("console", lambda message: page.console_messages.append(message))
        contexts.append((context, page))
        return page

    yield open_tab
    for context, page in contexts:
        _screenshot_on_failure(request, page)
        context.close()


@pytest.fixture
def jobcenter(transactional_db, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 0
    return JobcenterFactory(name="Jobcenter Berlin Mitte", city="Berlin", state="BE")


def fits_the_phone(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "without-javascript"])
def test_reporter_on_a_phone_gets_code_print_page_estimate_and_a_mail_for_a_question(
    javascript, phone, jobcenter, caseworker, mailoutbox
):
    OrganisationProfile.objects.create(id=1, name="Erwerbslosen-Hilfe e. V.", answer_days=3)
    reporter = phone(javascript=javascript)
    dated_on = timezone.localdate() - dt.timedelta(days=5)
    reporter.goto("/meldung/")
    form = reporter.locator("#intake-form")
    form.locator("#id_kind_0").tap()
    form.locator("#id_description").fill("Fotos aus meinem Facebook-Profil lagen im Termin.")
    form.locator("#id_jobcenter").select_option(label="Jobcenter Berlin Mitte")
    form.locator("#id_has_decision_0").check()
    form.locator("#id_decision_dated_on").fill(dated_on.isoformat())
    form.locator("#id_contact_email").fill("erika@example.org")
    form.locator("#id_consent").tap()
    form.locator("#intake-submit").tap()
    reporter.wait_for_url(re.compile(r"/meldung/danke/$"))

    # The thank-you page: the code, what happens next, the estimate and its warning.
    main = reporter.locator("main")
    code = main.locator("#receipt-code").inner_text().strip()
    assert RECEIPT_CODE.match(code), code
    assert main.get_by_role("heading", name="Wie es weitergeht").is_visible()
    # The group's promise from the organisation profile, as a day.
    review_by = main.locator('#next-steps [data-step="review_by"]')
    assert long_date(timezone.localdate() + dt.timedelta(days=3)) in review_by.inner_text()
    assert "E-Mail-Adresse" in main.locator('#next-steps [data-step="contact"]').inner_text()
    estimate = main.locator("#estimate")
    assert estimate.is_visible()
    due_on = objection_estimate(dated_on, region="BE").due_on
    assert long_date(due_on) in estimate.inner_text()
    assert "Das ist nur eine Schätzung." in estimate.inner_text()
    # Copying needs the script; printing does not.
    assert main.locator("#copy-code").is_visible() == javascript
    assert fits_the_phone(reporter)
    with reporter.context.expect_page() as printed_info:
        main.locator("#print-code").tap()
    printed = printed_info.value
    printed.wait_for_load_state()
    assert printed.locator("#print-receipt-code").inner_text().strip() == code
    assert long_date(due_on) in printed.locator("#print-estimate").inner_text()
    assert printed.locator("#print-now").is_visible() == javascript
    printed.close()

    # Staff ask a question; the reporter gets a mail without its content.
    staff = phone(javascript=True)
    log_in(staff, caseworker)
    submission = IntakeSubmission.objects.get()
    staff.goto(f"/meldung/eingang/{submission.pk}/")
    ask = staff.locator("#form-ask")
    ask.locator("#id_text").fill("Haben Sie den Bescheid noch? Bitte laden Sie ihn hoch.")
    ask.get_by_role("button", name="Frage speichern").tap()
    staff.get_by_text("Rückfrage gespeichert").wait_for()
    outbox_relay()  # as the worker does
    to_reporter = [mail for mail in mailoutbox if mail.to == ["erika@example.org"]]
    assert len(to_reporter) == 1
    mail = to_reporter[0]
    assert "Bescheid noch" not in mail.body
    link = re.search(r"https?://\S+/meldung/status/", mail.body).group(0)

    # The reporter follows the link (on this server), reads the question and answers.
    reporter.goto("/meldung/status/")
    assert link.endswith("/meldung/status/")
    reporter.locator("#status-code-form #id_code").fill(code)
    reporter.locator("#status-code-form #status-code-submit").tap()
    reporter.locator("#status-stages").wait_for()
    stages = reporter.locator("#status-stages .status-stage strong").all_inner_texts()
    assert stages == ["eingegangen", "in Prüfung"]
    assert reporter.get_by_text("Haben Sie den Bescheid noch?").is_visible()
    assert reporter.locator('#next-steps [data-step="question"]').is_visible()
    reporter.locator("#status-add-form #id_text").fill("Ja, ich schicke ihn morgen.")
    reporter.locator("#status-add-form #status-add-submit").tap()
    reporter.get_by_text("Ihre Ergänzung ist bei uns angekommen").wait_for()
    assert fits_the_phone(reporter)

    # Staff see the answer flagged in the inbox.
    staff.goto("/meldung/eingang/")
    assert staff.locator("#inbox-table .inbox-new-answer").count() == 1
    if javascript:
        assert csp_violations(reporter) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "without-javascript"])
def test_a_report_becomes_a_case_with_bescheid_and_deadline_in_five_clicks_on_a_phone(
    javascript, phone, jobcenter, caseworker, team
):
    dated_on = timezone.localdate() - dt.timedelta(days=3)
    receipt = submission_create(
        fields={
            "kind": "profile_research",
            "description": "Fotos aus meinem Facebook-Profil lagen im Termin.",
            "jobcenter": jobcenter,
            "has_decision": "yes",
            "decision_dated_on": dated_on,
        },
        uploads=[],
    )
    staff = phone(javascript=javascript)
    log_in(staff, caseworker)
    clicks = 0

    def click(locator) -> None:
        nonlocal clicks
        clicks += 1
        locator.tap()

    main = staff.locator("main")
    # From the dashboard: the inbox badge, the report, then "create and open".
    click(main.locator("#intake-badge"))
    staff.wait_for_url(re.compile(r"/meldung/eingang/"))
    row = main.locator("#inbox-table tbody tr").first
    due_on = objection_estimate(dated_on, region="BE").due_on
    left = (due_on - timezone.localdate()).days
    assert f"noch {left} Tage" in row.inner_text()
    click(row.locator(f"a[href='/meldung/eingang/{receipt.submission.pk}/']"))
    form = main.locator("#form-convert")
    assert form.locator("#id_assignee option:checked").inner_text() == "ich selbst"
    click(form.get_by_role("button", name="Fall anlegen und öffnen"))
    staff.wait_for_url(re.compile(r"/faelle/\d{4}-\d{4,}/$"))

    assert clicks <= 5
    submission = IntakeSubmission.objects.get()
    case = submission.case
    assert staff.get_by_role("heading", name=f"Fall {case.reference}").is_visible()
    recorded = f"Bescheid erfasst: sonstiger Bescheid vom {dated_on:%d.%m.%Y}"
    assert main.get_by_text(recorded).first.is_visible()
    weekday = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")[due_on.weekday()]
    # The deadline panel names it with its weekday: "Widerspruchsfrist (§ 84 SGG) – Di 29.12.2026".
    deadline = main.get_by_text(
        re.compile(rf"Widerspruchsfrist \(§ 84 SGG\) – {weekday} {due_on:%d.%m.%Y}")
    )
    assert deadline.first.is_visible()
    assert list(case.assignees.all()) == [caseworker]
    assert case.deadlines.get(rule="objection").due_on == due_on

    # The reporter's status page now says a case was opened.
    reporter = phone(javascript=javascript)
    reporter.goto("/meldung/status/")
    reporter.locator("#status-code-form #id_code").fill(receipt.code)
    reporter.locator("#status-code-form #status-code-submit").tap()
    reporter.locator("#status-stages").wait_for()
    stages = reporter.locator("#status-stages .status-stage strong").all_inner_texts()
    assert stages == ["eingegangen", "in Prüfung", "Fall angelegt"]
    assert fits_the_phone(reporter)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "without-javascript"])
def test_help_page_and_publisher_footer_read_on_a_phone(javascript, phone, jobcenter):
    """From the form to the help page (what a Jobcenter may do online, what the
    group can do), the privacy notice and the Impressum, all on a phone."""
    page = phone(javascript=javascript)
    page.goto("/meldung/")
    page.locator("#publisher").get_by_role("link", name="Was darf das Jobcenter?").tap()
    page.wait_for_url(re.compile(r"/meldung/was-darf-das-jobcenter/$"))
    main = page.locator("main")
    assert main.get_by_role("heading", name="Was darf das Jobcenter im Internet?").is_visible()
    assert main.get_by_text("absoluten Ausnahmefällen", exact=False).first.is_visible()
    assert main.get_by_text("unter falschem Namen", exact=False).first.is_visible()
    assert fits_the_phone(page)
    page.locator("#publisher").get_by_role("link", name="Datenschutz").tap()
    page.wait_for_url(re.compile(r"/meldung/datenschutz/$"))
    assert main.locator("#privacy-complaint").is_visible()
    assert fits_the_phone(page)
    page.locator("#publisher").get_by_role("link", name="Impressum").tap()
    page.wait_for_url(re.compile(r"/meldung/impressum/$"))
    assert main.get_by_role("heading", name="Impressum").is_visible()
    assert fits_the_phone(page)
