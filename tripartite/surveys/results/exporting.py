"""Exporting a campaign's answers as CSV, XLSX or SPSS .sav (with value labels), through the analysis engine.

One row per response: ``id``, ``submitted_at`` (Almaty time), ``language``, ``wave``, ``recruiter_id``
(the ``id`` of the response whose referral link brought this respondent; empty for seeds), then one
column per question in questionnaire order.  A multiple-choice question becomes one 0/1 column per
option, ``code.option`` (the "multiple dichotomy" layout SPSS users expect); empty when the question
was not answered.  The import reads this same layout back.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tripartite.analysis import Codebook, Variable
from tripartite.analysis.outputs import write_table
from tripartite.surveys.models import Campaign, Question
from tripartite.surveys.results.queries import codebook_of, questions_of

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
}
META = ("id", "submitted_at", "language", "wave", "recruiter_id")
#: User-missing codes of a .sav export when the questionnaire has conditions: "no answer" and "not asked" (moved
#: down by hundreds when an option has such a code, or below the smallest value a number question allows).
NO_ANSWER_CODE = -99
NOT_ASKED_CODE = -98
#: Kinds whose column is numeric and so can carry the codes (text and dates stay empty in both cases).
_CODED = (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.NUMBER, Question.Kind.DECIMAL)


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str


def _columns(questions: list[Question]) -> list[tuple[str, Question, int | None]]:
    """(column name, question, option code for a dichotomy column) in questionnaire order."""
    out: list[tuple[str, Question, int | None]] = []
    for q in questions:
        if q.kind == Question.Kind.MULTIPLE:
            out.extend((f"{q.code}.{o.code}", q, o.code) for o in q.sorted_options())
        else:
            out.append((q.code, q, None))
    return out


def missing_codes(question: Question) -> tuple[int, int]:
    """(no answer, not asked) codes of a question's column that no answer to it can take."""
    no_answer, not_asked = NO_ANSWER_CODE, NOT_ASKED_CODE
    if question.kind in (Question.Kind.NUMBER, Question.Kind.DECIMAL):
        if question.min_value is None:
            return -999_999_999, -999_999_998
        floor = min(question.min_value, 0)
        return (no_answer, not_asked) if floor > not_asked else (floor - 2, floor - 1)
    taken = {o.code for o in question.options.all()}
    while no_answer in taken or not_asked in taken:
        no_answer, not_asked = no_answer - 100, not_asked - 100
    return no_answer, not_asked


def has_conditions(campaign: Campaign) -> bool:
    return any(q.relevance for q in questions_of(campaign))


def answers_frame(campaign: Campaign, *, missing: bool = False) -> pd.DataFrame:
    """The campaign's responses as a DataFrame in the export layout (streamed from the database).

    With `missing`, a numeric column holds its question's "no answer" or "not asked" code (`missing_codes`)
    where it would be empty.
    """
    columns = _columns(questions_of(campaign))
    codes = {q.code: missing_codes(q) for _n, q, _o in columns if q.kind in _CODED} if missing else {}
    data: dict[str, list[Any]] = {name: [] for name in (*META, *(c[0] for c in columns))}
    rows = (campaign.responses.order_by("id")
            .values_list("id", "submitted_at", "language", "wave", "recruited_by_id", "answers", "not_asked")
            .iterator(chunk_size=5000))
    for pk, submitted, language, wave, recruiter, answers, not_asked in rows:
        data["id"].append(pk)
        data["submitted_at"].append(timezone.localtime(submitted).strftime("%Y-%m-%d %H:%M:%S"))
        data["language"].append(language)
        data["wave"].append(wave)
        data["recruiter_id"].append(recruiter)
        answers = answers if isinstance(answers, dict) else {}
        skipped = set(not_asked) if codes and isinstance(not_asked, list) else ()
        for name, question, option in columns:
            value = answers.get(question.code)
            if option is not None:
                cell: Any = None if not isinstance(value, list) else int(option in value)
            elif question.kind in (Question.Kind.TEXT, Question.Kind.DATE, Question.Kind.CALCULATE):
                cell = None if value is None else str(value)
            elif question.kind == Question.Kind.DECIMAL:
                cell = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
            else:
                cell = value if isinstance(value, int) and not isinstance(value, bool) else None
            if cell is None and question.code in codes:
                cell = codes[question.code][1 if question.code in skipped else 0]
            data[name].append(cell)
    frame = pd.DataFrame({name: pd.Series(values, dtype="object") for name, values in data.items()})
    for name in frame.columns:
        if name in ("submitted_at", "language"):
            continue
        column_question = next((q for n, q, _o in columns if n == name), None)
        if column_question is not None and column_question.kind in (
                Question.Kind.TEXT, Question.Kind.DATE, Question.Kind.CALCULATE):
            continue
        if column_question is not None and column_question.kind == Question.Kind.DECIMAL:
            frame[name] = frame[name].astype("Float64")
            continue
        frame[name] = frame[name].astype("Int64")
    return frame


def export_codebook(campaign: Campaign, lang: str, *, missing: bool = False) -> Codebook:
    """The campaign's codebook plus one 0/1 variable per multiple-choice option, for .sav value labels; with
    `missing`, every numeric column declares its "no answer" and "not asked" codes user-missing, labelled."""
    variables = dict(codebook_of(campaign).variables)
    with override(lang):
        chosen = {lang: _("chosen")}
        not_chosen = {lang: _("not chosen")}
        no_answer_label = {lang: _("no answer")}
        not_asked_label = {lang: _("not asked")}

    def with_missing(variable: Variable, question: Question) -> Variable:
        if not missing:
            return variable
        no_answer, not_asked = missing_codes(question)
        labels = {**variable.labels, no_answer: no_answer_label, not_asked: not_asked_label}
        return dataclasses.replace(variable, labels=labels, missing=(*variable.missing, not_asked, no_answer))

    for q in questions_of(campaign):
        title = {lang: q.texts().get(lang) or q.text}
        if q.kind == Question.Kind.SINGLE and q.code in variables:
            variables[q.code] = with_missing(variables[q.code], q)
        elif q.kind in (Question.Kind.NUMBER, Question.Kind.DECIMAL) and missing:
            variables[q.code] = with_missing(Variable(name=q.code, codes=(), title=title), q)
        if q.kind != Question.Kind.MULTIPLE:
            continue
        for o in q.sorted_options():
            name = f"{q.code}.{o.code}"
            option_title = f"{title[lang]} — {o.labels().get(lang) or o.label}"
            variables[name] = with_missing(Variable(name=name, codes=(0, 1), labels={0: not_chosen, 1: chosen},
                                                    title={lang: option_title}), q)
    return Codebook(variables)


def export_answers(campaign: Campaign, fmt: str, *, lang: str) -> Export:
    """The answers file in `fmt` (csv, xlsx or sav); .sav carries the labels in `lang`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    # Only a .sav file of a questionnaire with conditions carries the missing codes: CSV and XLSX keep the layout
    # the import reads back, and the exports of questionnaires without conditions stay as they were.
    missing = fmt == "sav" and has_conditions(campaign)
    frame = answers_frame(campaign, missing=missing)
    if fmt == "sav":
        # SPSS has no nullable integers: codes become numbers with system-missing for "no answer".
        for name in frame.columns:
            if str(frame[name].dtype) in ("Int64", "Float64"):
                frame[name] = frame[name].astype("float64")
            elif frame[name].dtype == object:
                frame[name] = frame[name].fillna("")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"answers.{fmt}"
        write_table(frame, path, codebook=export_codebook(campaign, lang, missing=missing) if fmt == "sav" else None,
                    lang=lang)
        content = path.read_bytes()
    stamp = timezone.localdate().isoformat()
    return Export(content, f"{campaign.slug}-answers-{stamp}.{fmt}", FORMATS[fmt])
