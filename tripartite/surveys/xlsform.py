"""XLSForm in and out: a questionnaire version from an XLSForm file (checked by pyxform, the reference converter,
and by our own rules), and any version as an XLSForm file.

Understood: the survey, choices and settings sheets; labels, hints and constraint messages per language
(``label::Kazakh (kk)``, ``label::Russian (ru)``, ``label::English (en)``, or a plain ``label`` in the form's
default language); the types text, integer, decimal, date, select_one, select_multiple, note, calculate and
groups; the columns relevance, constraint, constraint_message, required, calculation and default. A group's
"asked only if" condition is carried into each of its questions (our questionnaires have no groups yet, so an
export lists the questions without the group). Anything else — a repeat, a media or location question, a column
or a function we do not evaluate — refuses the file with the sheet, the row and the reason: nothing is dropped
silently.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tripartite.core.errors import DomainError
from tripartite.languages import LANGUAGES
from tripartite.surveys import expressions
from tripartite.surveys.collect import services
from tripartite.surveys.models import QUESTION_CODE_RE, Question, Questionnaire, QuestionnaireVersion

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_FILE_BYTES = 5 * 1024 * 1024
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}
TYPES = {
    "text": Question.Kind.TEXT, "integer": Question.Kind.NUMBER, "decimal": Question.Kind.DECIMAL,
    "date": Question.Kind.DATE, "note": Question.Kind.NOTE, "calculate": Question.Kind.CALCULATE,
    "select_one": Question.Kind.SINGLE, "select_multiple": Question.Kind.MULTIPLE,
}
KIND_TYPES = {kind: name for name, kind in TYPES.items()}
TRANSLATED = ("label", "hint", "constraint_message")
SURVEY_COLUMNS = ("type", "name", "relevance", "constraint", "required", "calculation", "default")
IGNORED_COLUMNS = ("required_message",)  # pyxform's own, shown by ODK only: refused when filled, see below
_LANGUAGE_RE = re.compile(r"^(?P<column>[a-z_]+)::(?P<language>.+)$")
_CODE_IN_NAME_RE = re.compile(r"\((?P<code>[a-z]{2})\)\s*$")


class XLSFormError(DomainError):
    """An XLSForm that cannot be imported: every problem with its sheet and row."""

    status = 422

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = [str(p) for p in problems]
        super().__init__("; ".join(self.problems[:20]))


def _problem(sheet: str, row: int, reason: str) -> str:
    return _("Sheet %(sheet)s, row %(row)s: %(reason)s") % {"sheet": sheet, "row": row, "reason": reason}


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass
class _Sheet:
    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (row number in the sheet, cells)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_sheets(content: bytes) -> dict[str, _Sheet]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for what is not an .xlsx file
        raise XLSFormError([_("The file is not an XLSForm: upload an .xlsx workbook with a survey sheet.")]) from None
    sheets: dict[str, _Sheet] = {}
    for worksheet in workbook.worksheets:
        rows = worksheet.iter_rows(values_only=True)
        header_row = next(rows, None)
        header = [_cell(v) for v in (header_row or ())]
        sheet = _Sheet(worksheet.title.strip().lower(), header)
        for number, values in enumerate(rows, start=2):
            cells = {header[i]: _cell(v) for i, v in enumerate(values) if i < len(header) and header[i]}
            if any(cells.values()):
                sheet.rows.append((number, cells))
        sheets[sheet.name] = sheet
    workbook.close()
    if "survey" not in sheets:
        raise XLSFormError([_("The file is not an XLSForm: it has no survey sheet.")])
    return sheets


def _language_of(name: str, default: str) -> str | None:
    """kk, ru or en for a column's language ("Kazakh (kk)", "kk", "Russian"); None for any other language."""
    text = name.strip()
    match = _CODE_IN_NAME_RE.search(text)
    if match:
        code = match.group("code")
        return code if code in LANGUAGES else None
    lowered = text.lower()
    for code, english in LANGUAGE_NAMES.items():
        if lowered in (code, english.lower()):
            return code
    return None


def _columns(sheet: _Sheet, default: str, allowed: Sequence[str]) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Each header → (field, language or "") and the problems of unknown columns."""
    known: dict[str, tuple[str, str]] = {}
    problems: list[str] = []
    for name in sheet.header:
        if not name:
            continue
        match = _LANGUAGE_RE.match(name)
        if match and match.group("column") in TRANSLATED:
            language = _language_of(match.group("language"), default)
            if language is None:
                problems.append(_problem(sheet.name, 1, _("the language of the column “%(column)s” is not Kazakh (kk), "
                                                          "Russian (ru) or English (en).") % {"column": name}))
                continue
            known[name] = (match.group("column"), language)
        elif name in TRANSLATED:
            known[name] = (name, default)
        elif name in allowed:
            known[name] = (name, "")
        else:
            known[name] = ("", "")  # refused only if a row fills it in
    return known, problems


@dataclass
class _Question:
    row: int
    data: dict[str, Any]
    list_name: str = ""


def _default_language(sheets: Mapping[str, _Sheet]) -> str:
    settings = sheets.get("settings")
    if settings is not None and settings.rows:
        language = _language_of(settings.rows[0][1].get("default_language", ""), "en")
        if language:
            return language
    return "en"


def read_xlsform(content: bytes) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The settings ({form_id, form_title_*}) and the questions (QUESTION_FIELDS and their options) of an XLSForm;
    XLSFormError listing every row that cannot be honoured."""
    if len(content) > MAX_FILE_BYTES:
        raise XLSFormError([_("The file is larger than 5 MB.")])
    sheets = _read_sheets(content)
    default = _default_language(sheets)
    problems: list[str] = []
    choices = _read_choices(sheets.get("choices"), default, problems)
    survey = sheets["survey"]
    columns, column_problems = _columns(survey, default, (*SURVEY_COLUMNS, *IGNORED_COLUMNS, "label", "hint"))
    problems += column_problems
    questions: list[_Question] = []
    groups: list[str] = []  # the "asked only if" of each open group ("" when it has none)
    seen: dict[str, int] = {}
    for number, cells in survey.rows:
        data: dict[str, Any] = {}
        for header, value in cells.items():
            if not value:
                continue
            column, language = columns.get(header, ("", ""))
            if not column or column in IGNORED_COLUMNS:
                problems.append(_problem(survey.name, number, _("the column “%(column)s” is not supported.")
                                         % {"column": header}))
            elif language:
                data[f"{'text' if column == 'label' else 'help' if column == 'hint' else column}_{language}"] = value
            else:
                data[column] = value
        kind_text = " ".join(str(data.pop("type", "")).split())
        base, _sep, list_name = kind_text.partition(" ")
        if kind_text in ("begin group", "end group", "begin repeat", "end repeat"):
            base, list_name = kind_text.replace(" ", "_"), ""
        if base in ("begin_group", "begin group"):
            groups.append(_checked_expression(str(data.get("relevance", "")), survey.name, number, problems))
            continue
        if base in ("end_group", "end group"):
            if not groups:
                problems.append(_problem(survey.name, number, _("“end group” without a “begin group”.")))
            else:
                groups.pop()
            continue
        if base in ("begin_repeat", "begin repeat", "end_repeat", "end repeat"):
            problems.append(_problem(survey.name, number, _("repeat groups are not supported.")))
            continue
        if base not in TYPES:
            problems.append(_problem(survey.name, number, _("the type “%(type)s” is not supported (supported: %(types)s).")
                                     % {"type": kind_text or "—", "types": ", ".join(TYPES)}))
            continue
        name = str(data.pop("name", ""))
        if not QUESTION_CODE_RE.match(name):
            problems.append(_problem(survey.name, number, _("the name “%(name)s” is not a question code: a small Latin "
                                                            "letter, then small letters, digits or _ (at most 40).")
                                     % {"name": name}))
            continue
        if name in seen:
            problems.append(_problem(survey.name, number, _("the name “%(name)s” is also on row %(row)s.")
                                     % {"name": name, "row": seen[name]}))
            continue
        seen[name] = number
        question = {"code": name, "kind": TYPES[base]}
        for column in ("relevance", "constraint", "calculation"):
            if data.get(column):
                question[column] = _checked_expression(str(data[column]), survey.name, number, problems)
        conditions = [f"({g})" for g in groups if g] + ([f"({question['relevance']})"] if question.get("relevance")
                                                         else [])
        if conditions:
            question["relevance"] = conditions[0][1:-1] if len(conditions) == 1 else " and ".join(conditions)
        required = str(data.get("required", "")).strip()
        if required.lower() in ("yes", "true", "true()"):
            question["required"] = True
        elif required.lower() in ("", "no", "false", "false()"):
            question["required"] = False
        else:
            question["required"] = False
            question["required_if"] = _checked_expression(required, survey.name, number, problems)
        if data.get("default"):
            question["default"] = str(data["default"])
        for key, value in data.items():
            if key.startswith(("text_", "help_", "constraint_message_")):
                question[key] = value
        if TYPES[base] in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            if not list_name:
                problems.append(_problem(survey.name, number, _("%(type)s needs the name of a choice list.")
                                         % {"type": base}))
                continue
            if list_name not in choices:
                problems.append(_problem(survey.name, number, _("there is no choice list “%(list)s” in the choices "
                                                                "sheet.") % {"list": list_name}))
                continue
            question["options"] = choices[list_name]
        elif list_name:
            problems.append(_problem(survey.name, number, _("only select_one and select_multiple name a choice list.")))
            continue
        if not any(question.get(f"text_{code}") for code in LANGUAGES) and question["kind"] != Question.Kind.CALCULATE:
            problems.append(_problem(survey.name, number, _("the question has no label.")))
            continue
        if not any(question.get(f"text_{code}") for code in LANGUAGES):
            question["text_en"] = name
        questions.append(_Question(number, question))
    if groups:
        problems.append(_problem(survey.name, survey.rows[-1][0] if survey.rows else 1,
                                 _("a “begin group” is never closed by an “end group”.")))
    if not questions and not problems:
        problems.append(_problem(survey.name, 2, _("the survey sheet has no questions.")))
    if problems:
        raise XLSFormError(problems)
    settings = sheets.get("settings")
    info: dict[str, str] = {}
    if settings is not None and settings.rows:
        row = settings.rows[0][1]
        info["form_id"] = row.get("form_id", "")
        for header, value in row.items():
            match = _LANGUAGE_RE.match(header)
            if header == "form_title":
                info[f"title_{default}"] = value
            elif match and match.group("column") == "form_title":
                language = _language_of(match.group("language"), default)
                if language:
                    info[f"title_{language}"] = value
    return info, [q.data for q in questions]


def _checked_expression(source: str, sheet: str, row: int, problems: list[str]) -> str:
    try:
        return expressions.parse(source).source
    except expressions.ExpressionError as exc:
        problems.append(_problem(sheet, row, exc.message))
        return source


def _read_choices(sheet: _Sheet | None, default: str, problems: list[str]) -> dict[str, list[dict[str, Any]]]:
    if sheet is None:
        return {}
    columns, column_problems = _columns(sheet, default, ("list_name", "list name", "name", "label"))
    problems += column_problems
    lists: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for number, cells in sheet.rows:
        option: dict[str, Any] = {}
        list_name = cells.get("list_name") or cells.get("list name") or ""
        for header, value in cells.items():
            column, language = columns.get(header, ("", ""))
            if not value or header in ("list_name", "list name"):
                continue
            if not column:
                problems.append(_problem(sheet.name, number, _("the column “%(column)s” is not supported.")
                                         % {"column": header}))
            elif column == "label" and language:
                option[f"label_{language}"] = value
            elif column == "name":
                option["name"] = value
        if not list_name or not option.get("name"):
            problems.append(_problem(sheet.name, number, _("a choice needs a list_name and a name.")))
            continue
        if " " in option["name"]:
            problems.append(_problem(sheet.name, number, _("a choice name cannot contain spaces.")))
            continue
        lists.setdefault(list_name, []).append((number, option))
    out: dict[str, list[dict[str, Any]]] = {}
    for list_name, options in lists.items():
        names = [o["name"] for _n, o in options]
        numeric = all(re.fullmatch(r"-?\d{1,9}", n) for n in names)
        seen: set[str] = set()
        items = []
        for position, (number, option) in enumerate(options, start=1):
            if option["name"] in seen:
                problems.append(_problem(sheet.name, number, _("the choice “%(name)s” is twice in the list “%(list)s”.")
                                         % {"name": option["name"], "list": list_name}))
                continue
            seen.add(option["name"])
            # Numeric names are the codes themselves; other names get codes 1, 2, … and are kept as the names.
            code = int(option["name"]) if numeric else position
            items.append({**option, "code": code, "name": "" if numeric else option["name"]})
        out[list_name] = items
    return out


def _pyxform_problems(content: bytes) -> list[str]:
    """What pyxform, the reference converter, refuses in the file (its message, untranslated)."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    try:
        convert(xlsform=io.BytesIO(content), file_type=".xlsx", validate=False)
    except PyXFormError as exc:
        return [_("pyxform refuses the form: %(reason)s") % {"reason": str(exc)}]
    except Exception as exc:  # a file pyxform cannot even read
        return [_("pyxform cannot read the form: %(reason)s") % {"reason": str(exc)[:300]}]
    return []


# ---------------------------------------------------------------------------------------------
# Importing as a questionnaire or a new version


@transaction.atomic
def xlsform_import(*, content: bytes, by: Any, owner: Any = None, code: str | None = None) -> QuestionnaireVersion:
    """A draft version made from an XLSForm: a new version of the questionnaire `code` when it exists, else a new
    questionnaire of `owner` (its code: `code`, else the form_id of the settings sheet)."""
    info, questions = read_xlsform(content)
    problems = _pyxform_problems(content)
    if problems:
        raise XLSFormError(problems)
    code = (code or info.get("form_id") or "").strip().lower()
    existing = Questionnaire.objects.filter(code=code).first() if code else None
    if existing is not None:
        version = services.version_new_draft(questionnaire=existing, by=by)
    else:
        if owner is None:
            raise DomainError(_("Choose the organisation that owns the new questionnaire."), field="owner")
        if not code:
            raise DomainError(_("Give the questionnaire a code (or a form_id in the settings sheet)."), field="code")
        titles = {k: v for k, v in info.items() if k.startswith("title_")} or {"title_en": code}
        questionnaire = services.questionnaire_create(by=by, owner=owner, code=code, **titles)
        version = questionnaire.versions.get(number=1)
    services.questions_replace(version=version, by=by, questions=questions)
    return version


# ---------------------------------------------------------------------------------------------
# Exporting


def _translated(header: str, language: str) -> str:
    return f"{header}::{LANGUAGE_NAMES[language]} ({language})"


def _constraint(question: Question) -> str:
    """The question's constraint with its smallest and largest value (XLSForm has no such columns)."""
    parts = [f". >= {question.min_value}"] if question.min_value is not None else []
    if question.max_value is not None:
        parts.append(f". <= {question.max_value}")
    if question.constraint:
        parts.append(f"({question.constraint})" if parts else question.constraint)
    return " and ".join(parts)


def _survey_rows(version: QuestionnaireVersion) -> Iterator[list[Any]]:
    for question in version.ordered_questions():
        kind = KIND_TYPES[question.kind]
        if question.has_options:
            kind = f"{kind} {question.code}"
        yield [
            kind, question.code,
            *[getattr(question, f"text_{code}") for code in LANGUAGES],
            *[getattr(question, f"help_{code}") for code in LANGUAGES],
            "yes" if question.required and question.takes_answer else (question.required_if or ""),
            question.relevance, _constraint(question),
            *[getattr(question, f"constraint_message_{code}") for code in LANGUAGES],
            question.calculation, question.default,
        ]


def xlsform_export(version: QuestionnaireVersion) -> bytes:
    """The version as an XLSForm workbook (survey, choices, settings)."""
    from openpyxl import Workbook

    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(["type", "name", *[_translated("label", c) for c in LANGUAGES],
                   *[_translated("hint", c) for c in LANGUAGES], "required", "relevance", "constraint",
                   *[_translated("constraint_message", c) for c in LANGUAGES], "calculation", "default"])
    for row in _survey_rows(version):
        survey.append(row)
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", *[_translated("label", c) for c in LANGUAGES]])
    for question in version.ordered_questions():
        for option in question.sorted_options():
            choices.append([question.code, option.value_name, *[getattr(option, f"label_{c}") for c in LANGUAGES]])
    settings = workbook.create_sheet("settings")
    questionnaire = version.questionnaire
    # XLSForm has one form_title (pyxform refuses translated ones): the English title, else the Russian, else Kazakh.
    settings.append(["form_id", "version", "form_title", "default_language"])
    language = next((c for c in ("en", "ru", "kk") if getattr(questionnaire, f"title_{c}")), "en")
    settings.append([questionnaire.code, str(version.number), getattr(questionnaire, f"title_{language}")
                     or questionnaire.code, f"{LANGUAGE_NAMES[language]} ({language})"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
