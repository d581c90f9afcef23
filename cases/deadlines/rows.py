"""Deadlines as rows of the pages that list many of them (the Fristen page,
the dashboard's boxes), made in Python rather than in the template: through
the template (two ``{% url %}``, the date filter and the badge for each of
50 rows) the rows took most of the Fristen page's time. Each row's HTML is
set as ``html`` on the deadline; the templates put it in place."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.dates import WEEKDAYS_ABBR
from django.utils.html import format_html

from advocacy.links import links_to
from cases.deadlines.models import Deadline
from cases.deadlines.templatetags.deadline_tags import deadline_badge

# What a row of the Fristen page shows, read without the rest (the
# explanation, the case's and the Jobcenter's other columns).
LIST_FIELDS = (
    "title",
    "due_on",
    "status",
    "confirmed_at",
    "case__reference",
    "case__jobcenter__name",
    "confirmed_by__username",
    "confirmed_by__first_name",
    "confirmed_by__last_name",
)
LIST_ROW_HTML = """
  <tr>
    <td>{due_on}</td>
    <td><a href="{url}">{title}</a></td>
    <td><a href="{case_url}">{reference}</a></td>
    <td>{jobcenter}</td>
    <td>{badge}</td>
  </tr>"""
BOX_ITEM_HTML = """
      <li class="list-group-item{urgent}">
        <strong>{due_on}</strong> – <a href="{url}">{title}</a>
        (<a href="{case_url}">{reference}</a>) {badge}
      </li>"""


def day_text(day: date, after_weekday: str = "") -> str:
    """A deadline's day as the template filter date:"D d.m.Y" writes it
    ("D, d.m.Y" with ``after_weekday=","``)."""
    return f"{WEEKDAYS_ABBR[day.weekday()]}{after_weekday} {day:%d.%m.%Y}"


def _links():
    return links_to("deadlines:detail", "999999999"), links_to("cases:case_detail", "0000-0000")


def list_rows(deadlines: Iterable[Deadline]) -> None:
    """The rows of the Fristen page's table (date:"D d.m.Y")."""
    _set_html(deadlines, LIST_ROW_HTML, after_weekday="", jobcenter=True)


def box_items(deadlines: Iterable[Deadline]) -> None:
    """The items of the dashboard's deadline boxes (date:"D, d.m.Y"; the
    boxes read the case without its Jobcenter)."""
    _set_html(deadlines, BOX_ITEM_HTML, after_weekday=",", jobcenter=False)


def _set_html(
    deadlines: Iterable[Deadline], html: str, *, after_weekday: str, jobcenter: bool
) -> None:
    url, case_url = _links()
    for deadline in deadlines:
        case = deadline.case
        deadline.html = format_html(  # type: ignore[attr-defined]
            html,
            # A late deadline's item in red.
            urgent=" list-group-item-danger" if deadline.is_late else "",
            due_on=day_text(deadline.due_on, after_weekday),
            url=url(deadline.pk),
            title=deadline.title,
            case_url=case_url(case.reference),
            reference=case.reference,
            jobcenter=case.jobcenter.name if jobcenter else "",
            badge=deadline_badge(deadline),
        )
