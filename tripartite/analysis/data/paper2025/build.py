"""Build responses.csv, the paper's 346 respondents, from the counts published in its Tables 1, 3, 4, 5.

Source: Bekbutayeva, Sabyr, Nurtazin, Beisebayeva, Muratova, "Modern issues in the efficacy of social
dialogue and social partnership in Kazakhstan's workforce sector", Journal of Actual Problems of
Jurisprudence, 2025, doi:10.26577/JAPJ202511427.

The paper publishes three two-way tables (age x state, sector x employer, gender x self) but not how
a respondent's row in one table pairs with their row in another. Each table is expanded into its 346
(row code, column code) pairs, and the three lists are joined by two seeded random permutations, so
every published table is reproduced exactly while any association *across* tables is an artefact of
the construction (close to independence). The snowball structure (recruiter_id, network_size) is
SYNTHETIC: the paper says only that the sample was a snowball.

Only the standard library is used, and `random.Random(seed)` gives the same sequence on every
Python 3 version, so the file is reproducible byte for byte:

    python tripartite/analysis/data/paper2025/build.py          # write responses.csv
    python tripartite/analysis/data/paper2025/build.py --check  # fail if the shipped file differs
"""

from __future__ import annotations

import csv
import io
import random
import sys
from collections.abc import Mapping
from pathlib import Path

SEED = 2025
N = 346
SEEDS = 12  # respondents the snowball starts from (synthetic)
COUPONS = 3  # recruits per respondent at most, as in RDS practice (synthetic)
HERE = Path(__file__).resolve().parent

# Table 3: age group (1 18-25, 2 26-30, 3 31-40, 4 41-50, 5 51-60, 6 61+) x state's involvement
# (1 very active, 2 sufficiently active, 3 insufficiently active, 4 not involved at all).
TABLE_3 = {
    1: (11, 15, 13, 12),
    2: (8, 10, 8, 8),
    3: (18, 22, 19, 15),
    4: (24, 23, 20, 15),
    5: (20, 19, 18, 10),
    6: (13, 11, 9, 5),
}
# Table 4: sector (Appendix 1, question 3, codes 1..11) x employer's involvement. Its row totals are
# Table 1 (56, 16, 51, 42, 37, 9, 42, 25, 13, 25, 30).
TABLE_4 = {
    1: (10, 15, 15, 16),
    2: (1, 3, 5, 7),
    3: (9, 13, 14, 15),
    4: (7, 11, 12, 12),
    5: (16, 8, 6, 7),
    6: (1, 2, 2, 4),
    7: (7, 11, 12, 12),
    8: (4, 7, 7, 7),
    9: (2, 3, 4, 4),
    10: (4, 7, 7, 7),
    11: (5, 8, 8, 9),
}
TABLE_1 = {1: 56, 2: 16, 3: 51, 4: 42, 5: 37, 6: 9, 7: 42, 8: 25, 9: 13, 10: 25, 11: 30}
# Table 5: gender (1 male, 2 female) x own involvement.
TABLE_5 = {
    1: (75, 23, 51, 34),
    2: (51, 26, 52, 34),
}
# The row percentages printed in Tables 3-5, checked against the counts above (they all agree).
PUBLISHED_ROW_PCT = {
    "TABLE_3": {
        1: (21.57, 29.41, 25.49, 23.53),
        2: (23.53, 29.41, 23.53, 23.53),
        3: (24.32, 29.73, 25.68, 20.27),
        4: (29.27, 28.05, 24.39, 18.29),
        5: (29.85, 28.36, 26.87, 14.93),
        6: (34.21, 28.95, 23.68, 13.16),
    },
    "TABLE_4": {
        1: (17.86, 26.79, 26.79, 28.57),
        2: (6.25, 18.75, 31.25, 43.75),
        3: (17.65, 25.49, 27.45, 29.41),
        4: (16.67, 26.19, 28.57, 28.57),
        5: (43.24, 21.62, 16.22, 18.92),
        6: (11.11, 22.22, 22.22, 44.44),
        7: (16.67, 26.19, 28.57, 28.57),
        8: (16.00, 28.00, 28.00, 28.00),
        9: (15.38, 23.08, 30.77, 30.77),
        10: (16.00, 28.00, 28.00, 28.00),
        11: (16.67, 26.67, 26.67, 30.00),
    },
    "TABLE_5": {
        1: (40.98, 12.57, 27.87, 18.58),
        2: (31.29, 15.95, 31.90, 20.86),
    },
}
COLUMNS = (
    "id",
    "age_group",
    "gender",
    "sector",
    "state_involvement",
    "employer_involvement",
    "self_involvement",
    "recruiter_id",
    "network_size",
)


def expand(table: Mapping[int, tuple[int, ...]]) -> list[tuple[int, int]]:
    """(row code, column code) once per respondent, in row-major order."""
    return [(row, col) for row, counts in table.items() for col, k in enumerate(counts, start=1) for _ in range(k)]


def check_published_tables() -> None:
    """The counts add up to 346, Table 4's rows are Table 1, and every printed row % is the counts'."""
    tables = {"TABLE_3": TABLE_3, "TABLE_4": TABLE_4, "TABLE_5": TABLE_5}
    for name, table in tables.items():
        assert sum(map(sum, table.values())) == N, name
        for row, counts in table.items():
            total = sum(counts)
            # Round half away from zero on exact decimals, as SPSS prints; float round() would not.
            computed = tuple(((100_000 * k // total) + 5) // 10 / 100 for k in counts)
            published = PUBLISHED_ROW_PCT[name][row]
            assert computed == published, (name, row, computed, published)
    assert {row: sum(c) for row, c in TABLE_4.items()} == TABLE_1


def build_rows() -> list[dict[str, int | str]]:
    rng = random.Random(SEED)
    age_state = expand(TABLE_3)
    sector_employer = expand(TABLE_4)
    gender_self = expand(TABLE_5)
    rng.shuffle(age_state)
    rng.shuffle(sector_employer)
    rng.shuffle(gender_self)
    rows: list[dict[str, int | str]] = []
    recruits: dict[int, int] = {}
    for index in range(N):
        respondent = index + 1
        if respondent <= SEEDS:
            recruiter: int | str = ""
        else:
            # Recruiters are earlier respondents with a coupon left; later ones are a bit likelier,
            # which gives the long chains a snowball produces.
            open_ = [r for r in range(1, respondent) if recruits.get(r, 0) < COUPONS]
            recruiter = open_[min(len(open_) - 1, int(len(open_) * rng.random() ** 0.7))]
            recruits[recruiter] = recruits.get(recruiter, 0) + 1
        # Personal network size (people the respondent knows who work): log-normal, 2..400.
        network = max(2, min(400, round(rng.lognormvariate(3.2, 0.8))))
        age, state = age_state[index]
        sector, employer = sector_employer[index]
        gender, own = gender_self[index]
        rows.append(
            {
                "id": respondent,
                "age_group": age,
                "gender": gender,
                "sector": sector,
                "state_involvement": state,
                "employer_involvement": employer,
                "self_involvement": own,
                "recruiter_id": recruiter,
                "network_size": network,
            }
        )
    return rows


def render_csv(rows: list[dict[str, int | str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    check_published_tables()
    text = render_csv(build_rows())
    target = HERE / "responses.csv"
    if "--check" in argv:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{target} differs from what build.py produces", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({N} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
