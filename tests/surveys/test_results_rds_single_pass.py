"""The RDS-II weighted crosstab counted in one pass gives what the two-pass version gave (SQLite and PostgreSQL).

Before the change the campaign's Σ 1/network size was summed by a query of its own, then the table by a
second; now one GROUP BY gives both.  The expected figures below were printed by the two-pass version
on the same campaign (a referral chain of 60 respondents with odd stored answers), so any change in a
count, a percentage or the Rao–Scott statistic shows here.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from django.utils import timezone

from tests.surveys.results_fixtures import make_campaign, make_union
from tripartite.surveys.models import Campaign, Response
from tripartite.surveys.results import counting, queries

pytestmark = pytest.mark.django_db


def chain_answers() -> list[dict[str, Any]]:
    """60 respondents' answers: varied network sizes, and the odd values a stored answer can hold."""
    out = []
    for i in range(60):
        answers: dict[str, Any] = {"gender": 1 + i % 2, "sector": 1 + (i * 7) % 11, "employer": 1 + (i * 5 + i // 7) % 4,
                                   "gov": 1 + (i * 3) % 4, "network_size": 3 + (i * 13) % 47}
        out.append(answers)
    out[3]["network_size"] = 0          # not > 0: no weight
    out[8]["network_size"] = -4         # negative: no weight
    out[11]["network_size"] = "12"      # a string, not a number: no weight
    out[15]["network_size"] = None      # a JSON null: no weight
    del out[19]["network_size"]         # not answered: no weight
    out[22]["network_size"] = 2.5       # a fractional number is a number
    out[26]["sector"] = 99              # an unknown code: left out of the table, but weighted in the total
    del out[30]["employer"]             # not answered: left out of the table, but weighted in the total
    out[33]["employer"] = "many"        # a word: left out of the table, but weighted in the total
    del out[37]["sector"]               # left out of the table and without a weight
    out[37]["network_size"] = 0
    return out


def chain_campaign() -> Campaign:
    """A snowball campaign whose respondents recruit each other (seeds, then waves 1-3)."""
    campaign = make_campaign(make_union(), slug="chain")
    when = timezone.make_aware(timezone.datetime(2024, 3, 5, 12, 0))
    stored: list[Response] = []
    for i, answers in enumerate(chain_answers()):
        recruiter = stored[(i - 4) // 2] if i >= 4 else None  # four seeds, each respondent recruits two
        response = Response.objects.create(
            campaign=campaign, version=campaign.version, submitted_at=when, language="ru", answers=answers,
            idempotency_key=f"chain-{i}", referral_code=f"chain-code-{i}", source=Response.Source.FORM,
            recruited_by=recruiter, wave=0 if recruiter is None else recruiter.wave + 1,
        )
        stored.append(response)
    assert max(r.wave for r in stored) == 3 and stored[-1].recruited_by is not None
    return campaign


def _figures(campaign: Campaign, **spec: str) -> dict[str, Any]:
    result = queries.crosstab_for(campaign, queries.check_spec(campaign, weight="rds", **spec), public=False, lang="en")
    data = result.to_dict()
    assert result.weights is not None
    return {
        "counts": data["counts"], "row_pct": data["row_pct"], "col_pct": data["col_pct"], "total": data["total"],
        "n": data["n"], "rao_scott": {k: data["rao_scott"][k] for k in ("chi2", "df", "p", "mean_deff", "pearson_weighted")},
        "design_effect": data["design_effect"], "effective_n": data["effective_n"], "missing": data["missing"],
        "weights": (result.weights.respondents, result.weights.unweighted),
    }


#: Printed by the two-pass version (inverse_sum_db, then the weighted GROUP BY) on `chain_campaign`; the
#: Rao–Scott figures re-printed when the engine moved from the cell-deff approximation to R survey's exact
#: δ̄ (issue 21: same counts and Σw², another formula; pearson_weighted, from the same sums, is unchanged).
BEFORE = {'2way': {'counts': [[4.772593126810774, 5.72711175217293, 2.4029839519606697, 0],
                     [0, 0, 0.7535673358122276, 0.6817990181158249],
                     [0.4937165303597353, 0.6817990181158249, 1.1952233221926114, 0.5302881252011972],
                     [0.7960464211514496, 0.36712254821621343, 0.9555803813414231, 0.43387210243734314],
                     [0.6821857447284828, 0.6228064789597039, 0, 0.36712254821621343],
                     [0.596833183031482, 5.965741408513468, 1.7897224225540405, 0],
                     [1.7897224225540405, 0, 0.8948612112770202, 0.7954321878017957],
                     [0.5506838223243202, 1.690293399078816, 1.366697122677631, 0.5965741408513467],
                     [0.8685417638865196, 0, 1.0620330859111888, 0.47725931268107746],
                     [0.7347281524169219, 0.34089950905791244, 0.4211111582480095, 0.39771609390089785],
                     [0.6366601503156666, 5.0708801972364475, 2.863555876086465, 0]],
          'row_pct': [[36.989136057941025, 44.38696326952924, 18.623900672529746, 0.0],
                      [0.0, 0.0, 52.50000000000001, 47.5],
                      [17.01868100719898, 23.50198805756049, 41.200006890471265, 18.27932404476927],
                      [31.18544742191294, 14.382177496929222, 37.43525622115059, 16.997118860007262],
                      [40.79778231679215, 37.24663458659473, 0.0, 21.95558309661312],
                      [7.14573705920665, 71.42635610830257, 21.427906832490773, 0.0],
                      [51.42857142857143, 0.0, 25.714285714285715, 22.857142857142858],
                      [13.0982701022062, 40.20441239704958, 32.50752489002084, 14.18979261072338],
                      [36.07149435044084, 0.0, 44.10740168325633, 19.821103966302843],
                      [38.78308990798429, 17.994596050102597, 22.228618650126737, 20.993695391786364],
                      [7.427989765880768, 59.162562931579956, 33.40944730253928, 0.0]],
          'total': 50.37376502619769,
          'n': 51,
          'rao_scott': {'chi2': 19.317088124323824,
                        'df': 30,
                        'p': 0.933118328930004,
                        'mean_deff': 1.1273542687554357,
                        'pearson_weighted': 21.777201756881386},
          'design_effect': 2.5242806935708955,
          'effective_n': 20.20377532890545,
          'missing': [{'variable': 'sector', 'null': 0, 'declared_missing': 0, 'unknown': 1, 'unknown_codes': [99]},
                      {'variable': 'employer',
                       'null': 1,
                       'declared_missing': 0,
                       'unknown': 1,
                       'unknown_codes': []}],
          'weights': (60, 6)},
 'layer': {'counts': [[9.274755925034645, 11.045808968405378, 7.75953064750146, 2.0130817939705783],
                      [2.6469553925447493, 10.613993624648632, 5.945805220559826, 2.266981735235118]],
           'col_pct': [[77.79718597411743, 50.99681274079392, 56.616858734444854, 47.033923217120346],
                       [22.202814025882585, 49.00318725920609, 43.383141265555146, 52.966076782879654]],
           'total': 51.566913307900386,
           'n': 52,
           'rao_scott': {'chi2': 1.8156020993421815,
                         'df': 3,
                         'p': 0.6115456440083069,
                         'mean_deff': 1.432788633092379,
                         'pearson_weighted': 2.6013740501561373},
           'design_effect': 2.4838896722349717,
           'effective_n': 20.93490728725124,
           'missing': [{'variable': 'gender', 'null': 0, 'declared_missing': 0, 'unknown': 0, 'unknown_codes': []},
                       {'variable': 'employer',
                        'null': 1,
                        'declared_missing': 0,
                        'unknown': 1,
                        'unknown_codes': []},
                       {'variable': 'gov', 'null': 0, 'declared_missing': 0, 'unknown': 0, 'unknown_codes': []}],
           'weights': (60, 6)}}


def _same(actual: Any, expected: Any) -> None:
    """Equal up to the last bits of floating-point summation order."""
    if isinstance(expected, dict):
        assert set(actual) == set(expected)
        for key in expected:
            _same(actual[key], expected[key])
    elif isinstance(expected, list | tuple):
        assert len(actual) == len(expected)
        for a, e in zip(actual, expected, strict=True):
            _same(a, e)
    elif isinstance(expected, float):
        assert actual == pytest.approx(expected, rel=1e-12, abs=1e-12)
    else:
        assert actual == expected


@pytest.mark.parametrize(("key", "spec"), [("2way", {"rows": "sector", "cols": "employer"}),
                                           ("layer", {"rows": "gender", "cols": "employer", "layer": "gov"})])
def test_the_one_pass_rds_crosstab_gives_the_figures_of_the_two_pass_one(key: str, spec: dict[str, str]) -> None:
    campaign = chain_campaign()
    figures = _figures(campaign, **spec)
    expected = BEFORE[key]
    _same({k: figures[k] for k in expected}, expected)
    assert figures["rao_scott"]["p"] > 0.05 and figures["weights"] == (60, 6)


def test_the_totals_of_the_one_pass_are_those_of_the_whole_campaign() -> None:
    campaign = chain_campaign()
    codebook = queries.codebook_of(campaign)
    table, totals = counting.inverse_weighted_crosstab_db(campaign.pk, codebook["sector"], codebook["employer"],
                                                          code=queries.NETWORK_SIZE)
    # A weight needs a stored number > 0 (not the text "12", not 0, a negative number, null or nothing).
    sizes = [a.get(queries.NETWORK_SIZE) for a in campaign.responses.values_list("answers", flat=True)]
    numbers = [v for v in sizes if isinstance(v, int | float) and not isinstance(v, bool) and v > 0]
    respondents, valid, inverse_sum = len(sizes), len(numbers), math.fsum(1 / v for v in numbers)
    assert (totals.respondents, totals.valid) == (respondents, valid) == (60, 54)
    assert totals.inverse_sum == pytest.approx(inverse_sum, rel=1e-14)
    # Three weighted respondents are outside the table (sector 99, no employer, employer "many"): the
    # table's own sum of weights is smaller than the campaign's.
    assert table.n_cases is not None and int(table.n_cases.sum()) == valid - 3
    assert float(table.counts.sum()) < totals.inverse_sum
    # The excluded ones are reported as before: sector 99; employer not answered, and "many".
    by_name = {e.variable: e for e in table.exclusions}
    assert (by_name["sector"].unknown, by_name["sector"].unknown_codes) == (1, (99,))
    assert (by_name["employer"].null, by_name["employer"].unknown) == (1, 1)
    assert table.null_weights == 6


def test_an_empty_campaign_has_no_rds_table() -> None:
    campaign = make_campaign(make_union(), slug="empty")
    with pytest.raises(queries.ResultsError):
        queries.crosstab_for(campaign, queries.check_spec(campaign, rows="sector", cols="employer", weight="rds"),
                             public=False)
