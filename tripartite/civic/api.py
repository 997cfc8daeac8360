"""API endpoints of the civic app."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["civic"])
