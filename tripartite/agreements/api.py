"""API endpoints of the agreements app."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["agreements"])
