"""Every page is served with a Content-Security-Policy allowing only the platform's own origin, and no template
has the inline script or style that such a policy would block (the browser tests check the rendered pages)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "tripartite").glob("**/templates/**/*.html"))


def _policy(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/v1/docs", "/no-such-page/"])
def test_pages_allow_only_their_own_origin(client: Any, path: str) -> None:
    policy = _policy(client.get(path))
    for directive in ("default-src", "script-src", "style-src", "connect-src", "font-src"):
        assert policy[directive] == ["'self'"], (directive, policy[directive])
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


# What CSP without 'unsafe-inline' blocks: a style attribute or element, an inline script (a JSON data block is
# not run and is allowed), an event handler attribute, a javascript: address.
_BLOCKED = [
    ("a style attribute", re.compile(r"\sstyle\s*=", re.I)),
    ("a <style> element", re.compile(r"<style[\s>]", re.I)),
    ("an inline script", re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)),
    ("an event handler attribute", re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I)),
    ("a javascript: address", re.compile(r"javascript:", re.I)),
]


def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "tripartite")))
def test_a_template_has_nothing_the_policy_blocks(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    found = [what for what, pattern in _BLOCKED if pattern.search(text)]
    assert not found, f"{template.relative_to(ROOT)}: {', '.join(found)} — move it to a static file"
