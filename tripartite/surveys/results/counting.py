"""SQL that counts the answers stored as JSON in `surveys_response`, for SQLite and PostgreSQL.

A single-choice answer is a JSON integer under its question code, so a crosstab is one ``GROUP BY``
over the answer expressions, run by the analysis engine's SQL back-end (`crosstab_counts_sql`).
The expressions are written here and nowhere else:

- PostgreSQL (``jsonb``) and SQLite (3.38 or later): ``answers ->> 'code'``, the answer as a plain SQL
  value (text on PostgreSQL, the JSON value's own type on SQLite), NULL when the question was not
  answered (or holds a JSON null).

No CAST that could fail on an unexpected value: the engine classifies each group's value itself (an
integer code, NULL, anything else "unknown" — a list comes back as its JSON text), so an odd stored
value is reported, never a 500.  Grouping by the text is measured 2.3 times faster on PostgreSQL than
grouping by the ``jsonb`` value (``->``), whose hashing is costly.  PostgreSQL estimates thousands of
groups for such expressions (it has no statistics on them) and would sort a million rows on disk
instead of hashing a few dozen groups, so the counting queries run with a larger ``work_mem``
(`postgres_planner`).

Question codes are checked against the code pattern before they are embedded in SQL; every value
from a request goes in the parameters.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection as default_connection
from django.db import transaction

from tripartite.analysis import (
    CodeCounts,
    CountTable,
    Variable,
    crosstab_counts_from_groups,
    crosstab_counts_sql,
    frequency_counts_sql,
    group_counts_sql,
)
from tripartite.analysis.counting import paramstyle_of, quote_identifier
from tripartite.surveys.models import QUESTION_CODE_RE, Response

TABLE = Response._meta.db_table
ANSWERS = quote_identifier("answers")
CAMPAIGN = quote_identifier("campaign_id")


def vendor(connection: Any = None) -> str:
    """"postgresql" or "sqlite" (the two databases the platform supports)."""
    return (connection or default_connection).vendor


def raw_connection(connection: Any = None) -> Any:
    """The DB-API connection under Django's, opened if needed (what the engine's SQL back-end takes)."""
    conn = connection or default_connection
    conn.ensure_connection()
    return conn.connection


def placeholder(dbapi_connection: Any) -> str:
    """The driver's parameter marker: ``?`` for sqlite3, ``%s`` for psycopg."""
    return "?" if paramstyle_of(dbapi_connection) == "qmark" else "%s"


def checked_code(code: str) -> str:
    """`code` if it is a valid question code (safe to embed in SQL), else ValueError."""
    if not isinstance(code, str) or not QUESTION_CODE_RE.match(code):
        raise ValueError(f"not a question code: {code!r}")
    return code


def answer_sql(code: str, *, vendor_name: str) -> str:
    """SQL for the stored answer to question `code` as a plain value (NULL when not answered)."""
    code = checked_code(code)
    if vendor_name == "postgresql":
        return f"({ANSWERS} ->> '{code}')"
    return f"({ANSWERS} ->> '$.\"{code}\"')"


def inverse_number_sql(code: str, *, vendor_name: str) -> str:
    """SQL for 1 / (the number answered to `code`) when it is a number > 0, else NULL.

    This is the RDS-II weight up to a constant (Volz–Heckathorn: w ∝ 1/degree, `analysis.rds.rds_weights`),
    computed in the database so that a weighted table needs no per-respondent fetch.
    """
    code = checked_code(code)
    if vendor_name == "postgresql":
        # The number is read as text (->>), 10 % cheaper than converting the jsonb value, and the same
        # float: PostgreSQL converts a jsonb number to float8 through that very text.
        number = (f"(CASE WHEN jsonb_typeof({ANSWERS} -> '{code}') = 'number' "
                  f"THEN ({ANSWERS} ->> '{code}')::float8 END)")
    else:
        path = f"'$.\"{code}\"'"
        number = f"(CASE WHEN json_type({ANSWERS}, {path}) IN ('integer', 'real') THEN json_extract({ANSWERS}, {path}) END)"
    return f"(1.0 / NULLIF(GREATEST({number}, 0), 0))" if vendor_name == "postgresql" else (
        f"(1.0 / NULLIF(MAX({number}, 0), 0))")


@contextmanager
def postgres_planner(connection: Any = None) -> Iterator[None]:
    """Run the enclosed counting queries with work_mem large enough for a hash aggregate (PostgreSQL only).

    The result of a GROUP BY over answer codes is tiny, but the planner cannot know it; with the
    default 4 MB it sorts every row on disk (measured 3× slower for three keys or a weight).
    """
    conn = connection or default_connection
    if conn.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=conn.alias):
        with conn.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
        yield


NOT_ASKED = quote_identifier("not_asked")


def asked_sql(codes: Sequence[str], *, vendor_name: str) -> str:
    """SQL that holds for a respondent who was asked every question in `codes` (the list `not_asked` names none
    of them). Codes are checked against the code pattern, so the quoted code is matched exactly in the JSON text
    on SQLite; PostgreSQL asks its jsonb array with ``?|``."""
    checked = [checked_code(code) for code in codes]
    if not checked:
        return "1 = 1"
    if vendor_name == "postgresql":
        names = ", ".join(f"'{code}'" for code in checked)
        return f"NOT ({NOT_ASKED} ?| ARRAY[{names}]::text[])"
    return " AND ".join(f"instr({NOT_ASKED}, '\"{code}\"') = 0" for code in checked)


def campaign_filter(dbapi_connection: Any, campaign_id: int, asked: Sequence[str] = (), *,
                    vendor_name: str = "sqlite") -> tuple[str, tuple[Any, ...]]:
    """WHERE clause and parameters selecting one campaign's responses (those asked every question in `asked`)."""
    where = f"{CAMPAIGN} = {placeholder(dbapi_connection)}"
    if asked:
        where += f" AND {asked_sql(asked, vendor_name=vendor_name)}"
    return where, (int(campaign_id),)


def not_asked_count_db(campaign_id: int, codes: Sequence[str], *, connection: Any = None) -> int:
    """How many of a campaign's respondents were not asked at least one of the questions `codes`."""
    name = vendor(connection)
    conn = raw_connection(connection)
    sql = (f"SELECT COUNT(*) FROM {quote_identifier(TABLE)} WHERE {CAMPAIGN} = {placeholder(conn)} "
           f"AND NOT ({asked_sql(codes, vendor_name=name)})")
    cursor = conn.cursor()
    try:
        cursor.execute(sql, (int(campaign_id),))
        return int(cursor.fetchone()[0] or 0)
    finally:
        cursor.close()


def crosstab_counts_db(
    campaign_id: int, rows: Variable, cols: Variable, layer: Variable | None = None, *,
    inverse_weight_of: str | None = None, connection: Any = None, asked: Sequence[str] = (),
) -> CountTable:
    """Count a campaign's rows × cols (× layer) table in the database: one GROUP BY, nothing fetched per respondent.

    With `inverse_weight_of`, each respondent weighs 1 / their answer to that number question (NULL,
    and so left out and reported, when it is not a number > 0); `inverse_weighted_crosstab_db` also
    gives the campaign's totals of those weights.
    """
    if inverse_weight_of:
        return inverse_weighted_crosstab_db(campaign_id, rows, cols, layer, code=inverse_weight_of,
                                            connection=connection, asked=asked)[0]
    name = vendor(connection)
    conn = raw_connection(connection)
    where, params = campaign_filter(conn, campaign_id, asked, vendor_name=name)
    keys = [answer_sql(v.name, vendor_name=name) for v in (rows, cols, layer) if v is not None]
    with postgres_planner(connection):
        return crosstab_counts_sql(
            conn, source=quote_identifier(TABLE), rows=keys[0], cols=keys[1],
            layer=keys[2] if layer is not None else None, where=where, params=params,
            row_variable=rows, col_variable=cols, layer_variable=layer,
        )


@dataclass(frozen=True)
class InverseTotals:
    """Over all of a campaign's respondents (also those a table leaves out): the weights 1 / number."""

    respondents: int
    valid: int  # respondents whose answer is a number > 0
    inverse_sum: float  # Σ 1 / number over them


def inverse_weighted_crosstab_db(
    campaign_id: int, rows: Variable, cols: Variable, layer: Variable | None = None, *, code: str,
    connection: Any = None, asked: Sequence[str] = (),
) -> tuple[CountTable, InverseTotals]:
    """The table weighted by 1 / the answer to number question `code`, and the campaign's totals of those
    weights, from ONE pass over the responses (a weighted `crosstab_counts_db` and a second pass for the totals would
    give the same, reading a million answers twice).

    The GROUP BY returns every combination of answers, also the ones the table leaves out (an unknown
    code, no answer), so summing its groups gives the totals over all respondents; the engine folds
    the same groups into the table.
    """
    name = vendor(connection)
    conn = raw_connection(connection)
    where, params = campaign_filter(conn, campaign_id, asked, vendor_name=name)
    keys = [answer_sql(v.name, vendor_name=name) for v in (rows, cols, layer) if v is not None]
    # Each respondent's weight is computed once in a subquery (OFFSET 0 keeps PostgreSQL from inlining
    # it, which would evaluate the expression once per aggregate).
    columns = ", ".join(f"{key} AS g{i}" for i, key in enumerate(keys))
    fence = " OFFSET 0" if name == "postgresql" else ""
    source = (f"(SELECT {columns}, {inverse_number_sql(code, vendor_name=name)} AS w "
              f"FROM {quote_identifier(TABLE)} WHERE {where}{fence}) AS t")
    with postgres_planner(connection):
        groups = group_counts_sql(conn, source=source, keys=[f"g{i}" for i in range(len(keys))], weight="w",
                                  params=params)
    m = len(keys)
    totals = InverseTotals(
        respondents=sum(int(g[m]) for g in groups),
        valid=sum(int(g[m + 1]) for g in groups),
        inverse_sum=math.fsum(float(g[m + 2] or 0.0) for g in groups),
    )
    table = crosstab_counts_from_groups(groups, weighted=True, layered=layer is not None,
                                        row_variable=rows, col_variable=cols, layer_variable=layer)
    return table, totals


def frequency_counts_db(campaign_id: int, variable: Variable, *, connection: Any = None,
                        asked: Sequence[str] = ()) -> CodeCounts:
    """Count one single-choice question of a campaign in the database (among those asked `asked`)."""
    name = vendor(connection)
    conn = raw_connection(connection)
    where, params = campaign_filter(conn, campaign_id, asked, vendor_name=name)
    return frequency_counts_sql(
        conn, source=quote_identifier(TABLE), column=answer_sql(variable.name, vendor_name=name),
        where=where, params=params, variable=variable,
    )


def choice_counts_db(campaign_id: int, code: str, *, connection: Any = None,
                     asked: Sequence[str] = ()) -> tuple[dict[int, int], int, int]:
    """A multiple-choice question: respondents per chosen option code, respondents who answered, all respondents.

    Options are not exclusive, so these are counts of respondents choosing each option (they may sum
    to more than the number who answered).  Values that are not integer codes are ignored.
    """
    name = vendor(connection)
    conn = raw_connection(connection)
    code = checked_code(code)
    mark = placeholder(conn)
    if asked:
        mark += f" AND {asked_sql(asked, vendor_name=name)}"
    table = quote_identifier(TABLE)
    if name == "postgresql":
        per_option = (
            f"SELECT e.value, COUNT(*) FROM {table}, "
            f"jsonb_array_elements(CASE WHEN jsonb_typeof({ANSWERS} -> '{code}') = 'array' "
            f"THEN {ANSWERS} -> '{code}' ELSE '[]'::jsonb END) AS e(value) "
            f"WHERE {CAMPAIGN} = {mark} GROUP BY e.value"
        )
        answered = (
            f"SELECT COUNT(*) FILTER (WHERE jsonb_array_length(CASE WHEN jsonb_typeof({ANSWERS} -> '{code}') = 'array' "
            f"THEN {ANSWERS} -> '{code}' ELSE '[]'::jsonb END) > 0), COUNT(*) FROM {table} WHERE {CAMPAIGN} = {mark}"
        )
    else:
        path = f"'$.\"{code}\"'"
        per_option = (
            f"SELECT e.value, COUNT(*) FROM {table}, json_each({table}.{ANSWERS}, {path}) AS e "
            f"WHERE {CAMPAIGN} = {mark} AND json_type({table}.{ANSWERS}, {path}) = 'array' "
            "AND e.type IN ('integer', 'real') GROUP BY e.value"
        )
        answered = (
            f"SELECT SUM(CASE WHEN json_type({ANSWERS}, {path}) = 'array' AND json_array_length({ANSWERS}, {path}) > 0 "
            f"THEN 1 ELSE 0 END), COUNT(*) FROM {table} WHERE {CAMPAIGN} = {mark}"
        )
    counts: dict[int, int] = {}
    cursor = conn.cursor()
    try:
        cursor.execute(per_option, (int(campaign_id),))
        for value, n in cursor.fetchall():
            number = as_number(value)
            if number is not None and number.is_integer():
                counts[int(number)] = counts.get(int(number), 0) + int(n)
        cursor.execute(answered, (int(campaign_id),))
        n_answered, n_all = cursor.fetchone()
    finally:
        cursor.close()
    return counts, int(n_answered or 0), int(n_all or 0)


def grouped_answers_db(campaign_id: int, codes: Sequence[str], *, connection: Any = None,
                       asked: Sequence[str] = ()) -> list[tuple[Any, ...]]:
    """Distinct combinations of the answers to `codes` with how many respondents gave each: ``(v1, ..., n)``.

    Weighted tables need per-respondent values (the weight depends on the answers to the raking
    questions or the network size); grouping in the database returns a few thousand rows instead
    of every respondent, and `expand` turns them back into per-respondent arrays.
    """
    name = vendor(connection)
    conn = raw_connection(connection)
    where, params = campaign_filter(conn, campaign_id, asked, vendor_name=name)
    keys = ", ".join(f"{answer_sql(code, vendor_name=name)} AS g{i}" for i, code in enumerate(codes))
    group = ", ".join(str(i + 1) for i in range(len(codes)))
    sql = f"SELECT {keys}, COUNT(*) FROM {quote_identifier(TABLE)} WHERE {where} GROUP BY {group}"
    with postgres_planner(connection):
        cursor = conn.cursor()
        try:
            cursor.execute(sql, params)
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()


def as_number(value: Any) -> float | None:
    """A stored answer value as a float: JSON text (PostgreSQL) or a native value (SQLite); None if not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, (str, bytes)):
        try:
            parsed = json.loads(value)
        except ValueError:
            return None
        if isinstance(parsed, bool) or not isinstance(parsed, (int, float)):
            return None
        number = float(parsed)
    else:
        try:
            number = float(value)  # Decimal
        except (TypeError, ValueError):
            return None
    return number if math.isfinite(number) else None
