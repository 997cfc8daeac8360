"""Demonstration data: a small, realistic register for trying the platform (marked as such on every page)."""
