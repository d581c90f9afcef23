"""Small-cell protection for published tables (pure: no Django, no database).

A table has rows (Jobcenters), columns (kinds of incident, or what followed)
and, where they mean something, row totals, column totals and a grand total.
A count from 1 to ``threshold - 1`` could point to a person in a small
district, so it is hidden (primary suppression). A hidden cell must not be
recoverable from what is published: with the totals, a row with a single
hidden cell gives it away by subtraction. So more cells are hidden
(complementary suppression) until every hidden cell lies on a cycle of hidden
cells: then its value can be moved up and down along the cycle without
changing any published number.

The cycle test is the classic one for tables with margins: rows and columns
are the nodes of a graph (the totals row and the totals column are nodes too),
every hidden cell an edge between its row and its column. A hidden cell is
determined by the published numbers exactly when its edge is a bridge. Where
a table publishes no row totals, the rows are not constrained and all rows
act as one node (likewise for columns).

Counts are never negative, so a cycle only protects when its cells can be
moved one step in some direction: the cells chosen for complementary
suppression are the smallest non-zero ones where there is a choice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import product

TOTAL = "Σ"
Cell = tuple[str, str]  # (row key, column key); TOTAL for a margin


@dataclass(frozen=True)
class Table:
    """Raw counts; ``rows`` and ``columns`` give the order shown."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: Mapping[Cell, int]
    row_totals: bool = True
    column_totals: bool = True

    def value(self, cell: Cell) -> int:
        row, column = cell
        if row == TOTAL and column == TOTAL:
            return sum(self.counts.get(c, 0) for c in product(self.rows, self.columns))
        if row == TOTAL:
            return sum(self.counts.get((r, column), 0) for r in self.rows)
        if column == TOTAL:
            return sum(self.counts.get((row, c), 0) for c in self.columns)
        return self.counts.get(cell, 0)

    def cells(self) -> list[Cell]:
        """Every published position: inner cells and the margins that exist."""
        rows = [*self.rows, *([TOTAL] if self.column_totals else [])]
        columns = [*self.columns, *([TOTAL] if self.row_totals else [])]
        found = []
        for row, column in product(rows, columns):
            if row == TOTAL and column == TOTAL and not (self.row_totals and self.column_totals):
                continue
            found.append((row, column))
        return found


@dataclass
class Protected:
    """The table as it may be published: ``None`` where a cell is hidden."""

    table: Table
    hidden: set[Cell] = field(default_factory=set)

    def published(self) -> dict[Cell, int | None]:
        return {
            cell: (None if cell in self.hidden else self.table.value(cell))
            for cell in self.table.cells()
        }


def _node(table: Table, cell: Cell) -> tuple[str, str]:
    """The row node of a cell (all rows are one node without row totals)."""
    row, _column = cell
    return ("row", row if table.row_totals else "*")


def _column_node(table: Table, cell: Cell) -> tuple[str, str]:
    _row, column = cell
    return ("column", column if table.column_totals else "*")


def exposed(table: Table, hidden: Iterable[Cell]) -> set[Cell]:
    """Hidden cells that the published numbers determine (bridges)."""
    hidden = set(hidden)
    return {cell for cell in hidden if _is_bridge(table, hidden, cell)}


def _is_bridge(table: Table, hidden: set[Cell], cell: Cell) -> bool:
    edges = [(_node(table, other), _column_node(table, other)) for other in hidden if other != cell]
    return not _connected(_node(table, cell), _column_node(table, cell), edges)


def _connected(start, goal, edges) -> bool:
    if start == goal:
        return True  # a loop (both ends merged) is a cycle by itself
    neighbours: dict = {}
    for a, b in edges:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        for other in neighbours.get(node, ()):
            if other == goal:
                return True
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return False


def _cost(table: Table, cell: Cell) -> tuple[int, int, int]:
    """Prefer small non-zero inner cells; a zero cannot move down, a margin
    hides a total readers want."""
    value = table.value(cell)
    is_margin = TOTAL in cell
    return (1 if value == 0 else 0, 1 if is_margin else 0, value)


def protect(table: Table, *, threshold: int = 5, earlier: Protected | None = None) -> Protected:
    """Hide the small counts and enough others that none can be worked out.

    ``earlier`` is the version of the same period that this one corrects.
    A reader may compare the two, so: what was hidden stays hidden; the whole
    row and column of every figure that changed (with the totals) is hidden,
    since differences of published numbers would give the change away; and a
    figure the earlier version published unchanged is known to every reader,
    so it is never chosen as a partner (hiding it would protect nothing)."""
    cells = table.cells()
    hidden = {cell for cell in cells if 0 < table.value(cell) < threshold}
    known: set[Cell] = set()
    if earlier is not None:
        before = set(earlier.table.cells())
        changed = [
            cell
            for cell in product(table.rows, table.columns)
            if cell not in before or table.value(cell) != earlier.table.value(cell)
        ]
        rows = {row for row, _c in changed} | ({TOTAL} if changed else set())
        columns = {column for _r, column in changed} | ({TOTAL} if changed else set())
        hidden |= {cell for cell in cells if cell[0] in rows or cell[1] in columns}
        hidden |= earlier.hidden & set(cells)
        known = {
            cell
            for cell, value in earlier.published().items()
            if value is not None and cell in set(cells) and table.value(cell) == value
        } - hidden
    while True:
        bridges = exposed(table, hidden)
        if not bridges:
            return Protected(table, hidden)
        cell = min(bridges)
        hidden |= _cheapest_cycle(table, cell, hidden, [c for c in cells if c not in known])


def _cheapest_cycle(table: Table, cell: Cell, hidden: set[Cell], cells: list[Cell]) -> set[Cell]:
    """The fewest, cheapest cells to hide so that ``cell`` lies on a cycle:
    one more cell where that suffices (a line without its total), else the
    missing corners of a four-cycle. Ties go to the smallest non-zero counts."""
    row, column = cell
    present = set(cells)
    candidates: list[list[Cell]] = [[other] for other in cells if other not in hidden]
    rows = sorted({r for r, _c in cells} - {row})
    columns = sorted({c for _r, c in cells} - {column})
    for other_row, other_column in product(rows, columns):
        corners = [(row, other_column), (other_row, other_column), (other_row, column)]
        if all(corner in present for corner in corners):
            candidates.append([corner for corner in corners if corner not in hidden])
    candidates = [adding for adding in candidates if all(c in present for c in adding)]
    candidates.sort(key=lambda adding: (len(adding), sorted(_cost(table, c) for c in adding)))
    for adding in candidates:
        if not _is_bridge(table, hidden | set(adding), cell):
            return set(adding)
    return set(cells)  # nothing closes a cycle: hide all that may still be hidden
