"""Survey analysis engine: counting back-ends, frequency tables, crosstabs and their statistics.

Pure Python + numpy/scipy: nothing here imports Django, so the same engine serves the web layer,
the command line and notebooks.

    >>> from tripartite.analysis import crosstab
    >>> table = crosstab(rows, cols, codebook=codebook, row_name="sector", col_name="activity")
    >>> table.to_dict()["statistics"]["pearson"]
"""

from .codebook import Codebook, Variable
from .counting import (
    CodeCounts,
    CountingError,
    CountTable,
    Exclusion,
    crosstab_counts,
    crosstab_counts_from_groups,
    crosstab_counts_sql,
    frequency_counts,
    frequency_counts_sql,
    group_counts_sql,
    quote_identifier,
)
from .disclosure import Suppression, suppress, suppress_counts
from .findings import Finding
from .rds import RdsResult, rds_proportion, rds_weights, recruitment_waves
from .statistics import (
    ChiSquareTest,
    TableStatistics,
    adjusted_residuals,
    table_statistics,
    wilson_interval,
)
from .tables import Axis, Crosstab, Frequencies, crosstab, frequencies
from .weighting import (
    RakingResult,
    RaoScott,
    kish_design_effect,
    rake,
    rao_scott,
)

__all__ = [
    "Axis",
    "ChiSquareTest",
    "CodeCounts",
    "Codebook",
    "CountTable",
    "CountingError",
    "Crosstab",
    "Exclusion",
    "Finding",
    "Frequencies",
    "RakingResult",
    "RaoScott",
    "RdsResult",
    "Suppression",
    "TableStatistics",
    "Variable",
    "adjusted_residuals",
    "crosstab",
    "crosstab_counts",
    "crosstab_counts_from_groups",
    "crosstab_counts_sql",
    "frequencies",
    "frequency_counts",
    "frequency_counts_sql",
    "group_counts_sql",
    "kish_design_effect",
    "quote_identifier",
    "rake",
    "rao_scott",
    "rds_proportion",
    "rds_weights",
    "recruitment_waves",
    "suppress",
    "suppress_counts",
    "table_statistics",
    "wilson_interval",
]
