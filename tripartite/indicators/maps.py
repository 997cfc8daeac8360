"""Choropleth maps of Kazakhstan's regions, drawn on the server as inline SVG (no tiles, no script).

The boundaries are `geo/kz-regions.geojson` (20 features: 17 oblasts and the cities of Astana, Almaty and
Shymkent, keyed by ISO 3166-2 and KATO; see `geo/SOURCE.md` for origin and licence, and `ATTRIBUTION`, which
must be shown under every map). The projection is equirectangular with the longitude scaled by cos 48°, the
middle latitude of the country, which keeps shapes true enough at this scale; rings are thinned to points at
least `_MIN_STEP` map units apart (the file's 8,000 points become about a third of that), then written with one
decimal. The cities are holes in their surrounding regions, so drawing the regions first and the cities over
them needs no clipping.

Values are put into at most five classes by their quantiles (fewer when there are few distinct values) and
coloured with ColorBrewer's YlGnBu sequence, which is safe for the common colour-vision deficiencies; regions
without a figure are hatched and said to have no data, in the legend, in their tooltip and on the map.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

GEO_DIR = Path(__file__).resolve().parent / "geo"
GEOJSON = GEO_DIR / "kz-regions.geojson"

#: The attribution line geo/SOURCE.md asks for, shown under every map.
ATTRIBUTION = ("Boundaries: geokz 1.0.2 © Alexander Rodionov (CC BY 4.0), based on OCHA/HDX COD-AB Kazakhstan by "
               "UNHCR (CC BY-IGO), including data © OpenStreetMap contributors (ODbL). Simplified and re-attributed.")

#: ColorBrewer YlGnBu, light to dark (colour-blind safe), by number of classes.
PALETTES: Mapping[int, tuple[str, ...]] = {
    1: ("#41b6c4",),
    2: ("#a1dab4", "#2c7fb8"),
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
}
NO_DATA_FILL = "url(#map-no-data)"
WIDTH = 800.0
_MARGIN = 6.0
_MIN_STEP = 1.2
_LAT0 = math.radians(48.0)


@dataclass(frozen=True)
class Shape:
    """One region's outline in map units: an SVG path, where to put a label, and its names."""

    iso: str
    kato: str  # two digits, the region's first KATO digits
    kind: str  # "region" or "city"
    names: Mapping[str, str]
    path: str
    label_at: tuple[float, float]

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]


@dataclass(frozen=True)
class Geometry:
    shapes: tuple[Shape, ...]
    height: float


def _project(lon: float, lat: float) -> tuple[float, float]:
    return math.radians(lon) * math.cos(_LAT0), -math.radians(lat)


def _rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def _thin(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    kept = [points[0]]
    for x, y in points[1:-1]:
        px, py = kept[-1]
        if abs(x - px) + abs(y - py) >= _MIN_STEP:
            kept.append((x, y))
    kept.append(points[-1])
    return kept


def _ring_area_centroid(points: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


@lru_cache(maxsize=1)
def geometry() -> Geometry:
    """The 20 outlines projected to a map `WIDTH` wide (read once per process)."""
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    projected = [[[_project(lon, lat) for lon, lat in ring] for ring in _rings(f["geometry"])] for f in features]
    xs = [x for rings in projected for ring in rings for x, _y in ring]
    ys = [y for rings in projected for ring in rings for _x, y in ring]
    scale = (WIDTH - 2 * _MARGIN) / (max(xs) - min(xs))
    x0, y0 = min(xs), min(ys)
    height = (max(ys) - y0) * scale + 2 * _MARGIN
    shapes = []
    for feature, rings in zip(features, projected, strict=True):
        parts, best = [], (-1.0, 0.0, 0.0)
        for ring in rings:
            points = _thin([((x - x0) * scale + _MARGIN, (y - y0) * scale + _MARGIN) for x, y in ring])
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
            area, cx, cy = _ring_area_centroid(points)
            if area > best[0]:
                best = (area, cx, cy)
        props = feature["properties"]
        shapes.append(Shape(
            iso=props["iso_3166_2"], kato=props["kato"], kind=props["type"],
            names={"kk": props["name_kk"], "ru": props["name_ru"], "en": props["name_en"]},
            path="".join(parts), label_at=(best[1], best[2]),
        ))
    # Regions first, the cities (holes in them) on top.
    shapes.sort(key=lambda s: (s.kind == "city", s.iso))
    return Geometry(tuple(shapes), height)


def region_key(kato: str) -> str:
    """The two-digit key of a region's KATO code ("750000000" → "75")."""
    return str(kato)[:2]


@dataclass(frozen=True)
class MapClass:
    low: float
    high: float
    colour: str


def classes(values: Sequence[float]) -> list[MapClass]:
    """At most five classes bounded by the values' quantiles (fewer for few distinct values); a class holds the
    values above its lower bound up to its upper bound (the first also its lower bound)."""
    ordered = sorted(values)
    if not ordered:
        return []
    count = min(5, len(set(ordered)))
    last = len(ordered) - 1
    bounds = sorted({ordered[round(i * last / count)] for i in range(count + 1)})
    if len(bounds) == 1:
        return [MapClass(bounds[0], bounds[0], PALETTES[1][0])]
    palette = PALETTES[len(bounds) - 1]
    return [MapClass(bounds[i], bounds[i + 1], palette[i]) for i in range(len(bounds) - 1)]


def _colour(value: float, bins: Sequence[MapClass]) -> str:
    for bin_ in bins:
        if value <= bin_.high:
            return bin_.colour
    return bins[-1].colour


def format_value(value: float | Decimal, *, digits: int = 1, percent: bool = False) -> str:
    text = formats.number_format(round(float(value), digits), digits, use_l10n=True, force_grouping=True)
    return f"{text} %" if percent else text


def choropleth_svg(values: Mapping[str, float | Decimal | None], *, title: str, links: Mapping[str, str] | None = None,
                   names: Mapping[str, str] | None = None, percent: bool = False, digits: int = 1) -> str:
    """An inline SVG map: `values` by two-digit KATO key (None or absent = no data), each region a link when
    `links` has its key, named as in `names` (else as in the boundary file), and a legend of the classes and of "no data". Show `ATTRIBUTION` under it (the
    template `indicators/_map.html` does)."""
    lang = (get_language() or "en")[:2]
    geo = geometry()
    present = {k: float(v) for k, v in values.items() if v is not None}
    bins = classes(list(present.values()))
    legend_rows = len(bins) + 1
    legend_h = 18.0 * legend_rows + 8
    height = geo.height + legend_h
    no_data = _("no data")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="choropleth" viewBox="0 0 {WIDTH:.0f} {height:.0f}" '
        f'role="group" aria-labelledby="map-title">',
        f'<title id="map-title">{escape(title)}</title>',
        '<defs><pattern id="map-no-data" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" stroke-width="1.5"/></pattern></defs>',
        '<g stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round">',
    ]
    labels = []
    for shape in geo.shapes:
        value = present.get(shape.kato)
        name = (names or {}).get(shape.kato) or shape.name(lang)
        shown = no_data if value is None else format_value(value, digits=digits, percent=percent)
        fill = NO_DATA_FILL if value is None else _colour(value, bins)
        path = (f'<path d="{shape.path}" fill="{fill}" data-region="{shape.iso}" data-kato="{shape.kato}">'
                f'<title>{escape(name)}: {escape(shown)}</title></path>')
        href = (links or {}).get(shape.kato)
        out.append(f'<a href="{escape(href)}">{path}</a>' if href else path)
        if value is None and shape.kind == "region":
            x, y = shape.label_at
            labels.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="10" fill="#555555" '
                          f'aria-hidden="true">{escape(no_data)}</text>')
    out.append("</g>")
    out.extend(labels)
    y = geo.height + 10
    for bin_ in bins:
        low = format_value(bin_.low, digits=digits, percent=percent)
        high = format_value(bin_.high, digits=digits, percent=percent)
        label = low if bin_.low == bin_.high else f"{low} – {high}"
        out.append(f'<rect x="{_MARGIN:.0f}" y="{y:.0f}" width="22" height="12" fill="{bin_.colour}" '
                   f'stroke="#777777" stroke-width="0.5"/><text x="{_MARGIN + 30:.0f}" y="{y + 10:.0f}" '
                   f'font-size="12">{escape(label)}</text>')
        y += 18
    out.append(f'<rect x="{_MARGIN:.0f}" y="{y:.0f}" width="22" height="12" fill="{NO_DATA_FILL}" stroke="#777777" '
               f'stroke-width="0.5"/><text x="{_MARGIN + 30:.0f}" y="{y + 10:.0f}" font-size="12">'
               f'{escape(no_data)}</text>')
    out.append("</svg>")
    return "".join(out)
