"""WCAG 2.1 AA in Chromium: axe-core over every page, on a desktop and on a phone,
plus what axe does not measure (borders of form controls, focus on the error
summary, filters that fold away on a phone).

axe-core comes from the ``axe-playwright-python`` package (its bundled
``axe.min.js``), injected by Playwright: nothing is loaded from the network
and the pages' Content-Security-Policy stays as it is.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from cases.deadlines.models import Deadline
from cases.models import Case
from tests.browser.conftest import log_in, wait_until
from tests.factories import CaseFactory, DecisionFactory, IncidentFactory, PersonFactory
from tests.harness.object_urls import OBJECT_URLS, object_values
from tests.harness.urlwalk import routes

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
VIEWPORTS = pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}

# Not pages of ours: Django's admin has its own accessibility work; the
# others answer with files, redirects or machine formats.
NOT_WALKED = ("/verwaltung/", "/i18n/", "/healthz")


def axe_violations(page) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations of the page as shown."""
    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    )
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [node["target"] for node in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found


def _world(team, coordinator) -> Case:
    case = CaseFactory(
        team=team,
        person=PersonFactory(name="Erika Mustermann"),
        reference="2026-0042",
        assignees=[coordinator],
    )
    IncidentFactory(case=case)
    DecisionFactory(case=case, has_correct_legal_remedy_notice=None)
    Deadline.objects.create(
        case=case,
        rule="objection",
        title="Widerspruchsfrist",
        trigger_on=dt.date(2025, 3, 7),
        computed_due_on=dt.date(2025, 4, 7),
        due_on=dt.date(2025, 4, 7),
        explanation=["Bekanntgabe des Bescheids: Fr 07.03.2025"],
    )
    return case


def _urls(case: Case, coordinator) -> list[tuple[str, str]]:
    """(route, URL) for every GET page of the project."""
    found = []
    for route in routes():
        if route.template.startswith(NOT_WALKED):
            continue
        values: dict[str, object] = {"reference": case.reference, "pk": case.pk}
        make = OBJECT_URLS.get(route.name or "")
        if make:
            values = object_values(case, make(case))
        elif route.name and route.name.startswith("cases:jobcenter"):
            values["pk"] = case.jobcenter_id
        elif route.name and route.name.startswith("users:"):
            values["pk"] = coordinator.pk
        found.append((route.label, route.url(values)))
    return found


def _walk(page, urls) -> tuple[list[str], dict[str, list[str]]]:
    """Open each URL that answers a GET with a page (not a download, a 405 or
    a redirect) in the tab, and run axe on it."""
    checked, problems = [], {}
    for label, url in urls:
        answer = page.request.get(url, max_redirects=0)
        if answer.status != 200 or "text/html" not in answer.headers.get("content-type", ""):
            continue
        if "<html" not in answer.text()[:500].lower():
            continue  # an htmx fragment: checked inside the page that shows it
        page.goto(url)
        checked.append(label)
        if violations := axe_violations(page):
            problems[f"{label} {url}"] = violations
    return checked, problems


@VIEWPORTS
def test_every_page_has_no_serious_or_critical_axe_violation(page, viewport, coordinator, team):
    if viewport:
        page.set_viewport_size(viewport)
    case = _world(team, coordinator)
    urls = _urls(case, coordinator)

    # The public pages and the login, as an affected person or a stranger sees them.
    public = [(label, url) for label, url in urls if url.startswith(("/meldung/", "/konto/login"))]
    checked_public, problems = _walk(page, public)

    log_in(page, coordinator)
    staff = [(label, url) for label, url in urls if not url.startswith("/konto/logout")]
    checked_staff, staff_problems = _walk(page, staff)
    problems.update(staff_problems)

    assert problems == {}, "\n".join(f"{where}: {found}" for where, found in problems.items())
    checked = set(checked_public) | set(checked_staff)
    for must in [
        "account_login",
        "intake:form",
        "cases:dashboard",
        "cases:case_list",
        "cases:case_detail",
        "cases:glossary",
        "cases:audit_log",
        "cases:statistics",
        "deadlines:list",
        "deadlines:detail",
        "letters:list",
        "letters:detail",
        "intake:inbox",
        "users:list",
        "mfa_index",
    ]:
        assert must in checked, must
    assert len(checked) >= 40, sorted(checked)


# An opened panel of the case page has htmx fetch its form once the panel is
# on the screen. Done when no placeholder on the screen is left and no request
# runs (a panel below the screen keeps its link).
LAZY_FORMS_LOADED = """() => !document.querySelector('.htmx-request')
    && [...document.querySelectorAll('[hx-trigger="intersect once"]')].every((placeholder) => {
        const box = placeholder.getBoundingClientRect();
        return box.top > innerHeight || box.bottom < 0 || box.left > innerWidth || box.right < 0;
    })"""


@VIEWPORTS
def test_folded_forms_and_a_failed_submit_have_no_serious_axe_violation(
    page, viewport, coordinator, team
):
    """axe skips what is hidden: the forms folded into the case page, the
    phone's navigation and filters, and the marks of a failed submit."""
    if viewport:
        page.set_viewport_size(viewport)
    case = _world(team, coordinator)
    log_in(page, coordinator)
    unfold = """() => {
        document.querySelectorAll('details').forEach(d => { d.open = true; });
        document.querySelectorAll('.collapse').forEach(c => c.classList.add('show'));
        return document.querySelectorAll('details, .collapse').length;
    }"""
    for url in [f"/faelle/{case.reference}/", "/faelle/", "/fristen/"]:
        page.goto(url)
        assert page.evaluate(unfold) > 0, url
        wait_until(page, LAZY_FORMS_LOADED)
        assert axe_violations(page) == [], url

    page.goto(f"/faelle/{case.reference}/")
    main = page.locator("main")
    main.get_by_text("Bescheid erfassen").click()
    main.locator("#form-decision form").get_by_role("button", name="Speichern").click()
    main.locator("#form-decision .error-summary").wait_for()
    assert axe_violations(page) == []


def test_axe_run_finds_a_missing_label_so_the_walk_can_fail(page):
    page.goto("/konto/login/")
    assert axe_violations(page) == []
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')"
    )
    assert any(v.startswith("label (critical)") for v in axe_violations(page))


# --- What axe does not measure ------------------------------------------------------------------

CONTRAST = """
(element) => {
  function channel(c) { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); }
  function luminance(rgb) {
    const [r, g, b] = rgb.match(/\\d+(\\.\\d+)?/g).map(Number);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  }
  function background(node) {
    while (node) {
      const color = getComputedStyle(node).backgroundColor;
      if (color && color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
      node = node.parentElement;
    }
    return 'rgb(255, 255, 255)';
  }
  const border = getComputedStyle(element).borderTopColor;
  const a = luminance(border), b = luminance(background(element.parentElement));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""


@VIEWPORTS
def test_borders_of_inputs_radios_and_checkboxes_reach_3_to_1(page, viewport, coordinator, team):
    """WCAG 2.1 SC 1.4.11 (non-text contrast): the edge of a control must be seen."""
    if viewport:
        page.set_viewport_size(viewport)
    case = _world(team, coordinator)
    log_in(page, coordinator)
    page.goto(f"/faelle/{case.reference}/")
    page.locator("main").get_by_text("Bescheid erfassen").click()
    page.locator("#form-decision form").wait_for()  # loads when the panel opens
    controls = page.locator(
        "main input.form-control, main select.form-select, main textarea.form-control, "
        "main input.form-check-input:not(:checked)"
    )
    assert controls.count() > 10
    kinds = set()
    for index in range(controls.count()):
        control = controls.nth(index)
        if not control.is_visible():
            continue
        kinds.add(control.evaluate("e => e.type"))
        ratio = control.evaluate(CONTRAST)
        assert ratio >= 3, (control.evaluate("e => e.outerHTML"), ratio)
    assert {"radio", "checkbox", "date", "select-one"} <= kinds, kinds

    # The same where people fill in most: the list's filters, the case page's
    # open forms, the public report form (its own page background).
    for url in ["/faelle/", f"/faelle/{case.reference}/", "/meldung/"]:
        page.goto(url)
        checked = 0
        for index in range(controls.count()):
            control = controls.nth(index)
            if control.is_visible():
                ratio = control.evaluate(CONTRAST)
                assert ratio >= 3, (url, control.evaluate("e => e.outerHTML"), ratio)
                checked += 1
        assert checked > 0, url


@VIEWPORTS
def test_a_failed_submit_lists_the_fields_and_moves_the_focus_there(
    page, viewport, coordinator, team
):
    if viewport:
        page.set_viewport_size(viewport)
    case = _world(team, coordinator)
    log_in(page, coordinator)
    page.goto(f"/faelle/{case.reference}/")
    main = page.locator("main")
    main.get_by_text("Bescheid erfassen").click()
    form = main.locator("#form-decision form")
    form.get_by_label("zur Post gegeben am").fill("2025-03-03")
    form.get_by_role("button", name="Speichern").click()  # kind and date missing

    summary = main.locator("#form-decision .error-summary")
    summary.wait_for()
    wait_until(page, "document.activeElement.classList.contains('error-summary')")
    assert "Art" in summary.inner_text()
    assert "Datum des Bescheids" in summary.inner_text()
    summary.get_by_role("link", name="Datum des Bescheids").click()
    assert page.evaluate("document.activeElement.id") == "decision_dated_on"
    # What was typed stays.
    assert form.get_by_label("zur Post gegeben am").input_value() == "2025-03-03"


@VIEWPORTS
def test_the_public_form_error_summary_takes_the_focus_too(page, viewport, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 0
    if viewport:
        page.set_viewport_size(viewport)
    page.goto("/meldung/")
    page.locator("#intake-form #intake-submit").click()
    summary = page.locator("#intake-errors")
    summary.wait_for()
    wait_until(page, "document.activeElement.id === 'intake-errors'")
    assert summary.get_by_role("link").count() >= 1


def test_case_list_filters_fold_away_on_a_phone_and_stay_open_on_a_desktop(page, coordinator, team):
    _world(team, coordinator)
    log_in(page, coordinator)
    page.set_viewport_size(PHONE)
    page.goto("/faelle/")
    filters = page.get_by_role("form", name="Fälle suchen und filtern")
    assert not filters.is_visible()
    toggle = page.get_by_role("button", name=re.compile("Suche und Filter"))
    toggle.click()
    # Bootstrap unfolds the panel with a height transition: a click while
    # the panel still grows can land beside the moving button.
    wait_until(
        page,
        "(() => { const panel = document.getElementById('case-filters');"
        " return panel.classList.contains('show') && !panel.classList.contains('collapsing'); })()",
    )
    filters.get_by_label("Suche").fill("Mustermann")
    filters.get_by_role("button", name="Anwenden").click()
    page.wait_for_url(re.compile(r"[?&]q=Mustermann"))
    # Active filters stay in view, and say so on the button.
    assert filters.is_visible()
    assert "aktiv" in toggle.inner_text()

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/faelle/")
    assert filters.is_visible()
    assert not toggle.is_visible()
