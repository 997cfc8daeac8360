"""Commission models (being built)."""
