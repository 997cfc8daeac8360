"""API endpoints of the disputes app."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["disputes"])
