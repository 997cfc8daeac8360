"""The registered indicators; importing this package registers them (IndicatorsConfig.ready does)."""

from tripartite.indicators.computations import (
    commissions,
    consultations,
    coverage,
    density,
    disputes,
    surveys,
    wages,
)

__all__ = ["commissions", "consultations", "coverage", "density", "disputes", "surveys", "wages"]
