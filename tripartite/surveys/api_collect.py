"""API endpoints of the surveys app (collect)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["surveys"])
