"""Benchmark: import 1,000,000 answer rows from CSV into a campaign on PostgreSQL (prints figures; asserts nothing).

    bash scripts/with-postgres.sh .venv/bin/python bench/surveys_import.py            # 1,000,000 rows
    bash scripts/with-postgres.sh .venv/bin/python bench/surveys_import.py --rows 100000

The import is the one the web page and `manage.py import_responses` run: every row validated with
`services.validate_answers`, written with bulk_create in batches inside one transaction.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from surveys_setup import django_on_postgres, make_campaign, synthetic_codes, write_csv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    django_on_postgres()
    from tripartite.surveys.importing import import_responses
    from tripartite.surveys.models import Response

    campaign = make_campaign("bench-import")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.csv"
        started = time.perf_counter()
        write_csv(path, synthetic_codes(args.rows))
        print(f"wrote {args.rows:,} rows ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s")
        load_before = os.getloadavg()[0]
        started, cpu = time.perf_counter(), time.process_time()
        report = import_responses(campaign=campaign, path=path, by=None, operator=True)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    stored = Response.objects.filter(campaign=campaign).count()
    print(f"imported {report.imported:,} of {report.rows:,} rows ({report.n_rejected} rejected) in {elapsed:.1f} s "
          f"= {report.imported / elapsed:,.0f} rows/s; {stored:,} responses stored (target: 1,000,000 in <= 60 s)")
    print(f"CPU time of this process during the import: {cpu:.1f} s (the rest is PostgreSQL and waiting); "
          f"load average before: {load_before:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
