"""Benchmark: crosstabs with all statistics over 1,000,000 stored responses on PostgreSQL (prints figures).

    bash scripts/with-postgres.sh .venv/bin/python bench/surveys_crosstab.py             # 1,000,000 responses
    bash scripts/with-postgres.sh .venv/bin/python bench/surveys_crosstab.py --rows 100000 --runs 3

The responses are written straight into the table with COPY (loading is not what is measured), then
each request is timed end to end as the results page and the API run it: `results.crosstab_for`
(one GROUP BY in PostgreSQL, then the engine's statistics and findings), and `to_dict()`.
Target: ≤ 1.5 s for the crosstab with statistics (median of the runs).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import time
from collections.abc import Callable
from typing import Any

from surveys_setup import django_on_postgres, make_campaign, synthetic_codes


def load(campaign: Any, rows: int) -> float:
    """COPY `rows` synthetic responses into the campaign; returns seconds."""
    from django.db import connection
    from django.utils import timezone

    from tripartite.surveys.models import Response

    data = synthetic_codes(rows)
    names = list(data)
    columns = [data[n].tolist() for n in names]
    now = timezone.now()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(
            f"COPY {Response._meta.db_table} (campaign_id, version_id, submitted_at, language, answers, "
            "idempotency_key, referral_code, wave, source) FROM STDIN"
        ) as copy:
            for i in range(rows):
                answers = json.dumps({n: columns[j][i] for j, n in enumerate(names)})
                copy.write_row((campaign.pk, campaign.version_id, now, "ru", answers, f"bench-{i}",
                                secrets.token_urlsafe(12), i % 8, "import"))
        # As autovacuum would: set the rows' hint bits and statistics before timing reads.
        cursor.execute(f"VACUUM ANALYZE {Response._meta.db_table}")
    return time.perf_counter() - started


def timed(func: Callable[[], Any], runs: int) -> tuple[float, list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    django_on_postgres()
    from tripartite.surveys.results import queries as results

    campaign = make_campaign("bench-crosstab")
    seconds = load(campaign, args.rows)
    print(f"loaded {args.rows:,} responses with COPY in {seconds:.1f} s; median of {args.runs} runs each; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")

    def crosstab(**kw: Any) -> Callable[[], Any]:
        public = kw.pop("public", False)
        spec = results.check_spec(campaign, **kw)
        return lambda: results.crosstab_for(campaign, spec, public=public, lang="ru").to_dict()

    cases = [
        ("crosstab sector × employer, all statistics", crosstab(rows="sector", cols="employer")),
        ("  the same, public (suppression)", crosstab(rows="sector", cols="employer", public=True)),
        ("  with layer gender", crosstab(rows="sector", cols="employer", layer="gender")),
        ("  weighted RDS-II (+ Rao-Scott)", crosstab(rows="sector", cols="employer", weight="rds")),
        ("frequencies of employer", lambda: results.frequencies_for(campaign, "employer", public=False, lang="ru")),
        ("responses by day and by wave", lambda: (results.counts_by_day(campaign), results.counts_by_wave(campaign))),
    ]
    print(f"{'request':<46}{'median s':>10}   runs")
    print("-" * 80)
    first = None
    for label, func in cases:
        median, times, result = timed(func, args.runs)
        first = first or result
        print(f"{label:<46}{median:>10.3f}   " + " ".join(f"{t:.3f}" for t in times))
    print("-" * 80)
    pearson = first["statistics"]["pearson"]
    print(f"n = {first['n']:,}; Pearson chi2 = {pearson['chi2']:.1f} (df {pearson['df']}, p = {pearson['p']:.3g}); "
          f"Cramer's V = {first['statistics']['cramers_v']:.3f}; target: crosstab <= 1.5 s")


if __name__ == "__main__":
    main()
