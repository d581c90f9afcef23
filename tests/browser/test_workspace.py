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


# --- Point 2: see the evidence ---------------------------------------------------------------


@VIEWPORTS
def test_caseworker_sees_thumbnails_and_opens_a_large_preview_in_the_page(
    page, viewport, caseworker, our_case
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.services import evidence_add
    from cases.uploads import check_upload
    from tests.browser.test_csp import csp_violations
    from tests.cases.files import pdf_with_red_block, png_two_halves

    for name, data, kind, title in [
        ("bescheid.pdf", pdf_with_red_block(), "application/pdf", "Bescheid vom März"),
        ("profil.png", png_two_halves(), "image/png", "Bildschirmfoto Profil"),
    ]:
        upload = SimpleUploadedFile(name, data, kind)
        evidence_add(case=our_case, upload=check_upload(upload), title=title)
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, caseworker)
    page.goto(f"/faelle/{our_case.reference}/")
    main = page.locator("main")
    for alt in ["erste Seite von Bescheid vom März", "Vorschau von Bildschirmfoto Profil"]:
        thumbnail = main.get_by_role("img", name=alt)
        thumbnail.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
        )
        assert thumbnail.evaluate("img => Math.max(img.naturalWidth, img.naturalHeight)") == 160

    main.get_by_role("img", name="erste Seite von Bescheid vom März").click()
    large = main.get_by_role("img", name="erste Seite von Bescheid vom März, groß")
    large.wait_for()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=large.element_handle()
    )
    assert large.evaluate("img => img.naturalHeight") == 1200
    assert large.bounding_box()["width"] <= page.viewport_size["width"]
    assert csp_violations(page) == []


# --- Point 5: paper and bulk -----------------------------------------------------------------


def test_print_view_prints_timeline_deadlines_and_letters_without_the_navigation(
    page, caseworker, our_case
):
    import datetime as dt
    import io

    import pdfplumber

    from cases.deadlines.services import decision_record_with_deadlines
    from letters.models import Letter
    from letters.services import letter_draft_create

    decision_record_with_deadlines(
        case=our_case,
        by=caseworker,
        kind="minderung",
        dated_on=dt.date(2025, 2, 28),
        posted_on=dt.date(2025, 3, 3),
    )
    letter_draft_create(case=our_case, kind=Letter.Kind.OBJECTION, by=caseworker)
    log_in(page, caseworker)
    page.goto(f"/faelle/{our_case.reference}/")
    page.locator("main").get_by_role("link", name="Druckansicht").click()
    page.wait_for_url(re.compile(r"/drucken/$"))

    pdf = page.pdf(format="A4")  # what Chromium prints (print media)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    assert f"Fall {our_case.reference}" in text
    assert "Widerspruchsfrist" in text and "07.04.2025" in text
    assert "§ 84 Abs. 1 Satz 1 SGG" in text  # the explanation, step by step
    assert "Widerspruch v1" in text
    assert "Bescheid erfasst" in text  # the timeline
    for screen_only in ["Abmelden", "Zurück zum Fall", "Übersicht", "Sprache"]:
        assert screen_only not in text, screen_only


@VIEWPORTS
def test_caseworker_changes_two_cases_at_once_and_saves_the_search(
    page, viewport, caseworker, team
):
    from cases.models import Case

    first = CaseFactory(team=team, status=Case.Status.NEW, title="Erster neuer Fall")
    second = CaseFactory(team=team, status=Case.Status.NEW, title="Zweiter neuer Fall")
    CaseFactory(team=team, status=Case.Status.OPEN, title="Offener Fall")
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, caseworker)
    page.goto("/faelle/?status=new")
    main = page.locator("main")

    main.get_by_label("Name der Suche").fill("Neue Fälle")
    main.get_by_role("button", name="Suche speichern").click()
    page.get_by_text("Suche „Neue Fälle“ gespeichert.").wait_for()

    main.get_by_label(f"Fall {first.reference} auswählen").check()
    main.get_by_label(f"Fall {second.reference} auswählen").check()
    bulk = main.get_by_role("form", name="Sammelaktion für ausgewählte Fälle")
    bulk.get_by_label("Aktion für die ausgewählten Fälle").select_option(label="Status ändern")
    bulk.get_by_label("neuer Status").select_option(label="Sichtung")
    bulk.get_by_role("button", name="Auf ausgewählte anwenden").click()
    page.get_by_text("Erledigt für 2 Fälle").wait_for()
    assert "status=new" in page.url  # back on the same search
    assert main.get_by_text("Noch keine Fälle").count() == 0

    page.goto("/faelle/")
    main.get_by_role("link", name="Neue Fälle").click()
    page.wait_for_url(re.compile(r"status=new"))
    assert main.get_by_text("Keine Fälle passen zu Suche und Filtern.").is_visible()
    for case in (first, second):
        case.refresh_from_db()
        assert case.status == Case.Status.TRIAGE


# --- Point 3: write faster -------------------------------------------------------------------


@VIEWPORTS
def test_caseworker_inserts_a_text_block_sees_the_pages_and_confirms_before_finalizing(
    page, viewport, caseworker, our_case
):
    from letters.models import Letter, TextBlock
    from letters.services import letter_draft_create

    TextBlock.objects.create(
        title="Bitte um Akteneinsicht", text="Ich bitte um Akteneinsicht zu {Aktenzeichen}."
    )
    # A letter in the person's own name needs their address and Kundennummer.
    person = our_case.person
    person.street, person.postcode, person.city = "Ringstraße 4", "10115", "Berlin"
    person.customer_number = "123D456789"
    person.save()
    letter = letter_draft_create(case=our_case, kind=Letter.Kind.ACCESS_REQUEST, by=caseworker)
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, caseworker)
    page.goto(f"/briefe/{letter.pk}/bearbeiten/")
    main = page.locator("main")
    first_page = main.get_by_role("img", name=re.compile(r"^Seite 1 von"))
    first_page.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=first_page.element_handle()
    )

    body = main.locator("form").get_by_label("Text")
    # The generated text (with the answer date the letter must keep) stays;
    # the block goes in at the very start.
    original = body.input_value()
    body.evaluate("field => field.setSelectionRange(0, 0)")
    blocks = main.get_by_role("region", name="Textbausteine")
    blocks.get_by_text("Bitte um Akteneinsicht", exact=True).click()
    blocks.get_by_role("button", name="An der Schreibmarke einfügen").click()
    assert body.input_value() == (f"Ich bitte um Akteneinsicht zu {our_case.reference}." + original)
    main.locator("form").get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(rf"/briefe/{letter.pk}/$"))

    # "Endgültig machen" asks first; saying no keeps the draft.
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    main.get_by_role("button", name="Endgültig machen").click()
    assert questions and "nicht mehr geändert" in questions[0]
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DRAFT
    page.once("dialog", lambda dialog: dialog.accept())
    main.get_by_role("button", name="Endgültig machen").click()
    page.get_by_text("Brief ist endgültig").wait_for()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.FINAL
    assert f"Akteneinsicht zu {our_case.reference}" in letter.body
