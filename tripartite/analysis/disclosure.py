"""Statistical disclosure control for published tables: primary and secondary cell suppression.

Rule: in an output marked public, a cell with 0 < n < k respondents is hidden (primary
suppression).  Row and column totals stay published, so a single hidden cell in a row could be
recomputed as "total minus the others"; secondary (complementary) suppression hides further cells
until no hidden cell can be derived exactly from the published margins:

1. every row and column that has a hidden cell has at least two (the smallest non-empty cell is
   added, a zero cell only if there is no other choice);
2. and, because two per line is not always enough (a hidden cell can still be pinned down by
   combining several rows and columns), every hidden cell must take part in a "cycle" of hidden
   cells: it is exactly derivable from the margins iff its coordinate is zero in every solution of
   the homogeneous margin equations.  While a hidden cell (i, j) is derivable, the cheapest
   rectangle (i, j), (i, j'), (i', j'), (i', j) is completed.

Counts are judged on unweighted numbers of respondents.  Zero cells are not confidential (an
empty cell tells nothing about a person) and are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

DEFAULT_K = 5


@dataclass(frozen=True)
class Suppression:
    """Which cells (and, for one-line tables, which margins) an output must hide."""

    cells: np.ndarray  # bool, same shape as the table
    primary: np.ndarray  # bool: the cells below k themselves
    k: int

    @property
    def count(self) -> int:
        return int(self.cells.sum())


def derivable_cells(counts: Any, hidden: Any) -> np.ndarray:
    """Hidden cells whose value follows exactly from the published row and column totals.

    The unknowns are the hidden cells; each row and column gives one linear equation.  A hidden cell
    is determined iff its coordinate vanishes in every vector of the null space of that system.
    (This is an attacker's linear-algebra view; bounds from non-negativity are not used.)
    """
    mask = np.asarray(hidden, dtype=bool)
    cells = np.argwhere(mask)
    out = np.zeros_like(mask)
    if cells.size == 0:
        return out
    rows, cols = mask.shape
    system = np.zeros((rows + cols, len(cells)))
    for u, (i, j) in enumerate(cells):
        system[i, u] = 1.0
        system[rows + j, u] = 1.0
    # Imported here: scipy.linalg is only needed for public (suppressed) output.
    from scipy.linalg import null_space

    basis = null_space(system)
    determined = np.all(np.abs(basis) < 1e-9, axis=1) if basis.size else np.ones(len(cells), dtype=bool)
    for u, (i, j) in enumerate(cells):
        out[i, j] = bool(determined[u])
    return out


def _cheapest_other(values: np.ndarray, hidden: np.ndarray, exclude: int) -> int | None:
    """Index of the smallest non-hidden cell of a line (positive cells first), or None."""
    best: tuple[int, float, int] | None = None
    for idx, value in enumerate(values):
        if idx == exclude or hidden[idx]:
            continue
        key = (0 if value > 0 else 1, float(value), idx)
        if best is None or key < best:
            best = key
    return None if best is None else best[2]


def suppress(counts: Any, *, k: int = DEFAULT_K, forced: Any | None = None) -> Suppression:
    """Cells to hide in a public two-way table of respondent counts (see the module docstring).

    `forced` marks cells that must be hidden whatever their count (e.g. a total-table cell whose
    layer cell is hidden: otherwise total − other layers would reveal it); they are protected like
    primary cells.  A one-row or one-column table is a list of categories whose total is published:
    there the rule is simply that no category may be the only hidden one.
    """
    table = np.asarray(counts, dtype=np.float64)
    if table.ndim == 1:
        table = table[np.newaxis, :]
        one_d = True
    else:
        one_d = False
    primary = (table > 0) & (table < k)
    hidden = primary.copy()
    if forced is not None:
        hidden |= np.asarray(forced, dtype=bool).reshape(table.shape)
    rows, cols = table.shape
    if rows == 1 or cols == 1:
        flat_values = table.ravel()
        flat = hidden.ravel().copy()
        if flat.sum() == 1:
            extra = _cheapest_other(flat_values, flat, exclude=int(np.argmax(flat)))
            if extra is not None and flat_values[extra] == 0 and flat_values[int(np.argmax(flat))] == 0:
                extra = None  # a lone forced zero reveals nothing
            if extra is not None:
                flat[extra] = True
        hidden = flat.reshape(table.shape)
    else:
        for _ in range(rows * cols):
            changed = False
            for i in range(rows):
                if hidden[i].sum() == 1:
                    j = _cheapest_other(table[i], hidden[i], exclude=int(np.argmax(hidden[i])))
                    if j is not None:
                        hidden[i, j] = changed = True
            for j in range(cols):
                if hidden[:, j].sum() == 1:
                    r = _cheapest_other(table[:, j], hidden[:, j], exclude=int(np.argmax(hidden[:, j])))
                    if r is not None:
                        hidden[r, j] = changed = True
            if not changed:
                exposed = derivable_cells(table, hidden)
                if not exposed.any():
                    break
                i, j = (int(x) for x in np.argwhere(exposed)[0])
                _complete_rectangle(table, hidden, i, j)
    if one_d:
        return Suppression(hidden[0], primary[0], k)
    return Suppression(hidden, primary, k)


def _complete_rectangle(table: np.ndarray, hidden: np.ndarray, i: int, j: int) -> None:
    """Hide the cheapest cells that put (i, j) on a 4-cycle of hidden cells."""
    rows, cols = table.shape
    best: tuple[float, int, int] | None = None
    for i2 in range(rows):
        for j2 in range(cols):
            if i2 == i or j2 == j:
                continue
            cost = sum(float(table[a, b]) + 0.5 for a, b in ((i, j2), (i2, j2), (i2, j)) if not hidden[a, b])
            if best is None or cost < best[0]:
                best = (cost, i2, j2)
    if best is None:
        return
    _, i2, j2 = best
    hidden[i, j2] = hidden[i2, j2] = hidden[i2, j] = True


def suppress_counts(counts: Any, *, k: int = DEFAULT_K) -> np.ndarray:
    """The boolean mask of cells to hide (the `cells` of `suppress`)."""
    return suppress(counts, k=k).cells
