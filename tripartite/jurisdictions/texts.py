"""Trilingual texts and the legal sources rules cite, with the language citations are given in.

Pure Python (no Django), like every module of the jurisdiction packs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from tripartite.languages import LANGUAGES  # every user-facing text of a pack is given in each

#: A user-facing text in several languages: ``{"kk": ..., "ru": ..., "en": ...}``.
Text = Mapping[str, str]

def text(kk: str, ru: str, en: str) -> Text:
    """Return a read-only trilingual text."""
    return MappingProxyType({"kk": kk, "ru": ru, "en": en})


def render(template: Text, params: Mapping[str, Any]) -> Text:
    """Fill the named ``%(placeholders)s`` of every language of ``template`` with ``params``."""
    return MappingProxyType({lang: value % params for lang, value in template.items()})


#: Which language citations are given in when the caller does not say: the pack knows no web framework, so the
#: application tells it once (``use_language``); without that, English.
_language_provider: Callable[[], str | None] = lambda: "en"  # noqa: E731


def use_language(provider: Callable[[], str | None]) -> None:
    """Make ``provider()`` (e.g. Django's ``get_language``) the language of citations given without one."""
    global _language_provider
    _language_provider = provider


def current_language() -> str:
    """The language citations are given in now: one of LANGUAGES, English when the provider says nothing known."""
    lang = (_language_provider() or "en")[:2].lower()
    return lang if lang in LANGUAGES else "en"


def _article(article: str, lang: str) -> str:
    """``163(2)`` as each language cites it: "Art. 163(2)", "п. 2 ст. 163", "163-баптың 2-тармағы"."""
    number, _open, rest = article.partition("(")
    paragraph = rest.rstrip(")") if rest.endswith(")") and rest[:-1].isdigit() else ""
    if lang == "ru":
        return f"п. {paragraph} ст. {number}" if paragraph else f"ст. {article}"
    if lang == "kk":
        return f"{number}-баптың {paragraph}-тармағы" if paragraph else f"{article}-бап"
    return f"Art. {article}"


@dataclass(frozen=True)
class LegalSource:
    """Where a rule comes from: the act (and article) and a public address where it can be read.

    ``title`` is the act's name in every language (a ``text()``), or one string for a name not translated.
    """

    title: str | Text
    article: str | None = None
    url: str | None = None
    note: str | None = None

    def title_in(self, lang: str | None = None) -> str:
        if isinstance(self.title, str):
            return self.title
        lang = lang or current_language()
        return self.title.get(lang) or self.title["en"]

    def cite(self, lang: str | None = None) -> str:
        """A one-line citation in ``lang`` (default: the current language), e.g. ``Labour Code …, Art. 163(2)``,
        ``Трудовой кодекс …, п. 2 ст. 163``."""
        lang = lang or current_language()
        title = self.title_in(lang)
        return f"{title}, {_article(self.article, lang)}" if self.article else title


