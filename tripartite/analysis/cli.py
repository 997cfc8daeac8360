"""The `tripartite analyze` command: frequencies, crosstabs, raking and RDS weights on data files.

Usable without any database or Django. Heavy modules (pandas, scipy, altair) are imported inside
the subcommand that needs them, so that `analyze crosstab` on a large CSV starts fast. Bad input
ends with one line on stderr ("error: ...") and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tripartite.analysis.i18n import decimal_separator, gettext
from tripartite.languages import LANGUAGES

if TYPE_CHECKING:
    from tripartite.analysis.codebook import Codebook
    from tripartite.analysis.readers import Dataset

EXIT_OK = 0
EXIT_INPUT = 2
PAPER = "paper"
FORMATS = ("text", "csv", "json", "xlsx")
# The counting engines (tripartite.analysis.engines, imported only when one is used).
ENGINE_CHOICES = ("auto", "numpy", "stream", "spark")


class UsageError(Exception):
    """A command line argparse refuses; reported on one line like every other input error."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # type: ignore[override]
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tripartite analyze",
        description="Survey analysis without SPSS: frequencies, crosstabs with statistics, raking, RDS weights.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def data_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("data", metavar="DATA", help="a .csv, .xlsx, .sav or .parquet file, a directory of Parquet "
                                                    "files, or `paper` for the shipped paper data")
        p.add_argument("--codebook", metavar="FILE", help="codebook (.yaml/.json: codebook or questionnaire export)")
        p.add_argument("--lang", choices=LANGUAGES, default="en", help="language of labels and findings (default en)")

    def engine_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--engine", choices=ENGINE_CHOICES, default="auto",
                       help="where to count: numpy (in memory), stream (in batches, bounded memory), spark "
                            "(Apache Spark); auto streams CSV/Parquet files larger than 512 MiB (default auto)")
        p.add_argument("--spark-master", metavar="URL",
                       help="Spark master for --engine spark (default local[*]), e.g. spark://host:7077")

    def output_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
        p.add_argument("--out", metavar="PATH", help="write here instead of standard output (required for xlsx)")

    freq = sub.add_parser("freq", help="frequency table of one variable")
    data_options(freq)
    freq.add_argument("--var", required=True, metavar="COL", help="the coded variable")
    freq.add_argument("--weight", metavar="COL", help="weight column")
    engine_options(freq)
    output_options(freq)
    freq.add_argument("--chart", metavar="PATH", help="also draw the distribution as bars (.svg or .png)")

    cross = sub.add_parser("crosstab", help="two-way table with statistics and findings")
    data_options(cross)
    cross.add_argument("--rows", required=True, metavar="COL", help="row variable (e.g. the group)")
    cross.add_argument("--cols", required=True, metavar="COL", help="column variable (e.g. the opinion)")
    cross.add_argument("--layer", metavar="COL", help="control variable: one table per code")
    cross.add_argument("--weight", metavar="COL", help="weight column")
    cross.add_argument("--strata", metavar="COL", help="stratum of each respondent (design-based tests; needs --weight)")
    cross.add_argument("--cluster", metavar="COL",
                       help="cluster (PSU) of each respondent, nested in strata (design-based tests; needs --weight)")
    cross.add_argument("--public", action="store_true", help="suppress cells below the threshold (k=5)")
    engine_options(cross)
    output_options(cross)
    cross.add_argument("--chart", metavar="PATH", help="also draw row %% as stacked bars (.svg or .png)")

    rake = sub.add_parser("rake", help="weights that match population margins (raking)")
    rake.add_argument("data", metavar="DATA")
    rake.add_argument("--margins", required=True, metavar="FILE", help="margins: CSV or XLSX with columns variable,code,target, or YAML")
    rake.add_argument("--out", required=True, metavar="PATH", help="data with the weight column (.csv/.xlsx/.sav)")
    rake.add_argument("--weight-name", default="weight", metavar="COL", help="name of the new column (default weight)")
    rake.add_argument("--trim", metavar="LO,HI", help="bound the weights to [LO, HI] × mean weight, e.g. 0.3,3")
    rake.add_argument("--codebook", metavar="FILE", help="codebook for the labels of a .sav output")
    rake.add_argument("--lang", choices=LANGUAGES, default="en")

    rds = sub.add_parser("rds", help="recruitment waves and RDS-II weights of a snowball sample")
    rds.add_argument("data", metavar="DATA")
    rds.add_argument("--id", required=True, metavar="COL", help="respondent id column")
    rds.add_argument("--recruiter", required=True, metavar="COL", help="recruiter's id (empty for seeds)")
    rds.add_argument("--degree", required=True, metavar="COL", help="reported network size")
    rds.add_argument("--out", required=True, metavar="PATH", help="data with wave and rds_weight (.csv/.xlsx/.sav)")
    rds.add_argument("--codebook", metavar="FILE", help="codebook for the labels of a .sav output")
    rds.add_argument("--lang", choices=LANGUAGES, default="en")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `tripartite analyze ARGV`; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_of(args_list)
    try:
        args = build_parser().parse_args(args_list)
    except UsageError as exc:
        return _fail(str(exc), lang)
    except SystemExit as exc:  # --help and --version exit through argparse
        return int(exc.code or 0)
    commands = {"freq": _freq, "crosstab": _crosstab, "rake": _rake, "rds": _rds}
    try:
        return commands[args.command](args)
    except Exception as exc:
        if _is_input_error(exc):
            template = getattr(exc, "template", None)
            if template:
                return _fail(gettext(lang, template) % exc.params, lang)  # type: ignore[attr-defined]
            return _fail(_one_line(exc), lang)
        raise


def _is_input_error(exc: BaseException) -> bool:
    """Errors caused by the input (files, columns, codes, margins), as opposed to bugs."""
    from tripartite.analysis.readers import AnalysisInputError

    if isinstance(exc, AnalysisInputError | UsageError | OSError):
        return True
    # The core's own input errors (CountingError, weighting and RDS errors) are ValueErrors.
    module = type(exc).__module__ or ""
    return isinstance(exc, ValueError) and module.startswith("tripartite.analysis")


def _fail(text: str, lang: str) -> int:
    print(gettext(lang, "error: %(message)s") % {"message": text}, file=sys.stderr)
    return EXIT_INPUT


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"file not found: {exc.filename}"
    if isinstance(exc, OSError) and exc.filename:
        return f"cannot write {exc.filename}: {exc.strerror}"
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _lang_of(argv: Sequence[str]) -> str:
    # The language is needed for errors that happen before argparse has finished.
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    return "en"


# ---------------------------------------------------------------------------------------------
# Loading


def _codebook(args: argparse.Namespace) -> Codebook | None:
    from tripartite.analysis.readers import load_codebook, paper_codebook

    if getattr(args, "codebook", None):
        return load_codebook(args.codebook)
    if args.data == PAPER:
        return paper_codebook()
    beside = Path(args.data) / "_codebook.json"  # a directory written by `tripartite surveys export-parquet`
    if beside.is_file():
        return load_codebook(beside)
    return None


def _dataset(args: argparse.Namespace, coded: list[str], numeric: list[str]) -> Dataset:
    from tripartite.analysis.readers import PAPER_DIR, read_dataset

    source = PAPER_DIR / "responses.csv" if args.data == PAPER else Path(args.data)
    return read_dataset(source, coded=coded, numeric=numeric, codebook=_codebook(args))


def _emit(result: dict[str, Any], args: argparse.Namespace) -> int:
    from tripartite.analysis import outputs

    if args.format == "xlsx" and not args.out:
        raise _input_error("--format xlsx needs --out PATH.xlsx")
    if args.out:
        outputs.write_result(result, args.out, args.format, lang=args.lang)
        print(gettext(args.lang, "wrote %(path)s") % {"path": args.out})
        # What was left out must be seen even when the table goes to a file.
        for line in outputs.exclusion_lines(result, lang=args.lang):
            print(f"{gettext(args.lang, 'Excluded')}: {line}", file=sys.stderr)
    else:
        sys.stdout.write(outputs.render(result, args.format, lang=args.lang))
    return EXIT_OK


def _input_error(text: str) -> Exception:
    from tripartite.analysis.readers import AnalysisInputError

    return AnalysisInputError(text)


# ---------------------------------------------------------------------------------------------
# Subcommands


def _engine(args: argparse.Namespace) -> str:
    """The counting engine: as asked, or — for `auto` — streaming for a CSV/Parquet file above the threshold."""
    if args.engine != "auto":
        if args.spark_master and args.engine != "spark":
            raise _input_error("--spark-master needs --engine spark")
        return str(args.engine)
    if args.spark_master:
        return "spark"
    if args.data == PAPER:
        return "numpy"
    from tripartite.analysis.engines import STREAM_THRESHOLD_BYTES

    path = Path(args.data)
    if path.is_dir():
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    elif path.suffix.lower() in (".csv", ".parquet", ".pq") and path.is_file():
        size = path.stat().st_size
    else:
        return "numpy"
    return "stream" if size > STREAM_THRESHOLD_BYTES else "numpy"


def _source(args: argparse.Namespace) -> str:
    from tripartite.analysis.readers import PAPER_DIR

    return str(PAPER_DIR / "responses.csv") if args.data == PAPER else str(args.data)


def _freq(args: argparse.Namespace) -> int:
    from tripartite.analysis.tables import frequencies

    _check_chart_suffix(args.chart)
    engine = _engine(args)
    if engine != "numpy":
        from tripartite.analysis.engines import count_frequencies

        counts, codebook = count_frequencies(engine, _source(args), var=args.var, weight=args.weight,
                                             codebook=_codebook(args), master=args.spark_master)
        result = frequencies(counts, codebook=codebook, name=args.var, lang=args.lang)
    else:
        numeric = [args.weight] if args.weight else []
        dataset = _dataset(args, [args.var], numeric)
        result = frequencies(
            dataset.array(args.var),
            weights=dataset.numeric(args.weight) if args.weight else None,
            codebook=dataset.codebook,
            name=args.var,
            lang=args.lang,
        )
    data = result.to_dict()
    status = _emit(data, args)
    if args.chart:
        from tripartite.analysis.charts import distribution_chart, save_chart

        save_chart(distribution_chart(data, lang=args.lang), args.chart)
        print(gettext(args.lang, "wrote %(path)s") % {"path": args.chart}, file=sys.stderr if not args.out else sys.stdout)
    return status


# A crosstab of an identifier or a continuous column would build a table with as many rows as
# respondents and take minutes; such a column is a mistake, not a request.
MAX_CATEGORIES = 1000


def _check_categorical(dataset: Any, names: list[str]) -> None:
    import numpy as np

    for name in names:
        variable = dataset.codebook.get(name) if dataset.codebook is not None else None
        if variable is not None:
            distinct = len(variable.codes)
        else:
            values = dataset.array(name)
            if values.dtype.itemsize == 1 and values.dtype.kind in "iu":
                continue  # at most 256 codes
            if values.dtype.kind == "f":
                values = values[~np.isnan(values)]
            distinct = len(np.unique(values))
        if distinct > MAX_CATEGORIES:
            raise _input_error(
                f"column {name} has {distinct} distinct values: a crosstab needs a coded column "
                f"(at most {MAX_CATEGORIES} categories)"
            )


def _check_chart_suffix(path: str | None) -> None:
    if path and Path(path).suffix.lower() not in (".svg", ".png"):
        raise _input_error(f"--chart must end in .svg or .png: {path}")


def _crosstab(args: argparse.Namespace) -> int:
    from tripartite.analysis.tables import crosstab

    coded = [args.rows, args.cols, *([args.layer] if args.layer else [])]
    if len(set(coded)) != len(coded):
        raise _input_error("--rows, --cols and --layer must name different columns")
    _check_chart_suffix(args.chart)
    design = [c for c in (args.strata, args.cluster) if c]
    if design and not args.weight:
        raise _input_error("--strata and --cluster describe a weighted design: give --weight too")
    if set(design) & set(coded):
        raise _input_error("--strata and --cluster must not be the table's own columns")
    engine = _engine(args)
    if engine != "numpy":
        from tripartite.analysis.engines import count_crosstab

        counted = count_crosstab(engine, _source(args), rows=args.rows, cols=args.cols, layer=args.layer,
                                 weight=args.weight, strata=args.strata, cluster=args.cluster,
                                 codebook=_codebook(args), master=args.spark_master, max_categories=MAX_CATEGORIES)
        result = crosstab(counted.table, codebook=counted.codebook, row_name=args.rows, col_name=args.cols,
                          layer_name=args.layer, lang=args.lang, public=args.public, moments=counted.moments)
        return _emit_crosstab(result, args)
    dataset = _dataset(args, coded, [args.weight] if args.weight else [])
    _check_categorical(dataset, coded)
    ids = _design_ids(args, design)
    result = crosstab(
        dataset.array(args.rows),
        dataset.array(args.cols),
        weights=dataset.numeric(args.weight) if args.weight else None,
        strata=ids.get(args.strata) if args.strata else None,
        clusters=ids.get(args.cluster) if args.cluster else None,
        layer=dataset.array(args.layer) if args.layer else None,
        codebook=dataset.codebook,
        row_name=args.rows,
        col_name=args.cols,
        layer_name=args.layer,
        lang=args.lang,
        public=args.public,
    )
    return _emit_crosstab(result, args)


def _emit_crosstab(result: Any, args: argparse.Namespace) -> int:
    data = result.to_dict()
    status = _emit(data, args)
    if args.chart:
        from tripartite.analysis.charts import row_percent_chart, save_chart

        save_chart(row_percent_chart(data, lang=args.lang), args.chart)
        print(gettext(args.lang, "wrote %(path)s") % {"path": args.chart}, file=sys.stderr if not args.out else sys.stdout)
    return status


def _design_ids(args: argparse.Namespace, columns: list[str]) -> dict[str, Any]:
    """Stratum and cluster ids as written (any text or number), in the data file's row order."""
    if not columns:
        return {}
    frame, _ = _table(args, text_columns=columns)
    out = {}
    for name in columns:
        if name not in frame.columns:
            raise _input_error(f"unknown column '{name}' in {args.data}")
        values = frame[name].to_numpy(dtype=object)
        empty = [i for i, v in enumerate(values) if v is None]
        if empty:
            raise _input_error(f"column '{name}' is empty at data row {empty[0] + 1}: every respondent needs "
                               f"a {'stratum' if name == args.strata else 'cluster'}")
        out[name] = values.astype(str)
    return out


def _table(args: argparse.Namespace, text_columns: Sequence[str] = ()) -> tuple[Any, Codebook | None]:
    from tripartite.analysis.readers import PAPER_DIR, paper_codebook, read_table

    if args.data == PAPER:
        frame, _ = read_table(PAPER_DIR / "responses.csv", text_columns=text_columns)
        return frame, paper_codebook()
    frame, sav_codebook = read_table(args.data, text_columns=text_columns)
    return frame, _codebook(args) or sav_codebook


def _write(frame: Any, args: argparse.Namespace, codebook: Codebook | None) -> None:
    from tripartite.analysis.outputs import write_table

    _check_out_suffix(args.out)
    write_table(frame, args.out, codebook=codebook, lang=args.lang)
    print(gettext(args.lang, "wrote %(path)s") % {"path": args.out})


def _rake(args: argparse.Namespace) -> int:
    from tripartite.analysis.readers import dataset_from_frame, load_margins
    from tripartite.analysis.weighting import kish_design_effect, rake

    _check_out_suffix(args.out)
    trim = _parse_trim(args.trim)
    margins = load_margins(args.margins, lang=args.lang)
    frame, codebook = _table(args)
    if args.weight_name in frame.columns:
        raise _input_error(f"column '{args.weight_name}' already exists; choose another --weight-name")
    for name in margins:
        if name not in frame.columns:
            raise _input_error(f"margins variable '{name}' is not a column of {args.data}")
    # Raking needs every respondent coded, so the margin columns are coded without a codebook:
    # a code missing from the margins is then reported by the raking itself, with its count.
    dataset = dataset_from_frame(frame, coded=list(margins), source=str(args.data))
    for name in margins:
        report = dataset.reports[name]
        if report.empty:
            raise _input_error(f"{report.empty} respondents have no '{name}' code; raking needs a code for everyone")
    result = rake({name: dataset.column(name) for name in margins}, margins, trim=trim)
    frame[args.weight_name] = result.weights
    _write(frame, args, codebook)
    lang = args.lang
    if result.within_bounds is not None:
        params = {"rounds": result.trimming_rounds, "lo": _fmt(result.bounds[0] if result.bounds else None, 4, lang),
                  "hi": _fmt(result.bounds[1] if result.bounds else None, 4, lang), "count": result.outside_bounds}
        if result.within_bounds:
            print(gettext(lang, "trimming: every weight within %(lo)s–%(hi)s after %(rounds)s rounds") % params)
        else:
            print(gettext(lang, "trimming could NOT keep every weight within %(lo)s–%(hi)s: %(count)s weights "
                                "outside after %(rounds)s rounds") % params, file=sys.stderr)
    if result.converged:
        template = gettext(lang, "raking converged after %(iterations)s iterations (largest margin error %(error)s)")
    else:
        template = gettext(lang, "raking did NOT converge after %(iterations)s iterations "
                                 "(largest margin error %(error)s)")
    print(template % {"iterations": result.iterations, "error": f"{result.max_abs_error:.3g}".replace(".", decimal_separator(lang))})
    kish = kish_design_effect(result.weights)
    print(gettext(lang, "Kish design effect %(deff)s; effective sample size %(neff)s of %(n)s") % {
        "deff": _fmt(kish.design_effect, 3, lang), "neff": _fmt(kish.effective_n, 1, lang), "n": kish.n})
    weights = result.weights
    print(gettext(lang, "weights: min %(min)s, max %(max)s, mean %(mean)s") % {
        "min": _fmt(float(weights.min()), 4, lang), "max": _fmt(float(weights.max()), 4, lang),
        "mean": _fmt(float(weights.mean()), 4, lang)})
    return EXIT_OK


def _fmt(value: float | None, digits: int, lang: str = "en") -> str:
    return "—" if value is None else f"{value:.{digits}f}".replace(".", decimal_separator(lang))


def _check_out_suffix(out: str) -> None:
    if Path(out).suffix.lower() not in (".csv", ".xlsx", ".sav"):
        raise _input_error(f"--out must end in .csv, .xlsx or .sav: {out}")


def _parse_trim(text: str | None) -> tuple[float, float] | None:
    if not text:
        return None
    try:
        lo, hi = (float(x) for x in text.split(","))
    except ValueError:
        raise _input_error(f"--trim must be two numbers LO,HI (e.g. 0.3,3), not {text!r}") from None
    if not 0 <= lo < hi:
        raise _input_error(f"--trim needs 0 <= LO < HI, got {text!r}")
    return lo, hi


def _rds(args: argparse.Namespace) -> int:
    import numpy as np

    from tripartite.analysis.rds import rds_weights

    _check_out_suffix(args.out)
    # Ids are names, not quantities: "7" must come back as "7", and "007" as "007"; the network size
    # is written back as it was typed too (rds_weights reads "12" and "2,5" alike).
    frame, codebook = _table(args, text_columns=(args.id, args.recruiter, args.degree))
    for option, column in (("--id", args.id), ("--recruiter", args.recruiter), ("--degree", args.degree)):
        if column not in frame.columns:
            raise _input_error(f"unknown column '{column}' ({option}) in {args.data}")
    for new_column in ("wave", "rds_weight"):
        if new_column in frame.columns:
            raise _input_error(f"column '{new_column}' already exists in {args.data}")
    if len(frame) == 0:
        raise _input_error(f"no data: {args.data} has no rows")
    result = rds_weights(frame[args.id].tolist(), frame[args.recruiter].tolist(), frame[args.degree].tolist())
    waves = [np.nan if w is None else w for w in result.waves]
    # Whole numbers stay integers in the output unless some respondent has no wave.
    frame["wave"] = np.asarray(waves, dtype=np.float64 if None in result.waves else np.int64)
    frame["rds_weight"] = result.weights
    _write(frame, args, codebook)
    lang = args.lang
    deepest = result.max_wave
    known = [w for w in result.waves if w is not None]
    print(gettext(lang, "%(n)s respondents, %(seeds)s seeds, %(waves)s waves (deepest %(deepest)s)") % {
        "n": len(result.waves), "seeds": len(result.seeds), "waves": 0 if deepest is None else deepest + 1,
        "deepest": "—" if deepest is None else deepest})
    for wave in range(0, (deepest or 0) + 1 if known else 0):
        print("  " + gettext(lang, "wave %(wave)s: %(n)s respondents") % {"wave": wave, "n": known.count(wave)})
    problems = (
        (result.unknown_recruiters, gettext(lang, "%(n)s respondents name a recruiter who is not in the data: %(ids)s")),
        (result.in_cycles, gettext(lang, "%(n)s respondents are on a recruitment cycle: %(ids)s")),
        (result.unreached, gettext(lang, "%(n)s respondents cannot be traced back to a seed: %(ids)s")),
        (result.invalid_degrees, gettext(lang, "%(n)s respondents have no valid network size (no weight): %(ids)s")),
    )
    for ids, template in problems:
        if ids:
            shown = ", ".join(str(i) for i in ids[:10]) + (" …" if len(ids) > 10 else "")
            print(template % {"n": len(ids), "ids": shown}, file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
