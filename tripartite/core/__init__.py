"""Core: users, organisation- and commission-scoped roles, the permission policy, reference data."""
