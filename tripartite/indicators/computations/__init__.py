"""The registered indicators; importing this package registers them (IndicatorsConfig.ready does)."""

from tripartite.indicators.computations import commissions, coverage, density, disputes, surveys, wages

__all__ = ["commissions", "coverage", "density", "disputes", "surveys", "wages"]
