"""The workspace points of issue 15 in Chromium, on a desktop and on a phone."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, wait_until
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
        page.locator("#mainnav.show").wait_for()  # unfolded, no longer moving


# --- Point 4: understand the terms -----------------------------------------------------------


JOBCENTER_KINDS = {"gE": "gemeinsame Einrichtung", "zkT": "zugelassener kommunaler Träger"}


@VIEWPORTS
def test_decision_form_explains_the_terms_and_ticks_nothing_for_the_user(
    page, viewport, caseworker, our_case
):
    from io import StringIO

    from django.core.management import call_command

    from cases.models import Authority

    call_command("load_directory", stdout=StringIO())  # the authorities as shipped
    shipped = dict(
        Authority.objects.filter(short_name__in=["BlnBDI", "SDTB", "ULD"]).values_list(
            "short_name", "name"
        )
    )
    assert len(shipped) == 3, shipped
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, caseworker)
    page.goto(f"/faelle/{our_case.reference}/")
    main = page.locator("main")
    main.get_by_text("Vorfall erfassen").click()
    incident = main.locator("#form-incident form")
    offender = incident.get_by_label("Kenntnis von der Person des Täters")
    described_by = offender.get_attribute("aria-describedby") or ""
    help_text = " ".join(page.locator(f"#{i}").inner_text() for i in described_by.split())
    assert "§ 77b Abs. 2 StGB" in help_text  # read out with the field, not only shown

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
    # The abbreviations of the shipped directory and the Jobcenter kinds, in full.
    table = page.get_by_role("table").filter(has=page.locator("abbr"))
    for short, full in {**shipped, **JOBCENTER_KINDS}.items():
        row = table.locator("tr").filter(
            has=page.locator("abbr", has_text=re.compile(rf"^{short}$"))
        )
        assert row.count() == 1, short
        assert row.locator("abbr").get_attribute("title") == full, short
        assert full in row.inner_text(), short


# --- Point 7: readable records ---------------------------------------------------------------


@VIEWPORTS
def test_coordinator_reads_the_audit_log_in_german_and_follows_a_link_to_the_case(
    page, viewport, coordinator, caseworker, our_case
):
    from cases.models import Case
    from cases.services import case_transition
    from letters.models import Letter
    from letters.services import letter_draft_create

    case_transition(case=our_case, to_status=Case.Status.WAITING, by=caseworker)
    letter = letter_draft_create(case=our_case, kind=Letter.Kind.ACCESS_REQUEST, by=caseworker)
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, coordinator)
    assert page.get_by_role("heading", name="Übersicht").is_visible()
    page.goto(f"/faelle/{our_case.reference}/")
    page.goto("/faelle/protokoll/")
    main = page.locator("main")
    table = main.locator("table")
    text = table.inner_text()
    for german in ["gelesen", "geändert", "angelegt", "Status", "Eintrag im Verlauf"]:
        assert german in text, german
    for raw in ["access", "update", "create", "Ereignis:", "to_status"]:
        assert raw not in text, raw
    action = main.get_by_label("Aktion")
    assert action.locator("option").first.inner_text() == "alle"

    table.get_by_role("link", name=str(letter), exact=True).first.click()
    page.wait_for_url(re.compile(rf"/briefe/{letter.pk}/$"))
    page.go_back()
    table.get_by_role("link", name=our_case.reference).first.click()
    page.wait_for_url(re.compile(rf"/faelle/{our_case.reference}/$"))
    assert page.get_by_role("heading", name=f"Fall {our_case.reference}").is_visible()


@VIEWPORTS
def test_coordinator_reads_roles_statistics_letters_and_filters_in_words(
    page, viewport, coordinator, caseworker, our_case
):
    from letters.models import Letter
    from letters.services import letter_draft_create
    from tests.factories import IncidentFactory

    IncidentFactory(case=our_case)  # one case: a count the statistics must not show
    letter = letter_draft_create(case=our_case, kind=Letter.Kind.ACCESS_REQUEST, by=caseworker)
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, coordinator)
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    main = page.locator("main")

    def go(link: str) -> None:
        open_nav(page, viewport)
        target = navigation.get_by_role("link", name=link, exact=True)
        path = target.get_attribute("href")
        target.click()
        page.wait_for_url(lambda url: urlsplit(url).path == path)

    go("Konten")
    accounts = main.get_by_role("table").inner_text()
    assert "Koordination" in accounts and "Fallbearbeitung" in accounts
    assert "coordinator" not in accounts and "caseworker" not in accounts

    go("Statistik")
    assert "weniger als 5" in main.inner_text()
    assert "bei so wenigen Fällen könnte man sonst erkennen, wer betroffen ist" in (
        main.inner_text()
    )

    go("Briefe")
    main.get_by_role("link", name=re.compile(letter.get_kind_display())).first.click()
    page.wait_for_url(re.compile(rf"/briefe/{letter.pk}/$"))
    assert f"{letter.get_kind_display()}, Textfassung" in main.inner_text()
    assert letter.template_version not in main.inner_text()

    # Every list's filters offer "alle", never Django's dashes.
    for link in ["Fälle", "Eingang", "Fristen", "Briefe"]:
        go(link)
        filters = main.locator("form[method=get]").first
        selects = filters.locator("select")
        assert selects.count() > 0, link
        for index in range(selects.count()):
            first = selects.nth(index).locator("option").first
            assert first.text_content().strip() != "---------", link
        assert "---------" not in filters.inner_html(), link
        assert filters.locator("option", has_text=re.compile("^alle")).count() > 0, link


# --- Point 2: see the evidence ---------------------------------------------------------------


def _upload(name: str, data: bytes, kind: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.uploads import check_upload

    return check_upload(SimpleUploadedFile(name, data, kind))


def _loaded(page, image) -> None:
    image.scroll_into_view_if_needed()
    wait_until(page, "img => img.complete && img.naturalWidth > 0", image.element_handle())


def _thumbnails_open_into_large_previews(page, *, pdf: str, picture: str) -> None:
    """Both thumbnails are drawn small; each opens in the page into a large
    picture that fits the screen: the PDF's first page, the image itself."""
    from tests.browser.test_csp import csp_violations

    main = page.locator("main")
    for alt in [f"erste Seite von {pdf}", f"Vorschau von {picture}"]:
        thumbnail = main.get_by_role("img", name=alt, exact=True)
        _loaded(page, thumbnail)
        assert thumbnail.evaluate("img => Math.max(img.naturalWidth, img.naturalHeight)") == 160

    for small, large, longest in [
        (f"erste Seite von {pdf}", f"erste Seite von {pdf}, groß", 1200),
        (f"Vorschau von {picture}", f"{picture}, groß", 400),  # as large as it is, no larger
    ]:
        main.get_by_role("img", name=small, exact=True).click()
        shown = main.get_by_role("img", name=large, exact=True)
        shown.wait_for()
        _loaded(page, shown)
        assert shown.evaluate("i => Math.max(i.naturalWidth, i.naturalHeight)") == longest
        assert shown.bounding_box()["width"] <= page.viewport_size["width"]
    assert csp_violations(page) == []


@VIEWPORTS
def test_caseworker_sees_thumbnails_and_opens_a_large_preview_in_the_page(
    page, viewport, caseworker, our_case
):
    from cases.services import evidence_add
    from tests.cases.files import pdf_with_red_block, png_two_halves

    for name, data, kind, title in [
        ("bescheid.pdf", pdf_with_red_block(), "application/pdf", "Bescheid vom März"),
        ("profil.png", png_two_halves(), "image/png", "Bildschirmfoto Profil"),
    ]:
        evidence_add(case=our_case, upload=_upload(name, data, kind), title=title)
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, caseworker)
    page.goto(f"/faelle/{our_case.reference}/")
    _thumbnails_open_into_large_previews(
        page, pdf="Bescheid vom März", picture="Bildschirmfoto Profil"
    )


@VIEWPORTS
def test_caseworker_sees_the_files_of_a_report_in_the_inbox_as_pictures(page, viewport, caseworker):
    from cases.intake.forms import CleanUpload
    from cases.intake.services import submission_create
    from cases.uploads import sanitize
    from tests.cases.files import pdf_with_red_block, png_two_halves

    uploads = [
        _upload("bescheid.pdf", pdf_with_red_block(), "application/pdf"),
        _upload("profil.png", png_two_halves(), "image/png"),
    ]
    submission_create(
        fields={"kind": "profile_research", "description": "Screenshots aus dem Termin."},
        uploads=[CleanUpload(u, sanitize(u.data, u.content_type)) for u in uploads],
    )
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, caseworker)
    open_nav(page, viewport)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Eingang"
    ).click()
    page.wait_for_url(re.compile(r"/eingang/$"))
    page.locator("#inbox-table tbody tr").first.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/eingang/\d+/$"))
    _thumbnails_open_into_large_previews(page, pdf="bescheid.pdf", picture="profil.png")


# --- Point 5: paper and bulk -----------------------------------------------------------------


@VIEWPORTS
def test_print_view_prints_timeline_deadlines_and_letters_without_the_navigation(
    page, viewport, caseworker, our_case
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
    if viewport:
        page.set_viewport_size(viewport)
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
    page, viewport, caseworker, coordinator, team
):
    from cases.models import Case

    colleague = coordinator

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

    # The same two cases get a second person.
    page.goto("/faelle/?status=triage")
    main.get_by_label(f"Fall {first.reference} auswählen").check()
    main.get_by_label(f"Fall {second.reference} auswählen").check()
    bulk.get_by_label("Aktion für die ausgewählten Fälle").select_option(
        label="Zuständige Person hinzufügen"
    )
    bulk.get_by_label("zuständig werden soll").select_option(label=colleague.get_full_name())
    bulk.get_by_role("button", name="Auf ausgewählte anwenden").click()
    page.get_by_text("Erledigt für 2 Fälle").wait_for()

    page.goto("/faelle/")
    main.get_by_role("link", name="Neue Fälle").click()
    page.wait_for_url(re.compile(r"status=new"))
    assert main.get_by_text("Keine Fälle passen zu Suche und Filtern.").is_visible()
    for case in (first, second):
        case.refresh_from_db()
        assert case.status == Case.Status.TRIAGE
        assert colleague in case.assignees.all()


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
    wait_until(page, "img => img.complete && img.naturalWidth > 0", first_page.element_handle())

    body = main.locator("form").get_by_label("Text")
    # The pages beside the text on a desktop; below it on a phone.
    text_box, page_box = body.bounding_box(), first_page.bounding_box()
    if viewport:
        assert page_box["y"] >= text_box["y"] + text_box["height"]
    else:
        assert page_box["x"] >= text_box["x"] + text_box["width"]
        assert page_box["y"] < text_box["y"] + text_box["height"]  # side by side
    # The generated text (with the answer date the letter must keep) stays;
    # the block goes in at the very start.
    original = body.input_value()
    body.evaluate("field => field.setSelectionRange(0, 0)")
    blocks = main.get_by_role("region", name="Textbausteine")
    blocks.get_by_text("Bitte um Akteneinsicht", exact=True).click()
    blocks.get_by_role("button", name="An der Schreibmarke einfügen").click()
    assert body.input_value() == (f"Ich bitte um Akteneinsicht zu {our_case.reference}." + original)

    # Saved with a fresh preview: still in the editor, the page drawn anew.
    before = first_page.screenshot()
    main.locator("form").get_by_role("button", name="Speichern und Vorschau aktualisieren").click()
    page.get_by_text("die Vorschau zeigt den neuen Stand").wait_for()
    assert urlsplit(page.url).path == f"/briefe/{letter.pk}/bearbeiten/"
    _loaded(page, first_page)
    assert first_page.screenshot() != before
    assert body.input_value().startswith("Ich bitte um Akteneinsicht zu")

    main.locator("form").get_by_role("button", name="Speichern", exact=True).click()
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


@VIEWPORTS
def test_coordinator_keeps_a_text_block_and_an_unknown_placeholder_is_refused(
    page, viewport, coordinator, our_case
):
    from letters.models import Letter
    from letters.services import letter_draft_create

    letter = letter_draft_create(case=our_case, kind=Letter.Kind.ACCESS_REQUEST, by=coordinator)
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, coordinator)
    open_nav(page, viewport)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Briefe"
    ).click()
    main = page.locator("main")
    main.get_by_role("link", name="Textbausteine verwalten").click()
    page.wait_for_url(re.compile(r"/textbausteine/$"))
    form = main.locator("form").filter(has=page.get_by_label("Bezeichnung"))
    form.get_by_label("Bezeichnung").fill("Bezug")
    form.get_by_label("Text").fill("Mein Zeichen {Aktenzeichen}, Ihr Zeichen {Vorname}.")
    form.get_by_role("button", name="Speichern").click()

    # Refused with the names it knows; what was typed stays. The answer comes
    # back on the same address: wait for it rather than read the form page.
    expect(main).to_contain_text("Unbekannte Platzhalter: {Vorname}", use_inner_text=True)
    assert "{Aktenzeichen}" in main.inner_text()
    text = form.get_by_label("Text")
    assert text.input_value() == "Mein Zeichen {Aktenzeichen}, Ihr Zeichen {Vorname}."
    text.fill("Mein Zeichen {Aktenzeichen}, Ihr Bescheid vom {Bescheid vom}.")
    form.get_by_role("button", name="Speichern").click()
    page.get_by_text("Textbaustein „Bezug“ gespeichert.").wait_for()
    assert main.get_by_role("link", name="Bezug").is_visible()

    # In the editor: filled from the case, a missing value shown as a gap.
    page.goto(f"/briefe/{letter.pk}/bearbeiten/")
    blocks = main.get_by_role("region", name="Textbausteine")
    blocks.locator("summary", has_text="Bezug").click()
    assert "1 Angabe fehlt" in blocks.inner_text()
    assert (
        f"Mein Zeichen {our_case.reference}, Ihr Bescheid vom [Bescheid vom: fehlt]."
        in blocks.inner_text()
    )
