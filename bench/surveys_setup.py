"""What the survey benchmarks share: Django against the throwaway PostgreSQL, a campaign, synthetic answers.

Not a benchmark itself. Run the benchmarks through scripts/with-postgres.sh, which starts a throwaway
server and exports DATABASE_URL (see docs/survey-results.md).
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Per question: the code range of the synthetic answers (the built-in questionnaire's options).
CODES = {"age_group": (1, 6), "gender": (1, 2), "sector": (1, 11), "gov": (1, 4), "employer": (1, 4), "self": (1, 4)}


def django_on_postgres() -> None:
    """Set Django up on DATABASE_URL (PostgreSQL) and migrate; stop with a message elsewhere."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("run me through scripts/with-postgres.sh (DATABASE_URL must point at PostgreSQL)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tripartite.settings")
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated the throwaway database in {time.perf_counter() - started:.1f} s")


def make_campaign(slug: str, *, closes_on: date | None = None) -> Any:
    """An open snowball campaign of the built-in questionnaire, owned by a union."""
    from tripartite.partners.models import Kind, Organisation, Subkind
    from tripartite.surveys import template_questionnaire
    from tripartite.surveys.models import Campaign, Option, Question, Questionnaire, QuestionnaireVersion

    owner = Organisation.objects.create(kind=Kind.TRADE_UNION, subkind=Subkind.REPUBLICAN_UNION_ASSOCIATION,
                                        name_en=f"Bench union {slug}")
    version = template_questionnaire.install(Questionnaire, QuestionnaireVersion, Question, Option)
    campaign = Campaign(slug=slug, version=version, owner=owner, title_en=f"Benchmark {slug}",
                        opens_on=date(2020, 1, 1), closes_on=closes_on, mode=Campaign.Mode.SNOWBALL,
                        results_public=True)
    campaign.full_clean()
    campaign.save()
    return campaign


def synthetic_codes(rows: int, seed: int = 4) -> dict[str, np.ndarray]:
    """Random answers, with a real association between sector and employer so the statistics have work to do."""
    rng = np.random.default_rng(seed)
    data = {code: rng.integers(lo, hi + 1, size=rows, dtype=np.int16) for code, (lo, hi) in CODES.items()}
    shift = rng.random(rows) < 0.15
    data["employer"][shift] = np.clip(data["sector"][shift] % 4 + 1, 1, 4)
    data["network_size"] = np.clip(rng.lognormal(3.5, 1.0, size=rows), 1, 2000).astype(np.int32)
    return data


def write_csv(path: Path, data: dict[str, np.ndarray]) -> None:
    """The answers as the import takes them: one column per question code."""
    names = list(data)
    table = np.column_stack([data[n] for n in names])
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(names) + "\n")
        np.savetxt(handle, table, fmt="%d", delimiter=",")
