"""Each app keeps its own translation catalogue, and Django merges them with the app listed first in INSTALLED_APPS
winning. A message that two catalogues translate differently therefore shows the first app's wording in every app:
that is how agreements' "Findings" (violations) once appeared on survey results. Two catalogues must agree on a
message, or the message needs a context (``pgettext``) that tells the meanings apart."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from django.apps import apps

LANGUAGES = ("kk", "ru")


def _catalogues(language: str) -> list[tuple[str, dict[object, str]]]:
    """(app label, compiled catalogue) in the order Django gives them precedence."""
    found = []
    for config in apps.get_app_configs():
        mo = Path(config.path) / "locale" / language / "LC_MESSAGES" / "django.mo"
        if config.name.startswith("tripartite.") and mo.exists():
            with mo.open("rb") as handle:
                found.append((config.label, gettext.GNUTranslations(handle)._catalog))  # noqa: SLF001
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_app_has_a_compiled_catalogue(language: str) -> None:
    labels = {label for label, _catalogue in _catalogues(language)}
    with_strings = {c.label for c in apps.get_app_configs()
                    if c.name.startswith("tripartite.") and (Path(c.path) / "locale").is_dir()}
    assert with_strings <= labels, f"not compiled ({language}): {sorted(with_strings - labels)}; run `make messages`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_translated_two_ways(language: str) -> None:
    first: dict[object, tuple[str, str]] = {}
    clashes = []
    for label, catalogue in _catalogues(language):
        for key, text in catalogue.items():
            if key == "" or not text:
                continue  # the header, or an untranslated message
            if key not in first:
                first[key] = (label, text)
            elif first[key][1] != text:
                winner, shown = first[key]
                clashes.append(f"{key!r}: {winner} says {shown!r}, {label} says {text!r}")
    assert not clashes, (
        f"{len(clashes)} message(s) translated differently in two {language} catalogues; the first app's wording is "
        "shown everywhere. Use the same translation, or give the message a context (pgettext):\n" + "\n".join(clashes))
