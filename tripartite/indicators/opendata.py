"""Indicators as plain data: the same dicts feed the API, the JSON download and the CSV download."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.urls import reverse

from tripartite.indicators.registry import Indicator, IndicatorValue

CSV_COLUMNS = (
    "indicator", "period", "region_kato", "region", "sector_code", "sector", "value", "unit", "numerator",
    "denominator", "status", "message", "notes", "sources", "records", "methodology",
)


def _number(value: int | Decimal | None) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def indicator_dict(indicator: Indicator) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "title": str(indicator.title),
        "short": str(indicator.short),
        "unit": indicator.unit,
        "numerator_label": str(indicator.numerator_label),
        "denominator_label": str(indicator.denominator_label),
        "by_region": indicator.by_region,
        "by_sector": indicator.by_sector,
        "page_url": reverse("indicators:detail", args=[indicator.code]),
        "api_url": f"/api/v1/indicators/{indicator.code}",
    }


def methodology_dict(indicator: Indicator) -> dict[str, Any]:
    m = indicator.methodology
    return {
        "definition": str(m.definition),
        "formula": str(m.formula),
        "numerator": str(m.numerator),
        "denominator": str(m.denominator),
        "sources": [str(s) for s in m.sources],
        "caveats": [str(c) for c in m.caveats],
        "reference": m.reference,
    }


def value_dict(v: IndicatorValue) -> dict[str, Any]:
    return {
        "period": str(v.period),
        "region": {"kato": v.region.kato, "name": v.region.name} if v.region else None,
        "sector": {"code": v.sector.code, "name": v.sector.name} if v.sector else None,
        "value": _number(v.value),
        "numerator": _number(v.numerator),
        "denominator": _number(v.denominator),
        "status": v.status,
        "message": v.message,
        "notes": list(v.notes),
        "unconfirmed": v.unconfirmed,
        "sources": [
            {"label": s.label, "url": s.url, "published_on": s.published_on.isoformat() if s.published_on else None,
             "confirmed": s.confirmed}
            for s in v.sources
        ],
        "records": [{"kind": r.kind, "id": r.id, "label": r.label, "url": r.url} for r in v.records],
    }


def indicator_document(indicator: Indicator, values: Iterable[IndicatorValue]) -> dict[str, Any]:
    """The whole open-data document of an indicator: what it is, how it is computed, and its values."""
    return {
        "indicator": indicator_dict(indicator),
        "methodology": methodology_dict(indicator),
        "values": [value_dict(v) for v in values],
    }


def indicator_csv(indicator: Indicator, values: Iterable[IndicatorValue], *, methodology_url: str) -> str:
    """One row per value; sources and records joined with " | "; the methodology's address on every row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for v in values:
        writer.writerow([
            indicator.code, str(v.period), v.region.kato if v.region else "", v.region.name if v.region else "",
            v.sector.code if v.sector else "", v.sector.name if v.sector else "",
            "" if v.value is None else str(v.value), indicator.unit,
            "" if v.numerator is None else str(v.numerator), "" if v.denominator is None else str(v.denominator),
            v.status, v.message, " | ".join(v.notes),
            " | ".join(f"{s.label} {s.url}".strip() for s in v.sources),
            " | ".join(r.url for r in v.records),
            methodology_url,
        ])
    return out.getvalue()
