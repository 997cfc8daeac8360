"""The trend chart beside an indicator target: the indicator's values against the planned path from the baseline
through the milestones to the target, drawn on the server as SVG (no JavaScript, no external asset).

Time runs along the x axis in years, as the on-track rule places values (a year's value at the end of that year,
a quarter's at the end of the quarter: ``tracking.time_of``), so the chart shows exactly what the rule compares.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.html import escape
from django.utils.translation import pgettext

from .tracking import Point

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 34, 36
PLANNED, VALUES = "#718096", "#0b5cad"


def _number(value: Decimal | float) -> str:
    return formats.number_format(Decimal(value).quantize(Decimal("0.01")).normalize(), use_l10n=True)


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high <= low:
        return [low]
    step = (high - low) / (count - 1)
    return [low + i * step for i in range(count)]


def target_chart_svg(
    target: Any, planned: Sequence[Point], values: Sequence[Point], *, title: str, unit: str = ""
) -> str:
    """The chart as SVG markup; the planned path always has a baseline and a target, so it is always drawn."""
    times = [float(p.time) for p in (*planned, *values)]
    numbers = [float(p.value) for p in (*planned, *values)]
    t0, t1 = min(times), max(times)
    if t1 == t0:
        t1 = t0 + 1
    v0, v1 = min(numbers), max(numbers)
    pad = (v1 - v0) * 0.1 or abs(v1) * 0.1 or 1.0
    v0, v1 = v0 - pad, v1 + pad
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(t: Decimal | float) -> float:
        return LEFT + (float(t) - t0) / (t1 - t0) * plot_w

    def y(v: Decimal | float) -> float:
        return TOP + (v1 - float(v)) / (v1 - v0) * plot_h

    ident = f"target-chart-{target.pk}"
    suffix = f" {unit}" if unit and unit != "%" else unit
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'aria-labelledby="{ident}-title" class="chart target-chart">',
        f'<title id="{ident}-title">{escape(title)}: {escape(pgettext("target chart", "values against the planned path"))}</title>',
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for tick in _ticks(v0, v1):
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#e2e8f0"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" font-size="11" text-anchor="end">'
            f"{escape(_number(tick))}</text>"
        )
    first, last = int(t0), int(t1 + 0.999)
    step = max(1, (last - first + 7) // 8)
    for year in range(first, last + 1, step):
        if t0 <= year <= t1:
            parts.append(
                f'<text x="{x(year):.1f}" y="{TOP + plot_h + 18}" font-size="11" text-anchor="middle">{year}</text>'
            )
    parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#4a5568"/>')

    path = " ".join(f"{x(p.time):.1f},{y(p.value):.1f}" for p in planned)
    parts.append(f'<polyline points="{path}" fill="none" stroke="{PLANNED}" stroke-width="2" stroke-dasharray="6 4"/>')
    labels = [
        pgettext("target chart", "baseline"),
        *([pgettext("target chart", "milestone")] * (len(planned) - 2)),
        pgettext("target chart", "target"),
    ]
    for point, label in zip(planned, labels, strict=True):
        parts.append(
            f'<rect x="{x(point.time) - 4:.1f}" y="{y(point.value) - 4:.1f}" width="8" height="8" '
            f'fill="#fff" stroke="{PLANNED}" stroke-width="2"><title>{escape(label)} '
            f"{int(point.time)}: {escape(_number(point.value))}{escape(suffix)}</title></rect>"
        )
    if values:
        if len(values) > 1:
            line = " ".join(f"{x(p.time):.1f},{y(p.value):.1f}" for p in values)
            parts.append(f'<polyline points="{line}" fill="none" stroke="{VALUES}" stroke-width="2"/>')
        for point in values:
            parts.append(
                f'<circle cx="{x(point.time):.1f}" cy="{y(point.value):.1f}" r="4" fill="{VALUES}">'
                f"<title>{escape(point.label or str(int(point.time)))}: "
                f"{escape(_number(point.value))}{escape(suffix)}</title></circle>"
            )
    legend_x = LEFT + plot_w + 16
    parts.append(
        f'<line x1="{legend_x}" x2="{legend_x + 24}" y1="{TOP + 8}" y2="{TOP + 8}" stroke="{PLANNED}" '
        f'stroke-width="2" stroke-dasharray="6 4"/>'
    )
    parts.append(
        f'<text x="{legend_x + 30}" y="{TOP + 12}" font-size="11">{escape(pgettext("target chart", "Planned path"))}</text>'
    )
    parts.append(
        f'<line x1="{legend_x}" x2="{legend_x + 24}" y1="{TOP + 28}" y2="{TOP + 28}" stroke="{VALUES}" '
        f'stroke-width="2"/>'
    )
    parts.append(
        f'<text x="{legend_x + 30}" y="{TOP + 32}" font-size="11">{escape(pgettext("target chart", "Values"))}</text>'
    )
    if not values:
        parts.append(
            f'<text x="{LEFT + plot_w / 2:.1f}" y="{TOP + plot_h / 2:.1f}" font-size="12" '
            f'text-anchor="middle" fill="#4a5568">{escape(pgettext("target chart", "No value recorded yet"))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
