"""The 2025 social-dialogue survey reproduced from its published tables (see README.md)."""
