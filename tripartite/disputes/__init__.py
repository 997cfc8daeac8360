"""Collective labour disputes: demands, procedure stages, statutory deadlines, outcomes."""
