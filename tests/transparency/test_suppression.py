"""Small-cell protection: no hidden count can be worked out from what is
published, in one release or from two versions of the same period.

The attacker is a linear program (scipy): every count is an unknown ≥ 0, the
published numbers and the totals are equations, and for each hidden cell we
ask for its smallest and largest possible value. If the two are equal, the
cell was disclosed."""

from __future__ import annotations

from itertools import product

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from transparency.suppression import TOTAL, Table, exposed, protect

VALUES = [0, 0, 0, 1, 2, 3, 4, 5, 6, 8, 13, 40]


def _system(releases):
    """Equations over the unknowns of several releases. ``releases`` is a list
    of (Protected, shared) where ``shared`` maps cells to the unknown they
    share with the first release (the cells whose true value did not change)."""
    index: dict[tuple[int, tuple[str, str]], int] = {}

    def var(version, cell):
        return index.setdefault((version, cell), len(index))

    rows_eq: list[dict[int, float]] = []
    rhs: list[float] = []
    for version, (protected, shared) in enumerate(releases):
        table = protected.table
        owner = {cell: (0 if cell in shared else version) for cell in table.cells()}
        for cell in table.cells():
            var(owner[cell], cell)
        lines = []
        if table.row_totals:
            for row in [*table.rows, *([TOTAL] if table.column_totals else [])]:
                lines.append(([(row, c) for c in table.columns], (row, TOTAL)))
        if table.column_totals:
            for column in [*table.columns, *([TOTAL] if table.row_totals else [])]:
                lines.append(([(r, column) for r in table.rows], (TOTAL, column)))
        for parts, total in lines:
            equation: dict[int, float] = {}
            for cell in parts:
                k = var(owner[cell], cell)
                equation[k] = equation.get(k, 0) + 1
            k = var(owner[total], total)
            equation[k] = equation.get(k, 0) - 1
            rows_eq.append(equation)
            rhs.append(0)
        for cell, value in protected.published().items():
            if value is not None:
                rows_eq.append({var(owner[cell], cell): 1})
                rhs.append(value)
    matrix = np.zeros((len(rows_eq), len(index)))
    for i, equation in enumerate(rows_eq):
        for k, coefficient in equation.items():
            matrix[i, k] = coefficient
    return index, matrix, np.array(rhs)


def _disclosed(releases) -> list:
    """Hidden cells whose value the published numbers pin down (a cell that an
    earlier version published with the same value is public already)."""
    index, matrix, rhs = _system(releases)
    public = releases[0][0].published()
    found = []
    for version, (protected, shared) in enumerate(releases):
        for cell in protected.hidden:
            if version and public.get(cell) == protected.table.value(cell):
                continue  # the earlier version published this very value
            k = index[(0 if cell in shared else version, cell)]
            objective = np.zeros(len(index))
            objective[k] = 1
            low = linprog(objective, A_eq=matrix, b_eq=rhs, bounds=(0, None), method="highs")
            high = linprog(-objective, A_eq=matrix, b_eq=rhs, bounds=(0, None), method="highs")
            assert low.status == 0 and high.status in (0, 3)  # 3: no upper bound at all
            if high.status == 0 and round(high.x[k] - low.x[k], 6) < 1:
                found.append((version, cell, low.x[k]))
    return found


@st.composite
def tables(draw):
    rows = tuple(f"JC{i}" for i in range(draw(st.integers(1, 6))))
    columns = tuple(f"k{j}" for j in range(draw(st.integers(1, 5))))
    counts = {cell: draw(st.sampled_from(VALUES)) for cell in product(rows, columns)}
    row_totals = draw(st.booleans())
    column_totals = draw(st.booleans()) or not row_totals
    return Table(rows, columns, counts, row_totals=row_totals, column_totals=column_totals)


def test_a_lone_small_count_takes_a_partner_in_its_row_and_column():
    table = Table(
        ("Köln", "Bonn"),
        ("Facebook", "Nachbarn"),
        {
            ("Köln", "Facebook"): 3,
            ("Köln", "Nachbarn"): 20,
            ("Bonn", "Facebook"): 9,
            ("Bonn", "Nachbarn"): 11,
        },
    )
    protected = protect(table)
    assert ("Köln", "Facebook") in protected.hidden
    assert len(protected.hidden) >= 4  # a four-cycle at least
    assert exposed(table, protected.hidden) == set()
    assert _disclosed([(protected, set())]) == []
    published = protected.published()
    assert published[(TOTAL, TOTAL)] == 43 or published[(TOTAL, TOTAL)] is None


def test_primary_suppression_alone_would_disclose():
    """The check the property test relies on does find a disclosure."""
    from transparency.suppression import Protected

    table = Table(
        ("A", "B"), ("x", "y"), {("A", "x"): 3, ("A", "y"): 20, ("B", "x"): 9, ("B", "y"): 11}
    )
    naive = Protected(table, {("A", "x")})
    assert _disclosed([(naive, set())]) != []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from([3, 5]))
def test_no_hidden_cell_can_be_worked_out(table, threshold):
    protected = protect(table, threshold=threshold)
    for cell in table.cells():
        if 0 < table.value(cell) < threshold:
            assert cell in protected.hidden
    assert _disclosed([(protected, set())]) == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.data())
def test_a_corrected_version_and_the_first_reveal_nothing_together(table, data):
    first = protect(table)
    changed = data.draw(st.sets(st.sampled_from(sorted(table.counts)), max_size=2))
    counts = dict(table.counts)
    for cell in changed:
        counts[cell] = data.draw(st.sampled_from(VALUES))
    corrected_table = Table(
        table.rows, table.columns, counts, table.row_totals, table.column_totals
    )
    second = protect(corrected_table, earlier=first)
    assert first.hidden <= second.hidden
    unchanged = {
        cell
        for cell in table.cells()
        if table.value(cell) == corrected_table.value(cell)
        and not any(c in changed for c in _parts(table, cell))
    }
    assert _disclosed([(first, set()), (second, unchanged)]) == []


def _parts(table, cell):
    row, column = cell
    rows = table.rows if row == TOTAL else (row,)
    columns = table.columns if column == TOTAL else (column,)
    return list(product(rows, columns))


@pytest.mark.parametrize("value", [1, 4])
def test_a_single_cell_table_hides_its_small_count(value):
    table = Table(("JC",), ("k",), {("JC", "k"): value})
    protected = protect(table)
    assert all(v is None for v in protected.published().values())
