"""Codebooks from a YAML/JSON file, from SPSS metadata and from a questionnaire definition."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
import yaml

from tripartite.analysis.readers import (
    AnalysisInputError,
    codebook_from_mapping,
    codebook_from_questionnaire,
    codebook_from_sav_metadata,
    codebook_to_mapping,
    load_codebook,
    paper_codebook,
)
from tripartite.languages import LANGUAGES

YAML = """
variables:
  - name: gender
    text: {kk: Жынысыңыз, ru: Ваш пол, en: Your gender}
    missing: [9]
    codes:
      - {code: 1, label: {kk: Ер, ru: Мужской, en: Male}}
      - {code: 2, label: {kk: Әйел, ru: Женский, en: Female}}
  - name: opinion
    ordinal: true
    text: How active is the state?
    codes:
      - {code: 1, label: Very active}
      - {code: 4, label: Not involved at all}
"""

QUESTIONNAIRE = {
    "questions": [
        {"code": "q2", "text": {"kk": "Жынысыңыз", "ru": "Ваш пол", "en": "Your gender"},
         "options": [{"code": 1, "text": {"kk": "Ер", "ru": "Мужской", "en": "Male"}},
                     {"code": 2, "text": {"kk": "Әйел", "ru": "Женский", "en": "Female"}}]},
        {"code": "q4", "ordinal": True, "text": {"en": "How active is the state?"},
         "options": [{"code": c, "text": {"en": t}} for c, t in
                     [(1, "Very active"), (2, "Sufficiently active"), (3, "Insufficiently active"),
                      (4, "Not involved at all")]]},
        {"code": "comment", "text": {"en": "Anything else?"}},
    ]
}


def test_yaml_codebook_keeps_order_labels_missing_and_ordinal(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text(YAML, encoding="utf-8")
    codebook = load_codebook(path)
    gender = codebook["gender"]
    assert gender.codes == (1, 2) and gender.missing == (9,)
    assert gender.label(2, "kk") == "Әйел" and gender.label(2, "ru") == "Женский"
    assert gender.text("ru") == "Ваш пол"
    opinion = codebook["opinion"]
    assert opinion.ordinal is True and opinion.codes == (1, 4)
    # A plain string is English, and other languages fall back to it.
    assert opinion.label(4, "kk") == "Not involved at all"


def test_json_codebook_is_the_same_shape(tmp_path):
    path = tmp_path / "cb.json"
    path.write_text(json.dumps(yaml.safe_load(YAML), ensure_ascii=False), encoding="utf-8")
    assert load_codebook(path) == codebook_from_mapping(yaml.safe_load(YAML))


def test_codebook_round_trips_through_its_mapping():
    codebook = codebook_from_mapping(yaml.safe_load(YAML))
    assert codebook_from_mapping(codebook_to_mapping(codebook)) == codebook


def test_questionnaire_export_becomes_a_codebook():
    codebook = codebook_from_questionnaire(QUESTIONNAIRE)
    assert set(codebook.variables) == {"q2", "q4"}  # free-text questions are not coded variables
    assert codebook["q2"].label(1, "kk") == "Ер"
    assert codebook["q4"].ordinal is True
    assert codebook["q4"].codes == (1, 2, 3, 4)


def test_questionnaire_file_is_recognised_by_load_codebook(tmp_path):
    path = tmp_path / "questionnaire.json"
    path.write_text(json.dumps(QUESTIONNAIRE), encoding="utf-8")
    assert load_codebook(path) == codebook_from_questionnaire(QUESTIONNAIRE)


def test_sav_metadata_gives_labels_missing_codes_and_measure():
    meta = SimpleNamespace(
        column_names=["opinion", "age", "weight"],
        column_names_to_labels={"opinion": "How active?", "age": "Age group", "weight": None},
        variable_value_labels={"opinion": {1.0: "Very active", 2.0: "Rather", 8.0: "Refused", 9.0: "Don't know"},
                               "age": {1.0: "18-25", 2.0: "26-30"}},
        missing_user_values={"opinion": [9.0]},
        missing_ranges={"opinion": [{"lo": 8.0, "hi": 9.0}]},
        variable_measure={"opinion": "ordinal", "age": "ordinal", "weight": "scale"},
    )
    codebook = codebook_from_sav_metadata(meta, lang="ru")
    opinion = codebook["opinion"]
    assert opinion.codes == (1, 2) and opinion.missing == (8, 9)
    assert opinion.labels[1] == {"ru": "Very active"}
    assert opinion.title == {"ru": "How active?"}
    assert opinion.ordinal is True
    assert "weight" not in codebook  # no labels, no data: not a coded variable


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"vars": []}, "'variables' list"),
        ({"variables": [{"codes": []}]}, "has no 'name'"),
        ({"variables": [{"name": "g", "codes": [{"code": "one"}]}]}, "integer 'code'"),
        ({"variables": [{"name": "g", "codes": [{"code": 1}, {"code": 1}]}]}, "appears twice"),
        ({"variables": [{"name": "g", "text": {"de": "Geschlecht"}}]}, "unknown language 'de'"),
    ],
)
def test_malformed_codebooks_are_refused_with_a_reason(document, message):
    with pytest.raises(AnalysisInputError, match=message):
        codebook_from_mapping(document)


def test_unparseable_or_missing_codebook_file(tmp_path):
    bad = tmp_path / "cb.yaml"
    bad.write_text("variables: [\n", encoding="utf-8")
    with pytest.raises(AnalysisInputError, match="cannot parse codebook"):
        load_codebook(bad)
    with pytest.raises(AnalysisInputError, match="codebook file not found"):
        load_codebook(tmp_path / "none.yaml")


def test_paper_codebook_is_complete_in_three_languages():
    codebook = paper_codebook()
    assert list(codebook.variables) == [
        "age_group", "gender", "sector", "state_involvement", "employer_involvement", "self_involvement"]
    assert codebook["sector"].codes == tuple(range(1, 12))
    assert codebook["age_group"].codes == tuple(range(1, 7))
    for variable in codebook.variables.values():
        assert set(variable.title) == set(LANGUAGES), variable.name
        for code in variable.codes:
            assert set(variable.labels[code]) == set(LANGUAGES), (variable.name, code)
    assert codebook["sector"].label(5, "en") == "Information technology and communications"
    assert codebook["state_involvement"].label(4, "ru") == "Совсем не участвует"
    assert codebook["self_involvement"].ordinal is True


def test_yes_and_no_labels_stay_text_in_yaml(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text("variables:\n  - name: member\n    ordinal: false\n    codes:\n"
                    "      - {code: 1, label: Yes}\n      - {code: 2, label: No}\n", encoding="utf-8")
    member = load_codebook(path)["member"]
    assert member.label(1) == "Yes" and member.label(2) == "No" and member.ordinal is False
