"""Exporting a campaign's answers as CSV, XLSX or SPSS .sav (with value labels), through the analysis engine.

One row per response: ``id``, ``submitted_at`` (Almaty time), ``language``, ``wave``, ``recruiter_id``
(the ``id`` of the response whose referral link brought this respondent; empty for seeds), then one
column per question in questionnaire order.  A multiple-choice question becomes one 0/1 column per
option, ``code.option`` (the "multiple dichotomy" layout SPSS users expect); empty when the question
was not answered.  The import reads this same layout back.
"""

from __future__ import annotations

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


def answers_frame(campaign: Campaign) -> pd.DataFrame:
    """The campaign's responses as a DataFrame in the export layout (streamed from the database)."""
    columns = _columns(questions_of(campaign))
    data: dict[str, list[Any]] = {name: [] for name in (*META, *(c[0] for c in columns))}
    rows = (campaign.responses.order_by("id")
            .values_list("id", "submitted_at", "language", "wave", "recruited_by_id", "answers")
            .iterator(chunk_size=5000))
    for pk, submitted, language, wave, recruiter, answers in rows:
        data["id"].append(pk)
        data["submitted_at"].append(timezone.localtime(submitted).strftime("%Y-%m-%d %H:%M:%S"))
        data["language"].append(language)
        data["wave"].append(wave)
        data["recruiter_id"].append(recruiter)
        answers = answers if isinstance(answers, dict) else {}
        for name, question, option in columns:
            value = answers.get(question.code)
            if option is not None:
                data[name].append(None if not isinstance(value, list) else int(option in value))
            elif question.kind == Question.Kind.TEXT:
                data[name].append(None if value is None else str(value))
            else:
                data[name].append(value if isinstance(value, int) and not isinstance(value, bool) else None)
    frame = pd.DataFrame({name: pd.Series(values, dtype="object") for name, values in data.items()})
    for name in frame.columns:
        if name in ("submitted_at", "language"):
            continue
        column_question = next((q for n, q, _o in columns if n == name), None)
        if column_question is not None and column_question.kind == Question.Kind.TEXT:
            continue
        frame[name] = frame[name].astype("Int64")
    return frame


def export_codebook(campaign: Campaign, lang: str) -> Codebook:
    """The campaign's codebook plus one 0/1 variable per multiple-choice option, for .sav value labels."""
    variables = dict(codebook_of(campaign).variables)
    with override(lang):
        chosen = {lang: _("chosen")}
        not_chosen = {lang: _("not chosen")}
    for q in questions_of(campaign):
        if q.kind != Question.Kind.MULTIPLE:
            continue
        for o in q.sorted_options():
            name = f"{q.code}.{o.code}"
            title = f"{q.texts().get(lang) or q.text} — {o.labels().get(lang) or o.label}"
            variables[name] = Variable(name=name, codes=(0, 1), labels={0: not_chosen, 1: chosen}, title={lang: title})
    return Codebook(variables)


def export_answers(campaign: Campaign, fmt: str, *, lang: str) -> Export:
    """The answers file in `fmt` (csv, xlsx or sav); .sav carries the labels in `lang`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    frame = answers_frame(campaign)
    if fmt == "sav":
        # SPSS has no nullable integers: codes become numbers with system-missing for "no answer".
        for name in frame.columns:
            if str(frame[name].dtype) == "Int64":
                frame[name] = frame[name].astype("float64")
            elif frame[name].dtype == object:
                frame[name] = frame[name].fillna("")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"answers.{fmt}"
        write_table(frame, path, codebook=export_codebook(campaign, lang) if fmt == "sav" else None, lang=lang)
        content = path.read_bytes()
    stamp = timezone.localdate().isoformat()
    return Export(content, f"{campaign.slug}-answers-{stamp}.{fmt}", FORMATS[fmt])
