"""Tripartite: an open platform for social partnership and social dialogue."""
