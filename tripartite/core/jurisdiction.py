"""The jurisdiction pack this installation applies, with the locally configured rule overrides."""

from __future__ import annotations

from django.conf import settings

from tripartite.jurisdictions import JurisdictionPack, get_pack


def current_pack() -> JurisdictionPack:
    """Settings name the country (`TRIPARTITE_JURISDICTION`) and the confirmed values of unverified rules."""
    return get_pack(settings.TRIPARTITE_JURISDICTION, overrides=settings.TRIPARTITE_RULE_OVERRIDES or None)
