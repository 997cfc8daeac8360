"""Rendering analysis results for people and programs: terminal text, CSV, XLSX, JSON, and .sav export.

Renderers take the plain dictionary of a result (`Crosstab.to_dict()`, `Frequencies.to_dict()`, the
JSON shape documented in issue 3) rather than the objects, so the web layer, the command line and a
notebook all render the very same data, and a stored JSON result can be re-rendered later.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tripartite.analysis.i18n import decimal_separator, gettext

if TYPE_CHECKING:
    import pandas as pd

    from tripartite.analysis.codebook import Codebook
    from tripartite.analysis.readers import Dataset

FORMATS = ("text", "csv", "json", "xlsx")
_STAT_KEYS = ("pearson", "likelihood_ratio", "linear_by_linear")
_MEASURE_KEYS = ("cramers_v", "phi", "contingency_coefficient")
#: The words for a result's tests, measures and sections, under their keys in the result (English msgids of the
#: analysis catalogues).
KEY_LABELS: Mapping[str, str] = {
    "rao_scott": "Rao–Scott corrected chi-square",
    "rao_scott_f": "Rao–Scott second-order F",
    "mean_deff": "Mean generalized design effect (Rao–Scott)",
    "pearson_weighted": "Pearson chi-square, weighted (not design-corrected)",
    "likelihood_ratio_design": "Likelihood ratio, Rao–Scott corrected",
    "linear_by_linear_design": "Linear-by-linear association, design-corrected",
    "pearson": "Pearson chi-square",
    "likelihood_ratio": "Likelihood ratio",
    "linear_by_linear": "Linear-by-linear association",
    "fisher": "Fisher's exact test",
    "cramers_v": "Cramér's V",
    "phi": "Phi",
    "contingency_coefficient": "Contingency coefficient",
    "warnings": "Warnings",
    "findings": "Findings",
}


def key_label(key: str, lang: str) -> str:
    """The name of a result's test, measure or section (`KEY_LABELS`) in `lang`."""
    return gettext(lang, KEY_LABELS[key])


def statistic_key(key: str, table: Mapping[str, Any]) -> str:
    """The label key of a test: a weighted table's tests are named by how they were corrected."""
    if not table.get("weighted"):
        return key
    return {"pearson": "pearson_weighted", "likelihood_ratio": "likelihood_ratio_design",
            "linear_by_linear": "linear_by_linear_design"}.get(key, key)


def statistics_rows(table: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """(name, figures) of every test of a crosstab, in the reader's notation, first the one that decides.

    Shared by the terminal text and the reports: a weighted table shows the Rao–Scott second- and
    first-order tests, then its other tests under the names that say how they were corrected.
    """
    stats = table.get("statistics") or {}
    out: list[tuple[str, str]] = []
    df_word = gettext(lang, "df")
    rs = table.get("rao_scott")
    if isinstance(rs, Mapping):
        second = rs.get("second_order")
        if isinstance(second, Mapping):
            out.append((key_label("rao_scott_f", lang),
                        f"F = {_fmt_stat(second.get('f'), 3, lang)}  {df_word} = {_fmt_stat(second.get('ndf'), 2, lang)}; "
                        f"{_fmt_stat(second.get('ddf'), 1, lang)}  p = {_fmt_p(second.get('p'), lang)}"))
        out.append((key_label("rao_scott", lang),
                    f"χ² = {_fmt_stat(rs.get('chi2'), 3, lang)}  {df_word} = {rs.get('df', '—')}  "
                    f"p = {_fmt_p(rs.get('p'), lang)}"))
        out.append((key_label("mean_deff", lang), _fmt_stat(rs.get("mean_deff"), 3, lang)))
    for key in _STAT_KEYS:
        test = stats.get(key)
        if isinstance(test, Mapping) and (test.get("chi2") is not None or not table.get("weighted")):
            out.append((key_label(statistic_key(key, table), lang),
                        f"χ² = {_fmt_stat(test.get('chi2'), 3, lang)}  {df_word} = {test.get('df', '—')}  "
                        f"p = {_fmt_p(test.get('p'), lang)}"))
    fisher = table.get("fisher") or stats.get("fisher")
    if isinstance(fisher, Mapping) and fisher.get("p") is not None:
        out.append((key_label("fisher", lang), f"p = {_fmt_p(fisher.get('p'), lang)}"))
    return out


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _is_crosstab(result: Mapping[str, Any]) -> bool:
    return "rows" in result and "cols" in result


def _layers(result: Mapping[str, Any], lang: str = "en") -> list[tuple[str | None, Mapping[str, Any]]]:
    """(layer title, two-way table) pairs: each layer's sub-table, then the total table when layered."""
    layers = result.get("layers") or []
    if not layers:
        return [(None, result)]
    out: list[tuple[str | None, Mapping[str, Any]]] = []
    for table in layers:
        layer = table.get("layer") or {}
        label = layer.get("label", layer.get("code", ""))
        out.append((f"{layer.get('name', '')} = {label}" if layer.get("name") else str(label), table))
    out.append((gettext(lang, "Total"), result))
    return out


def _decimal(text: str, lang: str) -> str:
    """Digits written with the language's decimal mark (a comma in Kazakh and Russian)."""
    return text.replace(".", decimal_separator(lang))


def _number(value: Any, *, weighted: bool = False, lang: str = "en") -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not math.isfinite(value):
        return "—"
    if weighted or (isinstance(value, float) and not float(value).is_integer()):
        return _decimal(f"{value:,.1f}".replace(",", " "), lang)
    return f"{int(value)}"


def _pct(value: Any, lang: str = "en") -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return _decimal(f"{value:.2f}%", lang)


def _fmt_stat(value: Any, digits: int = 3, lang: str = "en") -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    if isinstance(value, int):
        return str(value)
    return _decimal(f"{value:.{digits}f}", lang)


def _fmt_p(value: Any, lang: str = "en") -> str:
    if value is None:
        return "—"
    return _decimal("<0.001" if value < 0.001 else f"{value:.3f}", lang)


def _row_total(counts: Sequence[Any]) -> Any:
    if any(c is None for c in counts):
        return None
    return sum(counts)


def _text_of(item: Any, lang: str) -> str:
    """A finding or warning as text: a string, or a dict carrying `text` (or a per-language mapping)."""
    if isinstance(item, str):
        return item
    if isinstance(item, Mapping):
        for key in ("text", "message", "summary"):
            value = item.get(key)
            if isinstance(value, str):
                return value
            if isinstance(value, Mapping):
                return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
        return json.dumps(item, ensure_ascii=False)
    return str(item)


def _marginals(table: Mapping[str, Any]) -> tuple[list[Any], list[Any], Any]:
    """Row totals, column totals and the grand total: the result's own, else summed from the counts."""
    counts = table["counts"]
    if table.get("row_totals") is not None and table.get("col_totals") is not None:
        return list(table["row_totals"]), list(table["col_totals"]), table.get("total")
    row_totals = [_row_total(row) for row in counts]
    ncols = len(table["cols"]["codes"])
    col_totals = [_row_total([row[j] for row in counts]) for j in range(ncols)]
    grand = _row_total(row_totals) if counts else 0
    return row_totals, col_totals, grand


def _safe_pct(part: Any, whole: Any) -> float | None:
    if part is None or whole in (None, 0):
        return None
    return 100.0 * part / whole


# ---------------------------------------------------------------------------------------------
# Text


def render_text(result: Mapping[str, Any], *, lang: str = "en", title: str | None = None) -> str:
    """An aligned table for the terminal: counts with row % beneath (crosstab) or a frequency table."""
    if _is_crosstab(result):
        blocks = [_crosstab_text(table, lang=lang, title=layer) for layer, table in _layers(result, lang)]
        head = [title] if title else []
        return "\n\n".join([*head, *blocks]).rstrip() + "\n"
    return _frequencies_text(result, lang=lang, title=title)


def _crosstab_text(table: Mapping[str, Any], *, lang: str, title: str | None) -> str:
    weighted = bool(table.get("weighted"))
    rows, cols = table["rows"], table["cols"]
    counts, row_pct = table["counts"], table.get("row_pct") or []
    row_totals, col_totals, grand = _marginals(table)
    header = [rows.get("name", ""), "", *map(str, cols["labels"]), gettext(lang, "Total")]
    body: list[list[str]] = []
    for i, label in enumerate(rows["labels"]):
        body.append([str(label), gettext(lang, "Count"),
                     *(_number(c, weighted=weighted, lang=lang) for c in counts[i]),
                     _number(row_totals[i], weighted=weighted, lang=lang)])
        pcts = row_pct[i] if i < len(row_pct) else [_safe_pct(c, row_totals[i]) for c in counts[i]]
        body.append(["", gettext(lang, "Row %"), *(_pct(p, lang) for p in pcts),
                     _pct(100.0 if row_totals[i] else None, lang)])
    body.append([gettext(lang, "Total"), gettext(lang, "Count"),
                 *(_number(c, weighted=weighted, lang=lang) for c in col_totals),
                 _number(grand, weighted=weighted, lang=lang)])
    body.append(["", gettext(lang, "Row %"), *(_pct(_safe_pct(c, grand), lang) for c in col_totals),
                 _pct(100.0 if grand else None, lang)])
    widths = [max(len(line[j]) for line in [header, *body]) for j in range(len(header))]
    lines = []
    caption = f"{rows.get('name', '')} × {cols.get('name', '')}"
    if title:
        caption = f"{title}: {caption}"
    n = table.get("total", table.get("n"))
    lines.append(f"{caption}   ({gettext(lang, 'N')} = {_number(n, weighted=weighted, lang=lang)}"
                 f"{', ' + gettext(lang, 'weighted') if weighted else ''})")
    lines.append(_align(header, widths))
    lines.append("  ".join("-" * w for w in widths))
    for k, line in enumerate(body):
        if k == len(body) - 2:
            lines.append("  ".join("-" * w for w in widths))
        lines.append(_align(line, widths))
    if any(c is None for row in counts for c in row):
        lines.append("— " + gettext(lang, "suppressed (fewer than %(k)s)") % {"k": table.get("k", 5)})
    lines.extend(_statistics_text(table, lang=lang))
    return "\n".join(lines)


def _align(cells: Sequence[str], widths: Sequence[int]) -> str:
    # Labels left, numbers right, as SPSS prints them.
    out = [cells[0].ljust(widths[0]), cells[1].ljust(widths[1])]
    out += [c.rjust(w) for c, w in zip(cells[2:], widths[2:], strict=True)]
    return "  ".join(out).rstrip()


def _statistics_text(table: Mapping[str, Any], *, lang: str) -> list[str]:
    stats = table.get("statistics") or {}
    lines: list[str] = []
    tests = statistics_rows(table, lang)
    if tests:
        lines.append("")
        lines.append(gettext(lang, "Statistics"))
        name_width = max(len(name) for name, _ in tests)
        lines.extend(f"  {name.ljust(name_width)}  {figures}" for name, figures in tests)
    measures = [f"{key_label(key, lang)} = {_fmt_stat(stats.get(key), 3, lang)}" for key in _MEASURE_KEYS
                if key in stats]
    if measures:
        lines.append("  " + "; ".join(measures))
    if table.get("design_effect") is not None:
        lines.append("  " + gettext(lang, "Kish design effect %(deff)s; effective n %(neff)s") % {
            "deff": _fmt_stat(table.get("design_effect"), 3, lang),
            "neff": _fmt_stat(table.get("effective_n"), 1, lang)})
    cells = table.get("residual_cells") or []
    if cells:
        lines.append("")
        lines.append(gettext(lang, _residuals_title(table)))
        rows, cols = table["rows"], table["cols"]
        for cell in cells:
            sign = "+" if (cell.get("residual") or 0) > 0 else "−"
            lines.append("  " + gettext(lang, "%(row)s × %(col)s: %(residual)s (Bonferroni p = %(p)s)%(mark)s") % {
                "row": rows["labels"][cell["row"]], "col": cols["labels"][cell["col"]],
                "residual": sign + _decimal(f"{abs(cell.get('residual') or 0):.2f}", lang),
                "p": _fmt_p(cell.get("p_bonferroni"), lang),
                "mark": " *" if cell.get("significant_bonferroni") else "",
            })
    for key in ("warnings", "findings"):
        items = table.get(key) or []
        if items:
            lines.append("")
            lines.append(key_label(key, lang))
            lines.extend(f"  - {_text_of(item, lang)}" for item in items)
    excluded = exclusion_lines(table, lang=lang)
    if excluded:
        lines += ["", gettext(lang, "Excluded"), *(f"  {line}" for line in excluded)]
    return lines


def _residuals_title(table: Mapping[str, Any]) -> str:
    if table.get("weighted"):
        return "Design-based adjusted residuals beyond ±1.96 (* significant after Bonferroni correction)"
    return "Adjusted residuals beyond ±1.96 (* significant after Bonferroni correction)"


def exclusion_lines(result: Mapping[str, Any], *, lang: str = "en") -> list[str]:
    """One line per variable that lost rows: empty cells, declared missing codes, unknown codes."""
    missing = result.get("missing")
    entries = missing if isinstance(missing, list) else [missing] if isinstance(missing, Mapping) else []
    lines = []
    for entry in entries:
        null, declared, unknown = (int(entry.get(k) or 0) for k in ("null", "declared_missing", "unknown"))
        if not (null or declared or unknown):
            continue
        codes = ", ".join(str(c) for c in entry.get("unknown_codes") or [])
        lines.append(gettext(lang, "%(name)s: empty %(empty)s, declared missing %(missing)s, unknown codes %(unknown)s") % {
            "name": entry.get("variable", ""), "empty": null, "missing": declared, "unknown": unknown}
            + (f" ({codes})" if codes else ""))
    return lines


def frequency_rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One dict per valid code: code, label, count, percent, valid_percent, cumulative_percent."""
    if isinstance(result.get("categories"), list):
        return [dict(r) for r in result["categories"]]
    codes = list(result.get("codes", []))
    labels = list(result.get("labels", [str(c) for c in codes]))
    counts = list(result.get("counts", []))
    valid_total = sum(c for c in counts if c is not None)
    total = result.get("n_total") or result.get("total") or valid_total + _missing_total(result)
    percent = result.get("percent") or [_safe_pct(c, total) for c in counts]
    valid_percent = result.get("valid_percent") or [_safe_pct(c, valid_total) for c in counts]
    cumulative = result.get("cumulative_percent")
    if cumulative is None:
        running, cumulative = 0.0, []
        for p in valid_percent:
            running += p or 0.0
            cumulative.append(running)
    return [
        {"code": c, "label": lab, "count": k, "percent": p, "valid_percent": vp, "cumulative_percent": cp}
        for c, lab, k, p, vp, cp in zip(codes, labels, counts, percent, valid_percent, cumulative, strict=False)
    ]


def _missing_total(result: Mapping[str, Any]) -> float:
    if isinstance(result.get("n_missing"), (int, float)):
        return float(result["n_missing"])
    missing = result.get("missing")
    if isinstance(missing, (int, float)):
        return float(missing)
    if isinstance(missing, Mapping):
        return float(sum(int(missing.get(k) or 0) for k in ("null", "declared_missing", "unknown")))
    return 0.0


def _variable_of(result: Mapping[str, Any]) -> tuple[str, str]:
    """(name, title) of a frequencies result."""
    variable = result.get("variable")
    if isinstance(variable, Mapping):
        return str(variable.get("name", "")), str(variable.get("title") or variable.get("name", ""))
    return str(result.get("name", "")), str(result.get("title") or result.get("name", ""))


def _frequencies_text(result: Mapping[str, Any], *, lang: str, title: str | None) -> str:
    weighted = bool(result.get("weighted"))
    categories = frequency_rows(result)
    header = [gettext(lang, "Code"), gettext(lang, "Label"), gettext(lang, "Count"), gettext(lang, "Percent"),
              gettext(lang, "Valid percent"), gettext(lang, "Cumulative percent"), gettext(lang, "95% CI")]
    body = [
        [str(r.get("code", "")), str(r.get("label", "")), _number(r.get("count"), weighted=weighted, lang=lang),
         _pct(r.get("percent"), lang), _pct(r.get("valid_percent"), lang), _pct(r.get("cumulative_percent"), lang),
         _ci(r.get("ci95"), lang)]
        for r in categories
    ]
    valid_total = result.get("n_valid")
    if valid_total is None:
        valid_total = sum(r.get("count") or 0 for r in categories)
    missing = _missing_total(result)
    grand = valid_total + missing
    body.append(["", gettext(lang, "Valid"), _number(valid_total, weighted=weighted, lang=lang),
                 _pct(_safe_pct(valid_total, grand), lang), _pct(100.0 if valid_total else None, lang), "", ""])
    if missing:
        body.append(["", gettext(lang, "Missing"), _number(missing, weighted=weighted, lang=lang),
                     _pct(_safe_pct(missing, grand), lang), "", "", ""])
    widths = [max(len(line[j]) for line in [header, *body]) for j in range(len(header))]
    name, text = _variable_of(result)
    caption = title or (f"{name} — {text}" if text and text != name else name)
    lines = [f"{caption}   ({gettext(lang, 'N')} = {_number(grand, weighted=weighted, lang=lang)}"
             f"{', ' + gettext(lang, 'weighted') if weighted else ''})",
             _align(header, widths), "  ".join("-" * w for w in widths)]
    for k, line in enumerate(body):
        if k == len(body) - (2 if missing else 1):
            lines.append("  ".join("-" * w for w in widths))
        lines.append(_align(line, widths))
    if result.get("design_effect") is not None:
        lines += ["", gettext(lang, "Kish design effect %(deff)s; effective n %(neff)s") % {
            "deff": _fmt_stat(result.get("design_effect"), 3, lang),
            "neff": _fmt_stat(result.get("effective_n"), 1, lang)}]
    for key in ("warnings", "findings"):
        items = result.get(key) or []
        if items:
            lines += ["", key_label(key, lang), *(f"  - {_text_of(i, lang)}" for i in items)]
    excluded = exclusion_lines(result, lang=lang)
    if excluded:
        lines += ["", gettext(lang, "Excluded"), *(f"  {line}" for line in excluded)]
    return "\n".join(lines) + "\n"


def _ci(value: Any, lang: str = "en") -> str:
    if not value or value[0] is None or value[1] is None:
        return ""
    return _decimal(f"{value[0]:.1f}–{value[1]:.1f}%", lang)


# ---------------------------------------------------------------------------------------------
# CSV and JSON


def render_csv(result: Mapping[str, Any]) -> str:
    """Tidy CSV: one line per cell (crosstab) or per code (frequencies), codes and labels side by side."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not _is_crosstab(result):
        writer.writerow(["code", "label", "count", "percent", "valid_percent", "cumulative_percent"])
        for r in frequency_rows(result):
            writer.writerow([r.get("code"), r.get("label"), _csv(r.get("count")), _csv(r.get("percent")),
                             _csv(r.get("valid_percent")), _csv(r.get("cumulative_percent"))])
        return buffer.getvalue()
    writer.writerow(["layer", "row_code", "row_label", "col_code", "col_label", "count", "expected",
                     "row_pct", "col_pct", "total_pct", "adjusted_residual"])
    for layer, table in _layers(result):
        rows, cols = table["rows"], table["cols"]
        grand = _marginals(table)[2]
        for i, (rc, rl) in enumerate(zip(rows["codes"], rows["labels"], strict=True)):
            for j, (cc, cl) in enumerate(zip(cols["codes"], cols["labels"], strict=True)):
                count = table["counts"][i][j]
                writer.writerow([
                    layer or "", rc, rl, cc, cl, _csv(count), _csv(_cell(table, "expected", i, j)),
                    _csv(_cell(table, "row_pct", i, j)), _csv(_cell(table, "col_pct", i, j)),
                    _csv(_cell(table, "total_pct", i, j, default=_safe_pct(count, grand))),
                    _csv(_cell(table, "adjusted_residuals", i, j)),
                ])
    return buffer.getvalue()


def _cell(table: Mapping[str, Any], key: str, i: int, j: int, default: Any = None) -> Any:
    grid = table.get(key)
    if not grid:
        return default
    try:
        return grid[i][j]
    except (IndexError, TypeError):
        return default


def _csv(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 10)) if not value.is_integer() else str(int(value))
    return value


def render_json(result: Mapping[str, Any]) -> str:
    """The result dictionary as JSON (UTF-8 labels kept readable)."""
    return json.dumps(result, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if not np.isfinite(value) else float(value)
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# ---------------------------------------------------------------------------------------------
# XLSX


def write_xlsx(result: Mapping[str, Any], path: str | Path, *, lang: str = "en") -> Path:
    """An XLSX workbook: counts with row % beneath, statistics below; one sheet per layer (and total)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    if _is_crosstab(result):
        used: set[str] = set()
        for layer, table in _layers(result, lang):
            sheet = workbook.create_sheet(_sheet_name(layer or "Table", used))
            _crosstab_sheet(sheet, table, lang=lang, title=layer, bold=bold, align=Alignment)
    else:
        sheet = workbook.create_sheet("Frequencies")
        _frequencies_sheet(sheet, result, lang=lang, bold=bold)
    target = Path(path)
    workbook.save(target)
    return target


def _sheet_name(title: str, used: set[str]) -> str:
    # Excel forbids []:*?/\ in sheet names and cuts them at 31 characters.
    base = re.sub(r"[\[\]:*?/\\]", "_", title)[:31] or "Table"
    name, k = base, 2
    while name in used:
        suffix = f" ({k})"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(name)
    return name


def _crosstab_sheet(sheet: Any, table: Mapping[str, Any], *, lang: str, title: str | None, bold: Any,
                    align: Any) -> None:
    weighted = bool(table.get("weighted"))
    rows, cols = table["rows"], table["cols"]
    row_totals, col_totals, grand = _marginals(table)
    caption = f"{rows.get('name', '')} × {cols.get('name', '')}"
    sheet.append([f"{title}: {caption}" if title else caption])
    sheet["A1"].font = bold
    sheet.append([rows.get("name", ""), "", *cols["labels"], gettext(lang, "Total")])
    for cell in sheet[2]:
        cell.font = bold
        cell.alignment = align(wrap_text=True, vertical="top")
    count_format = "0.0" if weighted else "0"
    row_pct = table.get("row_pct") or []
    for i, label in enumerate(rows["labels"]):
        sheet.append([label, gettext(lang, "Count"), *table["counts"][i], row_totals[i]])
        for cell in sheet[sheet.max_row][2:]:
            cell.number_format = count_format
        pcts = row_pct[i] if i < len(row_pct) else [_safe_pct(c, row_totals[i]) for c in table["counts"][i]]
        sheet.append(["", gettext(lang, "Row %"), *_rounded(pcts), 100.0 if row_totals[i] else None])
        for cell in sheet[sheet.max_row][2:]:
            cell.number_format = '0.00"%"'
    sheet.append([gettext(lang, "Total"), gettext(lang, "Count"), *col_totals, grand])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    sheet.append(["", gettext(lang, "Row %"), *_rounded([_safe_pct(c, grand) for c in col_totals]),
                  100.0 if grand else None])
    for cell in sheet[sheet.max_row][2:]:
        cell.number_format = '0.00"%"'
    sheet.append([])
    stats = table.get("statistics") or {}
    header = [gettext(lang, "Statistics"), gettext(lang, "Value"), gettext(lang, "df"), gettext(lang, "p")]
    if isinstance(table.get("rao_scott"), Mapping) and table["rao_scott"].get("second_order"):
        header.append(gettext(lang, "denominator df"))
    sheet.append(header)
    first_stat_row = sheet.max_row + 1
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    if isinstance(table.get("rao_scott"), Mapping):
        rs = table["rao_scott"]
        second = rs.get("second_order")
        if isinstance(second, Mapping):
            # Two degrees of freedom (numerator; denominator), both Satterthwaite's, non-integer.
            sheet.append([key_label("rao_scott_f", lang), second.get("f"), second.get("ndf"), second.get("p"),
                          second.get("ddf")])
        sheet.append([key_label("rao_scott", lang), rs.get("chi2"), rs.get("df"), rs.get("p")])
        sheet.append([key_label("mean_deff", lang), rs.get("mean_deff")])
    for key in _STAT_KEYS:
        test = stats.get(key)
        if isinstance(test, Mapping):
            sheet.append([key_label(statistic_key(key, table), lang), test.get("chi2"), test.get("df"), test.get("p")])
    fisher = table.get("fisher") or stats.get("fisher")
    if isinstance(fisher, Mapping) and fisher.get("p") is not None:
        sheet.append([key_label("fisher", lang), fisher.get("odds_ratio"), None, fisher.get("p")])
    for key in _MEASURE_KEYS:
        if key in stats:
            sheet.append([key_label(key, lang), stats.get(key)])
    # Figures are numbers with a format, never text: Excel shows them with the reader's decimal mark.
    for row in sheet.iter_rows(min_row=first_stat_row, max_row=sheet.max_row, min_col=2, max_col=5):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = "0.000"
    sheet.append([gettext(lang, "N"), table.get("total", table.get("n"))])
    if table.get("design_effect") is not None:
        sheet.append([gettext(lang, "Kish design effect"), table.get("design_effect")])
        sheet.append([gettext(lang, "Effective sample size"), table.get("effective_n")])
    cells = table.get("residual_cells") or []
    if cells:
        sheet.append([])
        sheet.append([gettext(lang, _residuals_title(table)), gettext(lang, "Value"), gettext(lang, "Bonferroni p")])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for cell in cells:
            sheet.append([f"{rows['labels'][cell['row']]} × {cols['labels'][cell['col']]}", cell.get("residual"),
                          cell.get("p_bonferroni")])
    excluded = exclusion_lines(table, lang=lang)
    if excluded:
        sheet.append([])
        sheet.append([gettext(lang, "Excluded")])
        for line in excluded:
            sheet.append([line])
    for key in ("warnings", "findings"):
        items = table.get(key) or []
        if items:
            sheet.append([])
            sheet.append([key_label(key, lang)])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            for item in items:
                sheet.append([_text_of(item, lang)])
    sheet.column_dimensions["A"].width = max(12, min(45, max((len(str(x)) for x in rows["labels"]), default=10) + 2))
    sheet.column_dimensions["B"].width = 14
    for j in range(len(cols["labels"]) + 1):
        sheet.column_dimensions[_column_letter(j + 3)].width = 16


def _rounded(values: Sequence[Any]) -> list[Any]:
    return [None if v is None else round(float(v), 10) for v in values]


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _frequencies_sheet(sheet: Any, result: Mapping[str, Any], *, lang: str, bold: Any) -> None:
    name, text = _variable_of(result)
    sheet.append([f"{name} — {text}" if text and text != name else name])
    sheet["A1"].font = bold
    sheet.append([gettext(lang, "Code"), gettext(lang, "Label"), gettext(lang, "Count"), gettext(lang, "Percent"),
                  gettext(lang, "Valid percent"), gettext(lang, "Cumulative percent")])
    for cell in sheet[2]:
        cell.font = bold
    for r in frequency_rows(result):
        sheet.append([r.get("code"), r.get("label"), r.get("count"), *_rounded(
            [r.get("percent"), r.get("valid_percent"), r.get("cumulative_percent")])])
        for cell in sheet[sheet.max_row][3:]:
            cell.number_format = '0.00"%"'
    missing = _missing_total(result)
    if missing:
        sheet.append(["", gettext(lang, "Missing"), missing])
    sheet.append([gettext(lang, "N"), None, result.get("n_total", result.get("n"))])
    for key in ("warnings",):
        for item in result.get(key) or []:
            sheet.append([_text_of(item, lang)])
    for line in exclusion_lines(result, lang=lang):
        sheet.append([line])
    sheet.column_dimensions["B"].width = 40


# ---------------------------------------------------------------------------------------------
# Writing a result, and a data set


def render(result: Mapping[str, Any], fmt: str, *, lang: str = "en") -> str:
    """Text, CSV or JSON as a string (XLSX is binary: use `write_xlsx`)."""
    if fmt == "text":
        return render_text(result, lang=lang)
    if fmt == "csv":
        return render_csv(result)
    if fmt == "json":
        return render_json(result)
    raise ValueError(f"unknown text format {fmt!r}; use one of text, csv, json")


def write_result(result: Mapping[str, Any], path: str | Path, fmt: str, *, lang: str = "en") -> Path:
    """Write a result to `path` in `fmt` (text, csv, json, xlsx)."""
    target = Path(path)
    if fmt == "xlsx":
        return write_xlsx(result, target, lang=lang)
    target.write_text(render(result, fmt, lang=lang), encoding="utf-8")
    return target


def write_sav(
    data: Dataset | pd.DataFrame,
    path: str | Path,
    *,
    codebook: Codebook | None = None,
    lang: str = "en",
) -> Path:
    """An SPSS .sav file of a data set with its value labels, question texts, missing codes and measure.

    Labels are written in `lang` (SPSS holds one language per file). Coded columns keep their codes;
    empty cells become system-missing; declared missing codes are declared user-missing again.
    """
    import pandas as pd
    import pyreadstat

    from tripartite.analysis.readers import Dataset

    if isinstance(data, Dataset):
        frame = pd.DataFrame({name: data.array(name) for name in data.codes}
                             | {name: data.values[name] for name in data.values})
        codebook = codebook or data.codebook
    else:
        frame = data
    value_labels: dict[str, dict[int | float, str]] = {}
    column_labels: dict[str, str | None] = {}
    missing: dict[str, list[Any]] = {}
    measure: dict[str, str] = {}
    for name in frame.columns:
        variable = codebook.get(str(name)) if codebook is not None else None
        if variable is None:
            column_labels[str(name)] = None
            measure[str(name)] = "scale" if frame[name].dtype.kind in "iuf" else "nominal"
            continue
        labels: dict[int | float, str] = {int(code): variable.label(code, lang) for code in (*variable.codes, *variable.missing)
                  if code in variable.labels}
        if labels:
            value_labels[str(name)] = labels
        column_labels[str(name)] = variable.text(lang) if variable.title else None
        if variable.missing:
            missing[str(name)] = _spss_missing(variable.missing, variable.codes)
        # A variable with no valid codes but declared missing ones is a measured number (its missing codes
        # labelled), not a category.
        numeric = not variable.codes and frame[name].dtype.kind in "iuf"
        measure[str(name)] = "ordinal" if variable.ordinal else "scale" if numeric else "nominal"
    target = Path(path)
    pyreadstat.write_sav(
        frame,
        str(target),
        column_labels=column_labels,
        variable_value_labels=value_labels,
        missing_ranges=missing or None,
        variable_measure=measure,
    )
    return target


def _spss_missing(declared: Sequence[int], valid: Sequence[int]) -> list[Any]:
    """SPSS user-missing values: up to three codes, or one range when no valid code lies inside it."""
    codes = sorted(set(declared))
    if len(codes) <= 3:
        return list(codes)
    lo, hi = codes[0], codes[-1]
    if not any(lo <= c <= hi for c in valid):
        return [{"lo": lo, "hi": hi}]
    # SPSS cannot hold more than three discrete values here; the rest would need a range that
    # does not swallow a valid code, which this codebook does not allow.
    return list(codes[:3])


def write_table(frame: pd.DataFrame, path: str | Path, *, codebook: Codebook | None = None, lang: str = "en") -> Path:
    """A whole data set (e.g. with a new weight column) to .csv, .xlsx or .sav, chosen by the suffix."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        frame.to_csv(target, index=False)
    elif suffix == ".xlsx":
        frame.to_excel(target, index=False, engine="openpyxl")
    elif suffix == ".sav":
        write_sav(frame, target, codebook=codebook, lang=lang)
    else:
        raise ValueError(f"unsupported output type {suffix or '(none)'}: use .csv, .xlsx or .sav")
    return target
