"""The shipped data set reproduces the paper's Tables 1, 3, 4, 5 and Figures 1-3 exactly.

The expected numbers are typed from Bekbutayeva et al. (2025), doi:10.26577/JAPJ202511427 — the
oracle is the published article, not the generator that built the file.
"""

from __future__ import annotations

import runpy

import numpy as np
import pytest

from tripartite.analysis import crosstab
from tripartite.analysis.readers import PAPER_DIR, load_paper_dataset

SCALE = ["Very active", "Sufficiently active", "Insufficiently active", "Not involved at all"]

# Table 1 - Employment categories of survey participants.
TABLE_1 = {
    "Industry and manufacturing": 56, "Agriculture and forestry": 16, "Education and science": 51,
    "Health and social services": 42, "Information technology and communications": 37,
    "Construction and real estate": 9, "Transport and logistics": 42, "Trade and services": 25,
    "Public administration and defence": 13, "Finance and insurance": 25, "Other": 30,
}
# Table 3 - Age-based analysis of opinions on government's role: counts, then row %.
TABLE_3 = {
    "18-25": ([11, 15, 13, 12], [21.57, 29.41, 25.49, 23.53]),
    "26-30": ([8, 10, 8, 8], [23.53, 29.41, 23.53, 23.53]),
    "31-40": ([18, 22, 19, 15], [24.32, 29.73, 25.68, 20.27]),
    "41-50": ([24, 23, 20, 15], [29.27, 28.05, 24.39, 18.29]),
    "51-60": ([20, 19, 18, 10], [29.85, 28.36, 26.87, 14.93]),
    "61+": ([13, 11, 9, 5], [34.21, 28.95, 23.68, 13.16]),
}
# Table 4 - Industry-specific assessment of employer behaviour.
TABLE_4 = {
    "Industry and manufacturing": ([10, 15, 15, 16], [17.86, 26.79, 26.79, 28.57]),
    "Agriculture and forestry": ([1, 3, 5, 7], [6.25, 18.75, 31.25, 43.75]),
    "Education and science": ([9, 13, 14, 15], [17.65, 25.49, 27.45, 29.41]),
    "Health and social services": ([7, 11, 12, 12], [16.67, 26.19, 28.57, 28.57]),
    "Information technology and communications": ([16, 8, 6, 7], [43.24, 21.62, 16.22, 18.92]),
    "Construction and real estate": ([1, 2, 2, 4], [11.11, 22.22, 22.22, 44.44]),
    "Transport and logistics": ([7, 11, 12, 12], [16.67, 26.19, 28.57, 28.57]),
    "Trade and services": ([4, 7, 7, 7], [16.00, 28.00, 28.00, 28.00]),
    "Public administration and defence": ([2, 3, 4, 4], [15.38, 23.08, 30.77, 30.77]),
    "Finance and insurance": ([4, 7, 7, 7], [16.00, 28.00, 28.00, 28.00]),
    "Other": ([5, 8, 8, 9], [16.67, 26.67, 26.67, 30.00]),
}
# Table 5 - Gender-based analysis of personal involvement.
TABLE_5 = {
    "Male": ([75, 23, 51, 34], [40.98, 12.57, 27.87, 18.58]),
    "Female": ([51, 26, 52, 34], [31.29, 15.95, 31.90, 20.86]),
}


@pytest.fixture(scope="module")
def paper():
    return load_paper_dataset()


def table_of(paper, rows, cols):
    return crosstab(paper.array(rows), paper.array(cols), codebook=paper.codebook,
                    row_name=rows, col_name=cols).to_dict()


def assert_reproduces(result, published):
    assert result["rows"]["labels"] == list(published)
    assert result["cols"]["labels"] == SCALE
    for i, (counts, row_pct) in enumerate(published.values()):
        assert result["counts"][i] == counts
        # The paper prints row % to two decimals; SPSS rounds half away from zero.
        rounded = [float(np.floor(p * 100 + 0.5) / 100) for p in result["row_pct"][i]]
        assert rounded == row_pct


def test_table_3_age_by_state_involvement(paper):
    assert_reproduces(table_of(paper, "age_group", "state_involvement"), TABLE_3)


def test_table_4_sector_by_employer_involvement(paper):
    assert_reproduces(table_of(paper, "sector", "employer_involvement"), TABLE_4)


def test_table_5_gender_by_self_involvement(paper):
    assert_reproduces(table_of(paper, "gender", "self_involvement"), TABLE_5)


def test_table_1_sector_counts(paper):
    result = table_of(paper, "sector", "employer_involvement")
    assert dict(zip(result["rows"]["labels"], result["row_totals"], strict=True)) == TABLE_1
    assert result["n"] == 346


@pytest.mark.parametrize(
    ("variable", "published", "figure"),
    [
        ("state_involvement", TABLE_3, "Figure 1"),
        ("employer_involvement", TABLE_4, "Figure 2"),
        ("self_involvement", TABLE_5, "Figure 3"),
    ],
)
def test_figures_are_the_column_totals_of_their_tables(paper, variable, published, figure):
    from tripartite.analysis import frequencies

    expected = [sum(counts[j] for counts, _ in published.values()) for j in range(4)]
    result = frequencies(paper.array(variable), codebook=paper.codebook, name=variable).to_dict()
    assert [c["count"] for c in result["categories"]] == expected, figure


def test_figures_match_what_the_paper_says_of_them(paper):
    from tripartite.analysis import frequencies

    def counts(variable):
        result = frequencies(paper.array(variable), codebook=paper.codebook, name=variable).to_dict()
        return [c["count"] for c in result["categories"]]

    state, employer, own = counts("state_involvement"), counts("employer_involvement"), counts("self_involvement")
    assert state == [94, 100, 87, 65]
    # Figure 2: "the largest group ... believes employers are not involved at all", and those who
    # find it inadequate "fall between" the "sufficient" and the "not at all" groups.
    assert employer == [66, 88, 92, 100] and max(employer) == employer[3] and employer[1] < employer[2] < employer[3]
    # Figure 3: "very active" is the largest group and "sufficiently active" the smallest.
    assert own == [126, 49, 103, 68] and max(own) == own[0] and min(own) == own[1]


def test_the_generator_reproduces_the_shipped_file():
    build = runpy.run_path(str(PAPER_DIR / "build.py"))
    shipped = (PAPER_DIR / "responses.csv").read_text(encoding="utf-8")
    assert build["render_csv"](build["build_rows"]()) == shipped
    build["check_published_tables"]()


def test_snowball_columns_form_a_recruitment_forest(paper):
    ids = paper.values["id"].astype(int)
    recruiters = paper.values["recruiter_id"]
    position = {i: k for k, i in enumerate(ids)}
    seeds = np.isnan(recruiters)
    assert seeds.sum() == 12
    for k in np.flatnonzero(~seeds):
        # Recruiters come before their recruits, so there are no cycles.
        assert position[int(recruiters[k])] < k
    _, per_recruiter = np.unique(recruiters[~seeds], return_counts=True)
    assert per_recruiter.max() <= 3  # three coupons each
