"""Pages of a long list without counting it.

Django's ``Paginator`` counts every row of the list on each request (a
``COUNT(*)`` over 100,000 cases). ``page_window`` fetches the page's rows and
one more, which tells whether a next page exists; the cost depends on the
page size and number, not on the length of the list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Beyond it the OFFSET would not fit the database's integers (and no one pages that far).
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class PageWindow:
    object_list: list[Any]
    number: int
    per_page: int
    has_next: bool

    # No "paginator": templates show "Seite N" without "von M".
    paginator = None

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.object_list)

    @property
    def is_whole_list(self) -> bool:
        """The first page, and nothing after it: its rows are all there is."""
        return self.number == 1 and not self.has_next

    def __len__(self) -> int:
        return len(self.object_list)

    def __iter__(self):
        return iter(self.object_list)


def page_window(queryset, number: str | int | None, per_page: int) -> PageWindow:
    """Page ``number`` (1 for anything that is not a positive whole number)."""
    try:
        page = min(max(1, int(number or 1)), MAX_PAGE)
    except (TypeError, ValueError):
        page = 1
    offset = (page - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    return PageWindow(rows[:per_page], page, per_page, len(rows) > per_page)
