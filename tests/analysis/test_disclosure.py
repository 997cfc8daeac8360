"""Cell suppression: no hidden cell can be recovered from the published margins."""

import numpy as np
from scipy.optimize import linprog

from tripartite.analysis.disclosure import derivable_cells, suppress


def attack(counts, hidden):
    """Bounds an attacker gets for each hidden cell from row/column totals and non-negativity."""
    counts = np.asarray(counts, float)
    cells = np.argwhere(hidden)
    rows, cols = counts.shape
    a_eq, b_eq = [], []
    for i in range(rows):
        a_eq.append([1.0 if c[0] == i else 0.0 for c in cells])
        b_eq.append(counts[i].sum() - counts[i][~hidden[i]].sum())
    for j in range(cols):
        a_eq.append([1.0 if c[1] == j else 0.0 for c in cells])
        b_eq.append(counts[:, j].sum() - counts[:, j][~hidden[:, j]].sum())
    bounds = []
    for u in range(len(cells)):
        c = np.zeros(len(cells))
        c[u] = 1
        lo = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None)).fun
        hi = -linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=(0, None)).fun
        bounds.append((lo, hi))
    return dict(zip(map(tuple, cells), bounds, strict=True))


TABLE = np.array([[20, 3, 15, 12], [18, 25, 30, 11], [14, 22, 2, 19], [30, 16, 21, 24]])


def test_a_lone_small_cell_is_recoverable_which_is_why_we_add_complements():
    hidden = (TABLE > 0) & (TABLE < 5)
    hidden[2, 2] = False
    bounds = attack(TABLE, hidden)
    assert bounds[(0, 1)] == (3.0, 3.0)  # the attack works on primary-only suppression


def test_no_suppressed_cell_can_be_recovered_from_margins():
    result = suppress(TABLE, k=5)
    assert result.primary[0, 1] and result.primary[2, 2]
    for line in (*result.cells, *result.cells.T):
        assert line.sum() in (0,) or line.sum() >= 2
    assert not derivable_cells(TABLE, result.cells).any()
    for cell, (lo, hi) in attack(TABLE, result.cells).items():
        assert hi - lo >= 1, cell


def test_single_small_cell_gets_a_rectangle_of_complements():
    table = np.array([[50, 40, 30], [45, 2, 35], [60, 55, 48]])
    result = suppress(table, k=5)
    assert result.cells.sum() >= 4
    for cell, (lo, hi) in attack(table, result.cells).items():
        assert hi - lo >= 1, cell


def test_one_dimensional_counts_never_hide_a_single_category():
    result = suppress(np.array([40, 3, 25, 30]), k=5)
    assert result.cells.tolist() == [False, True, True, False]


def test_zero_cells_and_large_cells_are_shown():
    result = suppress(np.array([[0, 10], [12, 9]]), k=5)
    assert not result.cells.any()
