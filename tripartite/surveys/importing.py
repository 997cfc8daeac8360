"""Importing answers into a campaign from CSV, XLSX or SPSS .sav, validated row by row.

The file has one column per question code (the layout the answers export writes): a code for a
single choice, a number, a text, and for a multiple choice either one column with the chosen codes
("1;3") or one 0/1 column per option named ``code.option`` (the export's layout).  Optional columns:
``language`` (kk, ru, en) and ``submitted_at`` (date or date and time; Almaty time unless an offset is
given).  With both ``id`` and ``recruiter_id`` columns (the export writes them), the referral chain comes
along: ``recruiter_id`` names the ``id`` of the row that recruited the respondent (blank for a seed), and the
wave is counted along the chain (a ``wave`` column is ignored).  A recruiter that is not in the file (as in a
corrected rejected-rows file) leaves the row unlinked, wave 0, and the report says how many; an id used twice,
or a respondent named as their own recruiter, rejects the row; a chain that loops back on itself stops the
import.  The ``import_line``/``import_errors`` columns of a rejected-rows file are ignored, so a corrected
rejected-rows file can be imported as it is.

Every row is checked with the form's and the API's own validation (`services.validate_answers`).
Nothing is imported unless every row is valid, or the owner asks for the valid rows only; either way
the report lists every rejected row with its reasons, and the rejected rows can be downloaded as CSV.
Rows are written with `bulk_create` in batches, inside one transaction, while the file is read: a
million rows never sit in memory, and a file that turns out to be bad leaves no trace.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import secrets
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tripartite.analysis import readers
from tripartite.core.errors import DomainError, NotAllowed
from tripartite.surveys.collect import queries, services
from tripartite.surveys.models import LANGUAGES, Campaign, Question, Response

SUFFIXES = (".csv", ".xlsx", ".sav")
META_COLUMNS = ("language", "submitted_at", "id", "recruiter_id")
IGNORED_COLUMNS = ("wave", "import_line", "import_errors")
BATCH_SIZE = 5000
#: Rejected rows listed on the report page (all of them are in the downloadable CSV).
LISTED_REJECTIONS = 1000


class ImportFileError(DomainError):
    """The file as a whole cannot be imported (unreadable, unknown or missing columns)."""

    status = 422

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = [str(p) for p in problems]
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class RejectedRow:
    line: int  # line in the file (the header is line 1)
    reasons: tuple[str, ...]


@dataclass
class ImportReport:
    rows: int = 0
    valid: int = 0
    imported: int = 0
    n_rejected: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)  # the first LISTED_REJECTIONS
    rejected_csv: str = ""  # every rejected row with its reasons (empty when none)
    linked: int = 0  # imported rows whose recruiter was imported with them
    unlinked: int = 0  # imported rows naming a recruiter that is not among the rows imported

    @property
    def clean(self) -> bool:
        return self.n_rejected == 0


# ---------------------------------------------------------------------------------------------
# Reading the file


def _cell(value: Any) -> Any:
    """A cell as validation takes it: None when empty (NaN from .sav, blank text), else the value."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def read_rows(path: Path) -> tuple[list[str], Iterator[Sequence[Any]]]:
    """The header and an iterator over the data rows of a .csv, .xlsx or .sav file (`readers.table_rows`)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFileError([_("Upload the answers as .csv, .xlsx or .sav.")])
    try:
        return readers.table_rows(path)
    except readers.EmptyTableError:
        raise ImportFileError([_("The file is empty.")]) from None
    except readers.TextEncodingError:
        raise ImportFileError([_("The file is not UTF-8 text.")]) from None
    except Exception:  # the readers raise many kinds of errors for a damaged file
        raise ImportFileError([_("The file cannot be read: check that it is a valid %(kind)s file.")
                               % {"kind": suffix.lstrip(".").upper()}]) from None


# ---------------------------------------------------------------------------------------------
# Columns


@dataclass(frozen=True)
class _Plan:
    """Where each question's answer is in a row."""

    single: tuple[tuple[str, int], ...]  # (question code, column index) for one-column answers
    dichotomies: tuple[tuple[str, tuple[tuple[int, int], ...]], ...]  # (code, ((option, column), ...))
    language: int | None
    submitted_at: int | None
    width: int
    text_cells: bool = False  # every cell is a str (CSV)
    respondent: int | None = None  # the `id` column, when the file has both it and `recruiter_id`
    recruiter: int | None = None  # the `recruiter_id` column, likewise


def plan_columns(campaign: Campaign, header: Sequence[str], *, text_cells: bool = False) -> _Plan:
    """Map the file's columns to the questionnaire, or ImportFileError listing every problem."""
    questions = {q.code: q for q in campaign.version.ordered_questions()}
    names = [str(h).strip() for h in header]
    problems: list[str] = []
    seen: set[str] = set()
    single: list[tuple[str, int]] = []
    dichotomies: dict[str, list[tuple[int, int]]] = {}
    meta: dict[str, int] = {}
    for index, name in enumerate(names):
        if not name:
            problems.append(_("Column %(n)s has no name.") % {"n": index + 1})
            continue
        if name in seen:
            problems.append(_("The column “%(name)s” appears twice.") % {"name": name})
            continue
        seen.add(name)
        if name in META_COLUMNS:
            meta[name] = index
        elif name in IGNORED_COLUMNS:
            continue
        elif name in questions:
            single.append((name, index))
        elif "." in name and name.split(".", 1)[0] in questions:
            code, option = name.split(".", 1)
            question = questions[code]
            options = {o.code for o in question.options.all()}
            if question.kind != Question.Kind.MULTIPLE:
                problems.append(_("The column “%(name)s”: only a multiple-choice question has one column per option.")
                                % {"name": name})
            elif not option.lstrip("-").isdigit() or int(option) not in options:
                problems.append(_("The column “%(name)s”: “%(code)s” has no option %(option)s.")
                                % {"name": name, "code": code, "option": option})
            else:
                dichotomies.setdefault(code, []).append((int(option), index))
        else:
            problems.append(_("The column “%(name)s” is not a question of this questionnaire.") % {"name": name})
    both = sorted(set(dichotomies) & {code for code, _i in single})
    for code in both:
        problems.append(_("“%(code)s” is given twice: as one column and as one column per option.") % {"code": code})
    present = {code for code, _i in single} | set(dichotomies)
    for code, question in questions.items():
        # A question asked only under a condition may be absent from a file whose rows never meet it.
        if question.required and question.takes_answer and not question.relevance and code not in present:
            problems.append(_("The file has no column for the required question “%(code)s”.") % {"code": code})
    if problems:
        raise ImportFileError(problems)
    chain = "id" in meta and "recruiter_id" in meta
    return _Plan(tuple(single), tuple((c, tuple(v)) for c, v in dichotomies.items()),
                 meta.get("language"), meta.get("submitted_at"), len(names), text_cells,
                 meta["id"] if chain else None, meta["recruiter_id"] if chain else None)


# ---------------------------------------------------------------------------------------------
# Rows


def _chosen(value: Any) -> bool | None:
    """A 0/1 option cell: True, False, or None when it is not 0/1."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return {1.0: True, 0.0: False}.get(float(value))
    text = str(value).strip()
    return {"1": True, "0": False, "1.0": True, "0.0": False}.get(text)


def _moment(value: Any) -> datetime | None:
    """A submission time from a cell: datetime, date, or ISO text; naive times are Almaty time."""
    moment: datetime | None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(12, 0))
    else:
        text = str(value).strip()
        moment = parse_datetime(text) if ("T" in text or " " in text or ":" in text) else None
        if moment is None:
            day = parse_date(text)
            moment = datetime.combine(day, time(12, 0)) if day else None
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _parse_row(row: Sequence[Any], plan: _Plan, campaign: Campaign, default_language: str
               ) -> tuple[dict[str, Any], str, datetime | None, dict[str, str]]:
    """Raw answers, language, submission time, and the problems outside the answers themselves."""
    problems: dict[str, str] = {}
    if len(row) > plan.width and any(_cell(v) is not None for v in row[plan.width:]):
        problems["row"] = _("The row has more cells than the header has columns.")
    width = len(row)
    if width >= plan.width and plan.text_cells:
        # CSV cells are text, and validation treats a blank text as no answer: no per-cell cleaning needed.
        raw: dict[str, Any] = {code: row[index] for code, index in plan.single if row[index]}
    else:
        raw = {}
        for code, index in plan.single:
            value = _cell(row[index]) if index < width else None
            if value is not None:
                raw[code] = value
    for code, options in plan.dichotomies:
        picked: list[int] = []
        answered = False
        for option, index in options:
            value = _cell(row[index]) if index < width else None
            if value is None:
                continue
            flag = _chosen(value)
            if flag is None:
                problems[f"{code}.{option}"] = _("Use 1 for a chosen option and 0 (or nothing) for one not chosen.")
                continue
            answered = True
            if flag:
                picked.append(option)
        if answered:
            raw[code] = picked
    language = default_language
    if plan.language is not None and plan.language < width:
        value = _cell(row[plan.language])
        if value is not None:
            language = str(value).strip().lower()
            if language not in LANGUAGES:
                problems["language"] = _("Use kk, ru or en.")
    moment = None
    if plan.submitted_at is not None and plan.submitted_at < width:
        value = _cell(row[plan.submitted_at])
        if value is not None:
            moment = _moment(value)
            if moment is None:
                problems["submitted_at"] = _("Give a date (2024-03-01) or a date and time (2024-03-01 14:30).")
    return raw, language, moment, problems


def _identifier(row: Sequence[Any], index: int | None) -> str | None:
    """A respondent identifier from a cell: text as it is, a whole number without a decimal part (12.0 → "12")."""
    if index is None or index >= len(row):
        return None
    value = _cell(row[index])
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


class _Chain:
    """The referral chain a file describes: who recruited whom, by the file's own ids."""

    def __init__(self) -> None:
        self.line_of: dict[str, int] = {}  # id → line of every row seen (valid or not)
        self.recruiter_of: dict[int, str] = {}  # line → recruiter id

    def check(self, line: int, respondent: str | None, recruiter: str | None) -> dict[str, str]:
        """Note the row's place in the chain (valid or not: a rejected row still links its recruits to their
        seed) and return what is wrong with its id."""
        problems: dict[str, str] = {}
        if recruiter is not None and recruiter != respondent:
            self.recruiter_of[line] = recruiter
        if respondent is not None:
            if respondent in self.line_of:
                problems["id"] = _("The id %(id)s is also on line %(line)s.") % {
                    "id": respondent, "line": self.line_of[respondent]}
            else:
                self.line_of[respondent] = line
            if recruiter == respondent:
                problems["recruiter_id"] = _("A respondent cannot be their own recruiter.")
        elif recruiter is not None:
            problems["id"] = _("A row with a recruiter_id needs an id.")
        return problems

    def waves(self, written: set[int]) -> dict[int, tuple[int | None, int]]:
        """line → (line of the recruiter if it was written too, wave) for every written row; the wave counts the
        steps back to a seed through the rows of the file. ImportFileError when a chain loops."""
        wave_of: dict[int, int] = {}
        loops: list[int] = []
        for start in sorted(written):
            path: list[int] = []
            on_path: set[int] = set()
            line: int | None = start
            while line is not None and line not in wave_of:
                if line in on_path:
                    loops.append(line)
                    break
                path.append(line)
                on_path.add(line)
                recruiter = self.recruiter_of.get(line)
                line = self.line_of.get(recruiter) if recruiter is not None else None
            else:
                wave = wave_of[line] if line is not None else -1
                for step in reversed(path):
                    wave += 1
                    wave_of[step] = wave
                continue
            for step in path:
                wave_of.setdefault(step, 0)
        if loops:
            raise ImportFileError([_("The referral chain through line %(line)s loops back on itself: check its "
                                     "id and recruiter_id.") % {"line": line} for line in sorted(set(loops))[:20]])
        result: dict[int, tuple[int | None, int]] = {}
        for line in written:
            recruiter = self.recruiter_of.get(line)
            recruiter_line = self.line_of.get(recruiter) if recruiter is not None else None
            result[line] = (recruiter_line if recruiter_line in written else None, wave_of[line])
        return result


def _link(campaign: Campaign, batch_key: str, chain: _Chain, written: set[int], report: ImportReport) -> None:
    """Give the rows just written their recruiter and wave (one UPDATE per batch)."""
    links = chain.waves(written)
    prefix = f"import-{batch_key}-"
    pk_of = {int(key[len(prefix):]): pk for key, pk in Response.objects.filter(
        campaign=campaign, idempotency_key__startswith=prefix).values_list("idempotency_key", "pk")}
    updates = []
    for line, (recruiter_line, wave) in links.items():
        if line in chain.recruiter_of:
            if recruiter_line is None:
                report.unlinked += 1
            else:
                report.linked += 1
        if recruiter_line is not None or wave:
            updates.append((pk_of[line], pk_of[recruiter_line] if recruiter_line is not None else None, wave))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for start in range(0, len(updates), BATCH_SIZE * 10):
                part = updates[start:start + BATCH_SIZE * 10]
                cursor.execute(
                    f"UPDATE {Response._meta.db_table} AS r SET recruited_by_id = v.recruiter, wave = v.wave "
                    "FROM unnest(%s::bigint[], %s::bigint[], %s::int[]) AS v(id, recruiter, wave) WHERE r.id = v.id",
                    [[u[0] for u in part], [u[1] for u in part], [u[2] for u in part]])
    else:
        Response.objects.bulk_update(
            [Response(pk=pk, recruited_by_id=recruiter, wave=wave) for pk, recruiter, wave in updates],
            ["recruited_by", "wave"], batch_size=500)


def unlinked_message(count: int) -> str:
    return ngettext(
        "%(count)s imported response names a recruiter that was not imported with it: it has no referral link, "
        "and its wave is counted from the rows of the file only.",
        "%(count)s imported responses name a recruiter that was not imported with them: they have no referral "
        "link, and their waves are counted from the rows of the file only.", count) % {"count": count}


def _referral_codes() -> Iterator[str]:
    """Endless fresh referral codes, the same as `services.new_referral_code()` (16 URL-safe characters
    from 12 random bytes), drawn from the system's random source a batch at a time."""
    while True:
        block = base64.urlsafe_b64encode(secrets.token_bytes(12 * BATCH_SIZE)).decode()
        for start in range(0, len(block), 16):
            yield block[start:start + 16]


_COLUMNS = ("campaign_id", "version_id", "submitted_at", "language", "answers", "idempotency_key", "referral_code",
            "wave", "source", "not_asked")


def _copy_rows(raw_connection: Any, rows: list[tuple[Any, ...]]) -> int:
    """Write one batch through PostgreSQL's COPY on the given psycopg connection (the import's transaction)."""
    columns = ", ".join(_COLUMNS)
    with raw_connection.cursor() as cursor:
        with cursor.copy(f"COPY {Response._meta.db_table} ({columns}) FROM STDIN") as copy:
            for campaign_id, version_id, moment, language, answers, key, code, not_asked in rows:
                copy.write_row((campaign_id, version_id, moment, language, json.dumps(answers), key, code, 0,
                                Response.Source.IMPORT.value, json.dumps(not_asked)))
    return len(rows)


def _insert(rows: list[tuple[Any, ...]]) -> int:
    """Write one batch of (campaign, version, time, language, answers, key, referral code, not asked) rows with
    bulk_create."""
    Response.objects.bulk_create([
        Response(campaign_id=campaign_id, version_id=version_id, submitted_at=moment, language=language,
                 answers=answers, idempotency_key=key, referral_code=code, wave=0, source=Response.Source.IMPORT,
                 not_asked=not_asked)
        for campaign_id, version_id, moment, language, answers, key, code, not_asked in rows
    ], batch_size=BATCH_SIZE)
    return len(rows)


class _BatchWriter:
    """Writes the import's batches.

    PostgreSQL gets them through COPY: measured on the 2-core development machine, bulk_create spent most of an
    import building model instances (7,000 rows/s) while COPY writes more than 20,000 rows/s. The COPY of one
    batch runs in a second thread, on the same connection and so in the same transaction, while this thread
    parses and validates the next batch: PostgreSQL's work and Python's overlap on two cores. At most one batch
    is in flight. Other databases (SQLite) get bulk_create in this thread.
    """

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.raw = connection.connection if self.postgres else None
        self.pool = ThreadPoolExecutor(max_workers=1) if self.postgres else None
        self.in_flight: Future[int] | None = None
        self.written = 0

    def write(self, rows: list[tuple[Any, ...]]) -> None:
        if self.pool is None:
            self.written += _insert(rows)
            return
        self._wait()
        self.in_flight = self.pool.submit(_copy_rows, self.raw, rows)

    def _wait(self) -> None:
        if self.in_flight is not None:
            future, self.in_flight = self.in_flight, None
            self.written += future.result()

    def __enter__(self) -> _BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> int:
        """Wait for the batch in flight (re-raising its error) and return the rows written."""
        try:
            self._wait()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True)
        return self.written


def import_responses(*, campaign: Campaign, path: Path, by: Any, only_valid: bool = False,
                     operator: bool = False) -> ImportReport:
    """Import the answers in the file at `path` into `campaign`: the owner only, or the operator at the
    command line (`operator=True`, `by=None`).

    All or nothing unless `only_valid`: with an invalid row and without `only_valid`, nothing is
    written; the report lists the rejected rows either way.
    """
    if not operator and not queries.may_manage(by, campaign):
        raise NotAllowed(_("Only the campaign's owner may import answers."))
    header, rows = read_rows(Path(path))
    plan = plan_columns(campaign, header, text_cells=Path(path).suffix.lower() == ".csv")
    report = ImportReport()
    rejected_out = io.StringIO()
    rejected_writer = csv.writer(rejected_out)
    rejected_writer.writerow(["import_line", *[str(h).strip() for h in header], "import_errors"])
    version = campaign.version
    default_language = (campaign.languages or ["ru"])[0]
    batch_key = secrets.token_hex(6)
    now = timezone.now()
    codes = _referral_codes()
    chain = _Chain() if plan.respondent is not None else None
    written: set[int] = set()

    class _Rollback(Exception):
        pass

    try:
        # The writer exits first: its batch in flight is finished before the transaction commits or rolls back.
        with transaction.atomic(), _BatchWriter() as writer:
            pending: list[tuple[Any, ...]] = []
            writing = True
            for line, row in enumerate(rows, start=2):
                # Blank lines are not rows (CSV cells are text: one join instead of a call per cell).
                if (not "".join(row).strip()) if plan.text_cells else all(_cell(v) is None for v in row):
                    continue
                report.rows += 1
                raw, language, moment, problems = _parse_row(row, plan, campaign, default_language)
                if chain is not None:
                    problems |= chain.check(line, _identifier(row, plan.respondent), _identifier(row, plan.recruiter))
                checked = services.check_answers(version, raw)
                clean, errors = checked.clean, checked.errors
                if errors or problems:
                    reasons = tuple(f"{code}: {message}" for code, message in {**problems, **errors}.items())
                    report.n_rejected += 1
                    if len(report.rejected) < LISTED_REJECTIONS:
                        report.rejected.append(RejectedRow(line, reasons))
                    rejected_writer.writerow([line, *["" if v is None else v for v in row], " | ".join(reasons)])
                    if not only_valid:
                        writing = False
                        pending.clear()
                    continue
                report.valid += 1
                if not writing:
                    continue
                pending.append((campaign.pk, version.pk, moment or now, language, clean,
                                f"import-{batch_key}-{line}", next(codes), checked.not_asked))
                if chain is not None:
                    written.add(line)
                if len(pending) >= BATCH_SIZE:
                    writer.write(pending)
                    pending = []
            if writing and pending:
                writer.write(pending)
            report.imported = writer.close()
            if report.rows == 0:
                raise ImportFileError([_("The file has no rows of answers.")])
            if not writing:
                raise _Rollback
            if chain is not None and any(line in chain.recruiter_of for line in written):
                _link(campaign, batch_key, chain, written, report)
    except _Rollback:
        report.imported = 0
    if report.n_rejected:
        report.rejected_csv = rejected_out.getvalue()
    return report
