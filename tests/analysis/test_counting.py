"""Counting back-ends: numpy and SQL give the same tables and report what they leave out."""

import os
import sqlite3

import numpy as np
import pytest

from tripartite.analysis import Variable
from tripartite.analysis.counting import (
    CountingError,
    crosstab_counts,
    crosstab_counts_sql,
    frequency_counts,
    frequency_counts_sql,
    quote_identifier,
)

SECTOR = Variable("sector", (1, 2, 3), missing=(9,))
ACTIVE = Variable("active", (1, 2, 3, 4), missing=(8,))


def sample(n=2000, seed=7):
    rng = np.random.default_rng(seed)
    sector = rng.choice([1, 2, 3, 9, 5], n, p=[0.4, 0.3, 0.2, 0.05, 0.05]).astype(np.int8)
    active = rng.choice([1, 2, 3, 4, 8], n, p=[0.2, 0.3, 0.3, 0.15, 0.05]).astype(np.int8)
    sex = rng.choice([1, 2], n).astype(np.int8)
    weight = rng.uniform(0.5, 2.0, n)
    return sector, active, sex, weight


def reference(rows, cols, weights=None):
    out = np.zeros((3, 4))
    for r, c, w in zip(rows, cols, weights if weights is not None else np.ones(len(rows)), strict=True):
        if r in (1, 2, 3) and c in (1, 2, 3, 4):
            out[r - 1, c - 1] += w
    return out


def test_numpy_counts_match_a_plain_loop_and_report_exclusions():
    sector, active, _, _ = sample()
    table = crosstab_counts(sector, active, row_variable=SECTOR, col_variable=ACTIVE)
    np.testing.assert_array_equal(table.counts, reference(sector, active))
    ex_sector, ex_active = table.exclusions
    assert ex_sector.declared_missing == (sector == 9).sum() and ex_sector.unknown == (sector == 5).sum()
    assert ex_sector.unknown_codes == (5,)
    assert ex_active.declared_missing == (active == 8).sum() and ex_active.unknown == 0
    valid = np.isin(sector, [1, 2, 3]) & np.isin(active, [1, 2, 3, 4])
    assert table.excluded_rows == (~valid).sum()
    assert table.counts.sum() + table.excluded_rows == len(sector)


def test_weighted_counts_carry_sums_of_squares_and_unweighted_cases():
    sector, active, _, weight = sample()
    table = crosstab_counts(sector, active, weights=weight, row_variable=SECTOR, col_variable=ACTIVE)
    np.testing.assert_allclose(table.counts, reference(sector, active, weight), rtol=1e-12)
    np.testing.assert_allclose(table.sum_w2, reference(sector, active, weight**2), rtol=1e-12)
    np.testing.assert_array_equal(table.n_cases, reference(sector, active))


def test_nan_values_and_weights_are_excluded_and_reported():
    rows = np.array([1, 2, np.nan, 2, 1.5, 3])
    cols = np.array([1, 1, 1, 2, 2, 2])
    weights = np.array([1.0, np.nan, 1.0, 2.0, 1.0, 1.0])
    table = crosstab_counts(rows, cols, weights=weights)
    assert table.row_codes == (1, 2, 3)
    assert table.exclusions[0].null == 1 and table.exclusions[0].unknown == 1
    assert table.null_weights == 1
    np.testing.assert_allclose(table.counts, [[1, 0], [0, 2], [0, 1]])


def test_without_codebook_codes_are_the_observed_codes():
    table = crosstab_counts(np.array([5, 1, 5, 9], dtype=np.int16), np.array([2, 2, 3, 3], dtype=np.int64))
    assert table.row_codes == (1, 5, 9) and table.col_codes == (2, 3)
    freq = frequency_counts(np.array([3, 3, 7, -1], dtype=np.int8))
    assert freq.codes == (-1, 3, 7) and freq.counts.tolist() == [1, 2, 1]


def test_codebook_keeps_codes_nobody_chose():
    table = crosstab_counts(np.array([1, 1], dtype=np.int8), np.array([2, 2], dtype=np.int8),
                            row_variable=SECTOR, col_variable=ACTIVE)
    assert table.counts.shape == (3, 4) and table.counts[0, 1] == 2


def test_wide_code_ranges_and_layers_are_counted():
    rows = np.array([1, 99999999, 2, 2], dtype=np.int64)
    cols = np.array([1, 1, 2, 2], dtype=np.int32)
    layer = np.array([1, 1, 1, 2], dtype=np.int8)
    table = crosstab_counts(rows, cols, layer=layer, row_variable=Variable("r", (1, 2)))
    assert table.counts.shape == (2, 2, 2)
    assert table.exclusions[0].unknown_codes == (99999999,)
    np.testing.assert_array_equal(table.total().counts, [[1, 0], [0, 2]])
    np.testing.assert_array_equal(table.layer(1).counts, [[0, 0], [0, 1]])


def test_bad_input_is_refused():
    with pytest.raises(CountingError):
        crosstab_counts(np.array(["a", "b"]), np.array([1, 2]))
    with pytest.raises(CountingError):
        crosstab_counts(np.array([1, 2]), np.array([1, 2]), weights=np.array([1.0, -1.0]))
    with pytest.raises(CountingError):
        crosstab_counts(np.array([1, 2]), np.array([1, 2, 3]))


def _load(conn, sector, active, sex, weight, placeholder):
    cur = conn.cursor()
    cur.execute('CREATE TEMP TABLE answers ("sector" integer, "active" integer, sex integer, w double precision)')
    rows = [(int(a), int(b), int(c), float(d)) for a, b, c, d in zip(sector, active, sex, weight, strict=True)]
    rows[0] = (None, rows[0][1], rows[0][2], rows[0][3])
    rows[1] = (rows[1][0], rows[1][1], rows[1][2], None)
    cur.executemany(f"INSERT INTO answers VALUES ({', '.join([placeholder] * 4)})", rows)
    cur.close()
    sector = sector.astype(float)
    sector[0] = np.nan
    weight = weight.copy()
    weight[1] = np.nan
    return sector, weight


def _assert_backends_agree(conn, placeholder):
    sector, active, sex, weight = sample(1500, seed=11)
    sector_f, weight_n = _load(conn, sector, active, sex, weight, placeholder)
    kwargs = dict(row_variable=SECTOR, col_variable=ACTIVE)
    mem = crosstab_counts(sector_f, active, **kwargs)
    sql = crosstab_counts_sql(conn, source="answers", rows=quote_identifier("sector"),
                              cols=quote_identifier("active"), **kwargs)
    np.testing.assert_array_equal(mem.counts, sql.counts)
    assert mem.exclusions == sql.exclusions and mem.excluded_rows == sql.excluded_rows
    memw = crosstab_counts(sector_f, active, layer=sex, weights=weight_n, **kwargs)
    sqlw = crosstab_counts_sql(conn, source="answers", rows="sector", cols="active", layer="sex", weight="w",
                               **kwargs)
    assert memw.layer_codes == sqlw.layer_codes == (1, 2)
    np.testing.assert_allclose(memw.counts, sqlw.counts, rtol=1e-12)
    np.testing.assert_allclose(memw.sum_w2, sqlw.sum_w2, rtol=1e-12)
    np.testing.assert_array_equal(memw.n_cases, sqlw.n_cases)
    assert memw.null_weights == sqlw.null_weights == 1
    sub = crosstab_counts_sql(conn, source="answers", rows="sector", cols="active", where=f"sex = {placeholder}",
                              params=(2,), **kwargs)
    np.testing.assert_array_equal(sub.counts, crosstab_counts(sector_f[sex == 2], active[sex == 2], **kwargs).counts)
    f_mem = frequency_counts(sector_f, variable=SECTOR)
    f_sql = frequency_counts_sql(conn, source="answers", column="sector", variable=SECTOR)
    np.testing.assert_array_equal(f_mem.counts, f_sql.counts)
    assert f_mem.exclusion == f_sql.exclusion


def test_numpy_and_sqlite_backends_agree_cell_for_cell():
    conn = sqlite3.connect(":memory:")
    _assert_backends_agree(conn, "?")


def test_numpy_and_postgresql_backends_agree_cell_for_cell():
    dsn = os.environ.get("TRIPARTITE_TEST_PG_DSN")
    if not dsn:
        pytest.skip("set TRIPARTITE_TEST_PG_DSN (a libpq conninfo string) to test the PostgreSQL back-end")
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(dsn) as conn:
        try:
            _assert_backends_agree(conn, "%s")
        finally:
            conn.rollback()
