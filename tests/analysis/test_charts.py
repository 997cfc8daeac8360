"""Charts: Vega-Lite specs with inline data and no external address, drawn to SVG/PNG without a browser."""

from __future__ import annotations

import json

import pytest

from tripartite.analysis import crosstab, frequencies
from tripartite.analysis.charts import (
    distribution_chart,
    distribution_from_crosstab,
    render_png,
    render_svg,
    row_percent_chart,
    save_chart,
)
from tripartite.analysis.readers import load_paper_dataset


@pytest.fixture(scope="module")
def paper():
    return load_paper_dataset()


@pytest.fixture(scope="module")
def table_5(paper):
    return crosstab(paper.array("gender"), paper.array("self_involvement"), codebook=paper.codebook,
                    row_name="gender", col_name="self_involvement").to_dict()


def data_values(spec):
    if "data" in spec and "values" in spec["data"]:
        return spec["data"]["values"]
    return next(iter(spec["datasets"].values()))


def test_specs_inline_their_data_and_name_no_external_address(paper, table_5):
    figure_3 = frequencies(paper.array("self_involvement"), codebook=paper.codebook, name="self_involvement")
    for spec in (distribution_chart(figure_3.to_dict()), row_percent_chart(table_5),
                 row_percent_chart(table_5, stacked=False)):
        text = json.dumps(spec)
        assert "http" not in text and "$schema" not in spec
        assert "url" not in json.dumps(spec.get("data", {}))
        assert data_values(spec)


def test_distribution_chart_is_figure_3_in_code_order(paper):
    result = frequencies(paper.array("self_involvement"), codebook=paper.codebook, name="self_involvement").to_dict()
    spec = distribution_chart(result)
    values = data_values(spec)
    assert [v["label"] for v in values] == [
        "Very active", "Sufficiently active", "Insufficiently active", "Not involved at all"]
    assert [v["count"] for v in values] == [126, 49, 103, 68]
    assert round(values[0]["percent"], 2) == 36.42
    bars = spec["layer"][0]["encoding"]["x"]
    assert bars["sort"] == [v["label"] for v in values]


def test_figure_1_from_the_column_margin_of_table_3(paper):
    table_3 = crosstab(paper.array("age_group"), paper.array("state_involvement"), codebook=paper.codebook,
                       row_name="age_group", col_name="state_involvement").to_dict()
    figure_1 = distribution_from_crosstab(table_3)
    assert figure_1["counts"] == [94, 100, 87, 65]
    assert [v["count"] for v in data_values(distribution_chart(figure_1))] == [94, 100, 87, 65]


def test_labels_and_titles_follow_the_language(paper):
    result = crosstab(paper.array("age_group"), paper.array("state_involvement"), codebook=paper.codebook,
                      row_name="age_group", col_name="state_involvement", lang="kk").to_dict()
    spec = row_percent_chart(result, lang="kk")
    text = json.dumps(spec, ensure_ascii=False)
    assert "Өте белсенді" in text and "Жол бойынша %" in text and "61 жас және одан жоғары" in text


def test_stacked_and_grouped_row_percent_charts(table_5):
    stacked = row_percent_chart(table_5)
    assert stacked["encoding"]["x"]["stack"] == "zero"
    grouped = row_percent_chart(table_5, stacked=False)
    assert "xOffset" in grouped["encoding"]
    values = data_values(stacked)
    male = [round(v["percent"], 2) for v in values if v["row"] == "Male"]
    assert male == [40.98, 12.57, 27.87, 18.58]


def test_rendered_without_a_browser(table_5, tmp_path):
    spec = row_percent_chart(table_5)
    svg = render_svg(spec)
    assert svg.lstrip().startswith("<svg") and "Very active" in svg
    png = render_png(spec)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert save_chart(spec, tmp_path / "c.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert save_chart(spec, tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match="unsupported chart type"):
        save_chart(spec, tmp_path / "c.gif")
