"""API endpoints of the partners app."""

from ninja import Router

router = Router(tags=["partners"])
