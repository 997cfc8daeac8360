"""A campaign's answers as partitioned Parquet, for counting on Apache Spark or the streaming engine.

The layout is the answers export's (`exporting.answers_frame`: one row per response, one column per
question, a 0/1 column per multiple-choice option), split into files of `rows_per_file` rows —
``part-00000.parquet``, ``part-00001.parquet`` … — so that Spark reads them in parallel.  The codebook
(every single-choice question with its labels in kk/ru/en, and the dichotomy columns) goes beside them
as ``_codebook.json``: Spark and pyarrow skip files starting with ``_``, and `tripartite analyze`
takes it up when it is given the directory.  The directory is written under a temporary name and
renamed when complete, so a failed export leaves nothing half-written.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tripartite.analysis import Codebook
from tripartite.analysis.readers import codebook_to_mapping
from tripartite.surveys.models import Campaign
from tripartite.surveys.results.exporting import answers_frame, export_codebook
from tripartite.surveys.results.queries import codebook_of

CODEBOOK_NAME = "_codebook.json"
ROWS_PER_FILE = 500_000


class ParquetExportError(ValueError):
    """An export that cannot be written (the directory exists and is not empty, pyarrow is missing)."""


@dataclass(frozen=True)
class ParquetExport:
    directory: Path
    rows: int
    files: tuple[str, ...]


def _codebook(campaign: Campaign) -> Codebook:
    # The questions' labels in every language, plus the 0/1 columns of the multiple-choice options.
    variables = dict(export_codebook(campaign, "en").variables)
    variables.update(codebook_of(campaign).variables)
    return Codebook(variables)


def export_parquet(campaign: Campaign, directory: str | Path, *, rows_per_file: int = ROWS_PER_FILE) -> ParquetExport:
    """Write the campaign's answers into `directory` (new or empty) as Parquet parts and a codebook."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ParquetExportError("the Parquet export needs pyarrow: pip install 'tripartite[parquet]'") from None
    if rows_per_file < 1:
        raise ParquetExportError("rows per file must be at least 1")
    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ParquetExportError(f"{target} exists and is not an empty directory")
    frame = answers_frame(campaign)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        files = []
        for part, start in enumerate(range(0, max(table.num_rows, 1), rows_per_file)):
            name = f"part-{part:05d}.parquet"
            pq.write_table(table.slice(start, rows_per_file), staging / name)
            files.append(name)
        (staging / CODEBOOK_NAME).write_text(
            json.dumps(codebook_to_mapping(_codebook(campaign)), ensure_ascii=False, indent=1), encoding="utf-8")
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ParquetExport(target, table.num_rows, tuple(files))
