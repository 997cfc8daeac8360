"""Codebook: variables with their ordered codes and labels in several languages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Variable:
    """One coded variable: ordered valid codes, their labels by language, declared missing codes."""

    name: str
    codes: tuple[int, ...]
    labels: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    missing: tuple[int, ...] = ()
    title: Mapping[str, str] = field(default_factory=dict)
    ordinal: bool = False
    #: Codes listed both as valid (labelled) and as missing: missing wins, as in SPSS (set by the class).
    conflicts: tuple[int, ...] = field(default=(), init=False)

    def __post_init__(self) -> None:
        # SPSS: a user-missing value stays missing even when it has a value label, so such a code is
        # taken out of the valid codes, and remembered so that every table can say so.
        declared = {int(c) for c in self.missing}
        both = tuple(int(c) for c in self.codes if int(c) in declared)
        if both:
            object.__setattr__(self, "codes", tuple(c for c in self.codes if int(c) not in declared))
            object.__setattr__(self, "conflicts", both)

    def label(self, code: int, lang: str = "en") -> str:
        """The label of `code` in `lang`, falling back to English, then to any language, then the code."""
        by_lang = self.labels.get(code, {})
        for candidate in (lang, "en", *by_lang.keys()):
            if by_lang.get(candidate):
                return by_lang[candidate]
        return str(code)

    def text(self, lang: str = "en") -> str:
        """The variable's question text or title in `lang` (falling back like `label`), else its name."""
        for candidate in (lang, "en", *self.title.keys()):
            if self.title.get(candidate):
                return self.title[candidate]
        return self.name


@dataclass(frozen=True)
class Codebook:
    """A set of variables by name."""

    variables: Mapping[str, Variable]

    def __contains__(self, name: object) -> bool:
        return name in self.variables

    def __getitem__(self, name: str) -> Variable:
        return self.variables[name]

    def get(self, name: str) -> Variable | None:
        return self.variables.get(name)

    @classmethod
    def of(cls, variables: Iterable[Variable]) -> Codebook:
        return cls({v.name: v for v in variables})
