"""The registered indicators; importing this package registers them (IndicatorsConfig.ready does)."""

from tripartite.indicators.computations import commissions, density, wages

__all__ = ["commissions", "density", "wages"]
