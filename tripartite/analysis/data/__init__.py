"""Data sets shipped with the analysis engine (package data)."""
