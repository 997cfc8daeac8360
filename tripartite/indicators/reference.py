"""The public national figures shipped with the platform (domain brief §5), loaded idempotently.

The minimum wage is not copied here: it is read from the jurisdiction pack's dated rule
``minimum_wage_monthly`` (one source of truth), one figure per calendar year the rule covers. The
average and median wages are the Bureau of National Statistics figures as reported by the press
(§5.3), each with the address of the article that states it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from tripartite.jurisdictions import JurisdictionPack, RuleNotFound

#: The source name shown for the wage figures of §5.3.
BNS_VIA_PRESS = "Bureau of National Statistics (as reported by the press)"
MINIMUM_WAGE_RULE = "minimum_wage_monthly"


@dataclass(frozen=True)
class ReferenceFigure:
    series: str
    period: str
    value: int
    source: str
    source_url: str
    confirmed: bool
    note: str = ""
    published_on: date | None = None


# Domain brief §5.3. Every figure below is stated by the article cited (CONFIRMED in the brief's sense:
# a retrieved source states it); they are press reports of BNS releases, not the BNS release itself.
# Left out on purpose: the April 2023 median (251,356) comes from the annual survey of April wages, a
# different statistic from the quarterly median, and the National Bank governor's rounded figures.
WAGES: tuple[tuple[str, int | None, int | None, str], ...] = (
    ("2022-Q2", 312_011, 196_728, "https://qostanay.tv/ekonomika/na-skolko-vyrosla-srednyaya-zarplata-v-kazahstane"),
    ("2023-Q4", 393_605, 259_463, "https://mgorod.kz/news/srednyaya-zarplata-v-zko-sostavila-337-tysyach-tenge"),
    ("2024-Q1", 382_279, None,
     "https://zakon.kz/finansy/6434631-vo-skolko-raz-vyrosli-srednie-zarplaty-v-kazakhstane-za-poslednie-gody.html"),
    ("2024-Q2", 403_251, 278_296, "https://m.ru24.net/smi/tengrinews-kz/385428330"),
    ("2025-Q1", 423_133, 300_307,
     "https://aqparat.info/news/amp/10791184-ozvuchena_srednyaya_zarplata_v_kazahstan.html"),
    ("2025-Q2", 448_620, None, ""),
)
#: Notes for figures whose article address is incomplete in the brief.
WAGE_NOTES = {"2025-Q2": "nur.kz, article 2274849 (nurfin/personal); the full address was not recorded."}


def wage_figures() -> Iterator[ReferenceFigure]:
    for period, average, median, url in WAGES:
        if average is not None:
            yield ReferenceFigure("average_wage", period, average, BNS_VIA_PRESS, url, True, WAGE_NOTES.get(period, ""))
        if median is not None:
            yield ReferenceFigure("median_wage", period, median, BNS_VIA_PRESS, url, True, WAGE_NOTES.get(period, ""))


def minimum_wage_figures(pack: JurisdictionPack) -> Iterator[ReferenceFigure]:
    """One figure per calendar year that a version of the pack's minimum-wage rule covers from 1 January.

    A version's ``verified`` flag becomes the figure's ``confirmed`` flag, and its legal source the source.
    """
    try:
        versions = pack.rules.versions(MINIMUM_WAGE_RULE)
    except RuleNotFound:
        return
    for rule in versions:
        if rule.value is None or rule.effective_from is None or rule.effective_to is None:
            continue
        for year in range(rule.effective_from.year, rule.effective_to.year + 1):
            if rule.in_force_on(date(year, 1, 1)) and rule.in_force_on(date(year, 12, 31)):
                yield ReferenceFigure(
                    "minimum_wage", str(year), int(rule.value), rule.source.title_in("en"), rule.source.url or "",
                    rule.verified, rule.source.note or "",
                )


def reference_figures(pack: JurisdictionPack) -> list[ReferenceFigure]:
    return [*minimum_wage_figures(pack), *wage_figures()]


def load_reference_figures(model: Any, pack: JurisdictionPack) -> tuple[int, int]:
    """Create or refresh the national reference figures in `model` (the real or a migration's historical one).

    Keyed on (series, period, national, all sectors); a figure that an import replaced with a different
    source is left alone, so re-running never overwrites official data loaded later. Returns (created, updated).
    """
    created = updated = 0
    for fig in reference_figures(pack):
        year, _sep, quarter = fig.period.partition("-Q")
        defaults = {
            "value": fig.value, "source": fig.source, "source_url": fig.source_url, "confirmed": fig.confirmed,
            "note": fig.note, "published_on": fig.published_on,
            "year": int(year), "quarter": int(quarter) if quarter else None,
        }
        existing = model.objects.filter(
            series=fig.series, period=fig.period, region__isnull=True, sector__isnull=True
        ).first()
        if existing is None:
            model.objects.create(series=fig.series, period=fig.period, region=None, sector=None, **defaults)
            created += 1
        elif existing.statistics_import_id is None and any(getattr(existing, k) != v for k, v in defaults.items()):
            for key, value in defaults.items():
                setattr(existing, key, value)
            existing.save()
            updated += 1
    return created, updated
