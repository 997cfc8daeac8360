"""A small server-side SVG bar chart for the clause comparison page (no JavaScript, no external asset)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape


def bar_chart_svg(bars: Sequence[tuple[str, Decimal, str]], *, title: str, floor: Decimal | None = None,
                  floor_label: str = "") -> str:
    """Horizontal bars ``(label, value, shown value)``, with an optional dashed line at the statutory floor."""
    if not bars:
        return ""
    label_width, bar_width, row, top = 300, 360, 26, 30
    values = [v for _label, v, _shown in bars]
    top_value = max([*values, floor or Decimal(0)]) or Decimal(1)
    height = top + row * len(bars) + 30
    width = label_width + bar_width + 120
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="chart-title" class="chart">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<text x="0" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (label, value, shown) in enumerate(bars):
        y = top + index * row
        length = int(bar_width * float(value / top_value)) if top_value else 0
        short = label if len(label) <= 45 else label[:44] + "…"
        parts.append(f'<text x="{label_width - 6}" y="{y + 16}" font-size="12" text-anchor="end">{escape(short)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{max(length, 1)}" height="{row - 8}" '
                     f'fill="#2b6cb0"><title>{escape(label)}: {escape(shown)}</title></rect>')
        parts.append(f'<text x="{label_width + length + 6}" y="{y + 16}" font-size="12">{escape(shown)}</text>')
    if floor is not None and top_value:
        x = label_width + int(bar_width * float(floor / top_value))
        bottom = top + row * len(bars)
        parts.append(f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#c53030" stroke-width="2" '
                     f'stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{x}" y="{bottom + 18}" font-size="12" fill="#c53030" text-anchor="middle">'
                     f'{escape(floor_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)
