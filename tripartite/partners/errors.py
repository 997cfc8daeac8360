"""Errors of the social partners register: each carries a translatable message the web and API show."""

from __future__ import annotations

from tripartite.core.errors import Conflict


class OrganisationInUse(Conflict):
    """The organisation cannot be deleted: other records (children, commissions, …) refer to it."""
