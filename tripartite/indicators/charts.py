"""Trend and breakdown charts of an indicator, drawn as inline SVG by the analysis engine's chart layer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from tripartite.analysis.charts import FONT, WIDTH, render_svg, wrap_title
from tripartite.indicators.registry import IndicatorValue


def _finish(chart: Any, title: str) -> dict[str, Any]:
    import altair as alt

    spec: dict[str, Any] = chart.properties(
        title=alt.TitleParams(text=wrap_title(title), anchor="start")
    ).configure(font=FONT).to_dict()
    spec.pop("$schema", None)  # no external address in a page
    return spec


def trend_spec(values: Sequence[IndicatorValue], *, title: str, axis_title: str) -> dict[str, Any] | None:
    """A line with points over the periods that have a value; None when fewer than one value exists."""
    import altair as alt

    points = [{"period": str(v.period), "order": i, "value": float(v.value)}
              for i, v in enumerate(values) if v.value is not None]
    if not points:
        return None
    order: list[str] = [str(p["period"]) for p in points]
    base = alt.Chart(alt.Data(values=points)).encode(
        # The field's title is what a screen reader says for a point ("period: …" otherwise); no axis title shown.
        x=alt.X("period:O", sort=order, title=_("Period"), axis=alt.Axis(labelAngle=0, title=None)),
        y=alt.Y("value:Q", title=axis_title, scale=alt.Scale(zero=True)),
    )
    line = base.mark_line(point=True, color="#0b5cad")
    # The figure above a point is drawn for the eye; the point already says it to a screen reader.
    labels = base.mark_text(dy=-10, aria=False).encode(text=alt.Text("value:Q", format=".1f"))
    return _finish(alt.layer(line, labels).properties(width=WIDTH, height=260), title)


def bars_spec(rows: Sequence[tuple[str, float]], *, title: str, axis_title: str,
              label_title: str) -> dict[str, Any] | None:
    """Horizontal bars, one per label (a sector or a region, named `label_title`), in the order given."""
    import altair as alt

    if not rows:
        return None
    data = [{"label": label, "value": value} for label, value in rows]
    base = alt.Chart(alt.Data(values=data)).encode(
        y=alt.Y("label:N", sort=[r[0] for r in rows], title=label_title, axis=alt.Axis(labelLimit=320, title=None)),
        x=alt.X("value:Q", title=axis_title, scale=alt.Scale(zero=True)),
    )
    bars = base.mark_bar(color="#4c78a8")
    labels = base.mark_text(align="left", dx=3, aria=False).encode(text=alt.Text("value:Q", format=".1f"))
    return _finish(alt.layer(bars, labels).properties(width=WIDTH - 200, height=alt.Step(22)), title)


def svg(spec: dict[str, Any] | None) -> str:
    """The chart as SVG markup ('' without a chart); the markup is made by vl-convert from our own data."""
    return render_svg(spec) if spec else ""


def sparkline_spec(values: Sequence[IndicatorValue], *, axis_title: str) -> dict[str, Any] | None:
    """A small trend line without axes for the dashboard; None with fewer than two values to join.

    The fields' titles are what a screen reader says for a point ("Period: 2025; Percent: 0.02")."""
    import altair as alt

    points = [{"period": str(v.period), "value": float(v.value)} for v in values if v.value is not None]
    if len(points) < 2:
        return None
    order = [str(p["period"]) for p in points]
    base = alt.Chart(alt.Data(values=points)).encode(
        x=alt.X("period:O", sort=order, title=_("Period"), axis=None),
        y=alt.Y("value:Q", title=axis_title, axis=None, scale=alt.Scale(zero=False)),
    )
    spec: dict[str, Any] = base.mark_line(point=True, color="#0b5cad").properties(width=220, height=48).configure(
        font=FONT).configure_view(stroke=None).to_dict()
    spec.pop("$schema", None)
    return spec
