"""API endpoints of the commissions app."""

from ninja import Router

router = Router(tags=["commissions"])
