"""The paper's chart types as Vega-Lite specs (built with altair), rendered to SVG/PNG without a browser.

A chart is a plain dict (a Vega-Lite spec) built from a result's `to_dict()`; that dict is the one
source the web pages (vega-embed, served locally) and the reports (vl-convert) both draw. Data are
inlined as values and the `$schema` URL is dropped, so a spec never makes the platform reach out to
the internet (the platform runs inside closed government networks).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tripartite.analysis.i18n import gettext
from tripartite.analysis.outputs import frequency_rows

#: Chart sizes in pixels, chosen to fit an A4 report page at scale 2.
WIDTH = 520
BAR_HEIGHT = 300
ROW_STEP = 26
#: DejaVu Sans covers Kazakh letters (Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І) that many default sans fonts lack.
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


def distribution_chart(result: Mapping[str, Any], *, lang: str = "en", title: str | None = None,
                       percent: bool = True) -> dict[str, Any]:
    """A bar chart of one variable's distribution (the paper's Figures 1–3), from `Frequencies.to_dict()`.

    Bars are in code order (an ordinal scale keeps its order), labelled with their percentage.
    """
    rows = frequency_rows(result)
    total = sum(r.get("count") or 0 for r in rows)
    values = [
        {
            "code": r.get("code"),
            "label": str(r.get("label")),
            "count": r.get("count"),
            "percent": r.get("valid_percent") if r.get("valid_percent") is not None
            else (100.0 * (r.get("count") or 0) / total if total else None),
        }
        for r in rows
    ]
    return _bar_spec(values, y_field="percent" if percent else "count", lang=lang,
                     title=title or _title_of(result, lang))


def distribution_from_crosstab(result: Mapping[str, Any], *, axis: str = "cols") -> dict[str, Any]:
    """A frequencies-shaped dict of a crosstab's column (or row) margin, e.g. Figure 1 from Table 3."""
    side = result[axis]
    counts = result["counts"]
    if axis == "cols":
        margin = [sum(row[j] for row in counts) for j in range(len(side["codes"]))]
    else:
        margin = [sum(row) for row in counts]
    total = sum(margin)
    return {
        "name": side.get("name"),
        "title": side.get("title"),
        "codes": list(side["codes"]),
        "labels": list(side["labels"]),
        "counts": margin,
        "valid_percent": [100.0 * k / total if total else None for k in margin],
        "n": total,
        "weighted": bool(result.get("weighted")),
    }


def row_percent_chart(result: Mapping[str, Any], *, stacked: bool = True, lang: str = "en",
                      title: str | None = None) -> dict[str, Any]:
    """Row percentages by group from `Crosstab.to_dict()`: stacked 100% bars or grouped bars."""
    rows, cols = result["rows"], result["cols"]
    row_pct = result.get("row_pct") or _row_pct(result["counts"])
    pct_title = gettext(lang, "Row %")
    row_title, col_title, count_title = _axis_title(rows, lang), _axis_title(cols, lang), gettext(lang, "Count")
    values = [
        {
            "row": str(rl),
            "row_order": i,
            "col": str(cl),
            "col_order": j,
            "count": result["counts"][i][j],
            "percent": row_pct[i][j],
            # What a screen reader says for the bar; otherwise Vega names the data fields ("col_order: 1").
            "aria": f"{row_title}: {rl}; {col_title}: {cl}; {count_title}: {result['counts'][i][j]}; "
                    f"{pct_title}: {row_pct[i][j]:.2f}",
        }
        for i, rl in enumerate(rows["labels"])
        for j, cl in enumerate(cols["labels"])
        if row_pct[i][j] is not None
    ]
    import altair as alt

    row_labels = [str(x) for x in rows["labels"]]
    col_labels = [str(x) for x in cols["labels"]]
    # The chart's title already is the column question; the legend needs no second copy of it.
    color = alt.Color("col:N", sort=col_labels, title=None,
                      legend=alt.Legend(orient="bottom", columns=2, labelLimit=300))
    tooltip = [alt.Tooltip("row:N", title=row_title), alt.Tooltip("col:N", title=col_title),
               alt.Tooltip("count:Q", title=count_title),
               alt.Tooltip("percent:Q", title=pct_title, format=".2f")]
    description = alt.Description("aria:N")
    base = alt.Chart(alt.Data(values=values))
    if stacked:
        chart = base.mark_bar().encode(
            y=alt.Y("row:N", sort=row_labels, title=_axis_title(rows, lang), axis=alt.Axis(labelLimit=300)),
            x=alt.X("percent:Q", stack="zero", title=pct_title, scale=alt.Scale(domain=[0, 100])),
            color=color,
            order=alt.Order("col_order:Q"),
            tooltip=tooltip,
            description=description,
        ).properties(width=WIDTH, height=alt.Step(ROW_STEP))
    else:
        chart = base.mark_bar().encode(
            x=alt.X("row:N", sort=row_labels, title=_axis_title(rows, lang),
                    axis=alt.Axis(labelAngle=-30, labelLimit=200)),
            xOffset=alt.XOffset("col:N", sort=col_labels),
            y=alt.Y("percent:Q", title=pct_title),
            color=color,
            tooltip=tooltip,
            description=description,
        ).properties(width=WIDTH, height=BAR_HEIGHT)
    return _finish(chart, title or _crosstab_title(result, lang))


def _bar_spec(values: Sequence[Mapping[str, Any]], *, y_field: str, lang: str, title: str) -> dict[str, Any]:
    import altair as alt

    labels = [v["label"] for v in values]
    y_title = gettext(lang, "Valid percent") if y_field == "percent" else gettext(lang, "Count")
    base = alt.Chart(alt.Data(values=list(values))).encode(
        # The field's title names it for screen readers; the axis shows none (the labels say it all).
        x=alt.X("label:N", sort=labels, title=gettext(lang, "Label"),
                axis=alt.Axis(labelAngle=0, labelLimit=160, title=None)),
        y=alt.Y(f"{y_field}:Q", title=y_title),
    )
    bars = base.mark_bar(color="#4c78a8").encode(
        tooltip=[alt.Tooltip("label:N", title=gettext(lang, "Label")),
                 alt.Tooltip("count:Q", title=gettext(lang, "Count")),
                 alt.Tooltip("percent:Q", title=gettext(lang, "Valid percent"), format=".2f")]
    )
    text = base.mark_text(dy=-6, baseline="bottom", aria=False).encode(  # the bar already says it
        text=alt.Text(f"{y_field}:Q", format=".2f" if y_field == "percent" else ",")
    )
    chart = alt.layer(bars, text).properties(width=WIDTH, height=BAR_HEIGHT)
    return _finish(chart, title)


def _finish(chart: Any, title: str) -> dict[str, Any]:
    import altair as alt

    # Vega does not wrap titles; question texts are long, so they are broken into lines here.
    heading = alt.TitleParams(text=wrap_title(title), anchor="start")
    spec: dict[str, Any] = chart.properties(title=heading).configure(font=FONT).to_dict()
    # The schema URL is documentation for editors, not needed to draw; keeping it would put an
    # external address in every page and report.
    spec.pop("$schema", None)
    return spec


def wrap_title(text: str, width: int = 70) -> list[str] | str:
    """Title lines of at most `width` characters, broken at spaces."""
    import textwrap

    lines = textwrap.wrap(text, width=width) or [""]
    return lines[0] if len(lines) == 1 else lines


def _row_pct(counts: Sequence[Sequence[Any]]) -> list[list[float | None]]:
    out = []
    for row in counts:
        total = sum(c or 0 for c in row)
        out.append([None if c is None or not total else 100.0 * c / total for c in row])
    return out


def _axis_title(side: Mapping[str, Any], lang: str) -> str:
    return str(side.get("title") or side.get("name") or "")


def _title_of(result: Mapping[str, Any], lang: str) -> str:
    return str(result.get("title") or result.get("name") or "")


def _crosstab_title(result: Mapping[str, Any], lang: str) -> str:
    return _axis_title(result["cols"], lang)


# ---------------------------------------------------------------------------------------------
# Rendering


def render_svg(spec: Mapping[str, Any]) -> str:
    """The chart as SVG text, drawn by vl-convert (no browser, no network)."""
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(dict(spec)))


def render_png(spec: Mapping[str, Any], *, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, drawn by vl-convert at `scale` × its pixel size."""
    import vl_convert as vlc

    return bytes(vlc.vegalite_to_png(dict(spec), scale=scale))


def save_chart(spec: Mapping[str, Any], path: str | Path) -> Path:
    """Write the chart to `path` as SVG, PNG or the Vega-Lite JSON itself, chosen by the suffix."""
    import json

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".svg":
        target.write_text(render_svg(spec), encoding="utf-8")
    elif suffix == ".png":
        target.write_bytes(render_png(spec))
    elif suffix in (".json", ".vl.json"):
        target.write_text(json.dumps(spec, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        raise ValueError(f"unsupported chart type {suffix or '(none)'}: use .svg, .png or .json")
    return target
