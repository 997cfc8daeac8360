"""The legal secretariats' page lists every rule of the pack."""

from pathlib import Path

from tripartite.jurisdictions.kz import RULES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "jurisdictions.md"


def test_every_rule_key_is_documented_with_its_verified_status():
    page = DOCS.read_text(encoding="utf-8")
    for key in RULES.keys():
        rows = [line for line in page.splitlines() if line.startswith(f"| `{key}` |")]
        assert len(rows) == len(RULES.versions(key)), key
        for row, rule in zip(rows, RULES.versions(key), strict=True):
            assert row.rstrip(" |").endswith("**yes**" if rule.verified else "no"), row
