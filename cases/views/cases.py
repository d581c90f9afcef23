"""The caseworkers' pages: dashboard, case list, case page, create and edit."""

from __future__ import annotations

from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from advocacy.auth import StaffRequest, is_coordinator
from advocacy.links import links_to
from advocacy.paging import page_window
from cases import search, selectors
from cases.audit import list_read_logged, read_logged
from cases.bulk import BulkActionForm
from cases.deadlines import rows as deadline_rows
from cases.filters import CaseFilter
from cases.forms import CaseCreateForm, CaseEditForm
from cases.models import Case, Person
from cases.services import case_create, case_update
from cases.templatetags.glossary_tags import abbr

PAGE_SIZE = 25


def dashboard(request: StaffRequest) -> HttpResponse:
    context = selectors.dashboard_for(request.user)
    # The two case boxes show each case's person: a read of each.
    context["my_cases"] = list(context["my_cases"])
    context["triage_cases"] = list(context["triage_cases"])
    context["recent_events"] = list(context["recent_events"])
    # Each box links to its cases: one reverse() for the page (55 links).
    case_url = links_to("cases:case_detail", "0000-0000")
    for case in context["my_cases"] + context["triage_cases"]:
        case.url = case_url(case.reference)
    for event in context["recent_events"]:
        event.case_url = case_url(event.case.reference)
    deadline_rows.box_items(context["deadlines_due"])
    deadline_rows.box_items(context["unassigned_deadlines"] or [])
    list_read_logged(
        request.user,
        {case.pk: case for case in context["my_cases"] + context["triage_cases"]}.values(),
        "dashboard",
    )
    return render(request, "cases/dashboard.html", context)


def case_list(request: StaffRequest) -> HttpResponse:
    staff = list(selectors.staff_users())  # the filter's and the bulk action's options
    case_filter = CaseFilter(
        request.GET or None, queryset=selectors.cases_for_list(request.user), staff=staff
    )
    queryset = case_filter.qs if case_filter.is_bound else case_filter.queryset
    cleaned = case_filter.form.cleaned_data if case_filter.is_bound else {}
    searched = cleaned.get("q", "").strip()
    rows: Any
    if searched and not cleaned.get("sort"):
        rows = search.best_first(
            queryset,
            searched,
            base=case_filter.queryset,
            user=request.user,
            read=partial(selectors.list_rows, with_text=True),
        )
    else:
        if not cleaned.get("sort"):
            queryset = queryset.order_by("-created_at", "-pk")
        else:
            # Cases of the same name, status or Jobcenter in a fixed order, so
            # that paging through them neither repeats nor skips one.
            queryset = queryset.order_by(*queryset.query.order_by, "-pk")
        rows = selectors.PagedRows(queryset, case_filter.queryset, with_text=bool(searched))
    page = page_window(rows, request.GET.get("page"), PAGE_SIZE)
    # Past the ranked matches the search goes on by date: said on those pages.
    by_date_from = rows.by_date_from if isinstance(rows, search.RankedCases) else None
    query = request.GET.copy()
    query.pop("page", None)
    if not page.object_list and page.number > 1:
        # Past the end (the list is not counted): start again at its first page.
        return redirect(request.path + (f"?{query.urlencode()}" if query else ""))
    guesses = []
    selectors.deadline_columns(page.object_list)
    selectors.row_assignees(page.object_list)
    snippets: list[SafeString] = []
    if searched:
        snippets = search.snippets([row["search__body"] or "" for row in page], searched)
        if not page.object_list:
            guesses = list(search.misspelt(case_filter.queryset, searched))
    _row_html(page.object_list, snippets)
    # Each row shows the case's person: a read of each case listed (logged
    # through a case instance of the row's id and reference, as its entry names it).
    listed = [
        Case.from_db(None, ["id", "reference"], [row["pk"], row["reference"]]) for row in page
    ]
    list_read_logged(request.user, [*listed, *guesses], "case_list")
    return render(
        request,
        "cases/case_list.html",
        {
            "filter": case_filter,
            "page": page,
            "guesses": guesses,
            "older_by_date": by_date_from is not None and page.end_index() > by_date_from,
            "ranked_count": by_date_from,
            "query": query.urlencode(),
            "is_filtered": bool(query),
            "is_coordinator": is_coordinator(request.user),
            # The collective action's labels and options (the form itself is
            # made when it is sent: cases.views.bulk).
            "bulk_fields": BulkActionForm.base_fields,
            "staff": staff,
            "saved_searches": list(selectors.saved_searches_of(request.user)),
            "saved_query": urlencode(
                [(k, v) for k, v in request.GET.items() if k in CaseFilter.base_filters and v]
            ),
        },
    )


# A row of the case list (``_row_html``); the other cells of the page are
# in cases/case_list.html.
ROW_HTML = """
  <tr>
    <td><input class="form-check-input" type="checkbox" name="cases" value="{reference}" \
form="bulk-form" id="pick-{reference}" aria-label="{pick_label}"></td>
    <td><a href="{url}">{reference}</a>{overdue}<br><small class="text-body-secondary">{title}\
</small>{snippet}</td>
    <td>{person}</td>
    <td>{jobcenter} <small class="text-body-secondary">({kind}, {state})</small></td>
    <td><span class="badge text-bg-secondary">{status}</span></td>
    <td>{assignees}</td>
    <td>{team}</td>
    <td>{created_on}</td>
    <td data-next-deadline>{next_deadline}</td>
  </tr>"""
SNIPPET_HTML = '<br><small class="search-snippet">{}</small>'
NEXT_DEADLINE_HTML = '{}<br><small class="text-body-secondary">{}</small>'


def _row_html(rows: list[dict], snippets: list[SafeString]) -> None:
    """Each row of the list (``selectors.list_rows``) as HTML (``html``), made
    here from its values and its search snippet (if any). The template's loop
    over 25 rows, with the texts prepared here, cost 1.7 ms of CPU; made here,
    0.8 ms (through template filters, ``{% url %}`` and ``get_status_display``
    it was three times that). ``tests/cases/test_pages.py`` pins every cell of
    a row."""
    status_labels = {value: str(label) for value, label in Case.Status.choices}
    kind_abbrs: dict[str, str] = {}
    case_url = links_to("cases:case_detail", "0000-0000")
    pick = _("Fall %(ref)s auswählen")
    overdue = format_html(' <span class="badge text-bg-danger">{}</span>', _("Frist überfällig"))
    for row, snippet in zip(rows, snippets or [SafeString()] * len(rows), strict=True):
        reference = row["reference"]
        kind = row["jobcenter__kind"]
        if kind not in kind_abbrs:
            kind_abbrs[kind] = abbr(kind)
        due = row["next_deadline_on"]
        row["html"] = format_html(
            ROW_HTML,
            reference=reference,
            pick_label=pick % {"ref": reference},
            url=case_url(reference),
            overdue=overdue if row["has_overdue_deadline"] else "",
            title=row["title"],
            snippet=format_html(SNIPPET_HTML, snippet) if snippet else "",
            person=Person.shown(row["person__name"]),
            jobcenter=row["jobcenter__name"],
            kind=kind_abbrs[kind],
            state=row["jobcenter__state"],
            status=status_labels.get(row["status"], row["status"]),
            assignees=row["assignee_names"] or "–",
            team=row["team__name"],
            created_on=f"{timezone.localtime(row['created_at']):%d.%m.%Y}",
            next_deadline=(
                format_html(
                    NEXT_DEADLINE_HTML,
                    deadline_rows.day_text(due),
                    row["next_deadline_title"],
                )
                if due
                else "–"
            ),
        )


def case_page_context(request: StaffRequest, case: Case) -> dict:
    """Everything the case page and its htmx partial need. The action forms
    are not among it: each is fetched when its panel is opened (a page of its
    own without JavaScript), so the page does not render seven forms that are
    mostly left closed."""
    return {"case": case, "timeline": selectors.case_timeline(case)}


@require_http_methods(["GET", "HEAD"])
def case_detail(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_page(request.user, reference)
    read_logged(case)
    return render(request, "cases/case_detail.html", case_page_context(request, case))


@require_http_methods(["GET", "HEAD", "POST"])
def case_create_view(request: StaffRequest) -> HttpResponse:
    form = CaseCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            person = data["existing_person"] or Person.objects.create(**form.person_data())
            case = case_create(
                person=person,
                jobcenter=data["jobcenter"],
                team=data["team"],
                by=request.user,
                title=data["title"],
                assignees=data["assignees"],
            )
        messages.success(request, _("Fall %(ref)s angelegt.") % {"ref": case.reference})
        return redirect("cases:case_detail", reference=case.reference)
    return render(request, "cases/case_form.html", {"form": form, "case": None})


@require_http_methods(["GET", "HEAD", "POST"])
def case_edit(request: StaffRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_action(request.user, reference)
    form = CaseEditForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        case_update(
            case=case,
            by=request.user,
            title=form.cleaned_data["title"],
            jobcenter=form.cleaned_data["jobcenter"],
            person_fields=form.person_data(),
        )
        messages.success(request, _("Änderungen gespeichert."))
        return redirect("cases:case_detail", reference=case.reference)
    read_logged(case)
    return render(request, "cases/case_form.html", {"form": form, "case": case})


@require_http_methods(["GET", "HEAD"])
def case_print(request: StaffRequest, reference: str) -> HttpResponse:
    """The case on paper: data, timeline oldest first, deadlines with their
    explanation, decisions and letters; no forms, no navigation."""
    case = selectors.case_for_page(request.user, reference)
    read_logged(case)
    return render(
        request,
        "cases/case_print.html",
        {
            "case": case,
            "timeline": list(reversed(selectors.case_timeline(case))),
            "printed_at": timezone.now(),
        },
    )
