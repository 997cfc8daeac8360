"""Translations for the pure analysis layer: gettext catalogues read straight from the .po files.

Django's gettext is not available here (the layer imports no Django), and the build does not
compile these catalogues, so the .po files are parsed at first use and turned into an in-memory
.mo image that the standard library's `gettext.GNUTranslations` reads; plural forms therefore
follow each catalogue's own ``Plural-Forms`` header (Russian has three, Kazakh two).
English is the source language.
"""

from __future__ import annotations

import ast
import gettext as _gettext
import io
import struct
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "analysis"


def _unquote(text: str) -> str:
    # A .po string literal uses C escapes, which Python's literal syntax reads the same way.
    return str(ast.literal_eval(text))


def parse_po(source: str) -> dict[str | tuple[str, str], str | list[str]]:
    """Messages of a .po file: msgid -> msgstr, or (msgid, msgid_plural) -> [msgstr[0], ...].

    Fuzzy and untranslated entries are left out, as msgfmt does.
    """
    messages: dict[str | tuple[str, str], str | list[str]] = {}
    entry: dict[str, str] = {}
    fuzzy = False
    current: str | None = None

    def flush() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            if "msgid_plural" in entry:
                forms = [entry[k] for k in sorted((k for k in entry if k.startswith("msgstr[")),
                                                   key=lambda k: int(k[7:-1]))]
                if forms and all(forms):
                    messages[(entry["msgid"], entry["msgid_plural"])] = forms
            elif entry.get("msgstr") or entry["msgid"] == "":
                messages[entry["msgid"]] = entry.get("msgstr", "")
        entry, fuzzy = {}, False

    for raw in source.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            # A comment starts the next entry; its "#, fuzzy" flag belongs to that entry.
            if any(k.startswith("msgstr") for k in entry):
                flush()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"stray string in .po file: {raw!r}")
            entry[current] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgid" and any(k.startswith("msgstr") for k in entry):
            flush()
        current = keyword
        entry[current] = _unquote(rest)
    flush()
    return messages


def _mo_image(messages: dict[str | tuple[str, str], str | list[str]]) -> bytes:
    """A GNU .mo file image (the format Python's Tools/i18n/msgfmt.py writes)."""
    pairs: list[tuple[bytes, bytes]] = []
    for key, value in messages.items():
        if isinstance(key, tuple):
            pairs.append(("\0".join(key).encode(), "\0".join(value).encode()))
        else:
            pairs.append((key.encode(), str(value).encode()))
    pairs.sort()
    ids = strs = b""
    offsets = []
    for msgid, msgstr in pairs:
        offsets.append((len(ids), len(msgid), len(strs), len(msgstr)))
        ids += msgid + b"\0"
        strs += msgstr + b"\0"
    count = len(pairs)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    koffsets: list[int] = []
    voffsets: list[int] = []
    for o1, l1, o2, l2 in offsets:
        koffsets += [l1, o1 + key_start]
        voffsets += [l2, o2 + value_start]
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    return header + struct.pack(f"{len(koffsets)}i", *koffsets) + struct.pack(
        f"{len(voffsets)}i", *voffsets) + ids + strs


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue for `lang` ("kk", "ru"); English and unknown languages get the source text."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not path.exists():
        return _gettext.NullTranslations()
    messages = parse_po(path.read_text(encoding="utf-8"))
    return _gettext.GNUTranslations(io.BytesIO(_mo_image(messages)))


def gettext(lang: str, message: str) -> str:
    """`message` translated into `lang`."""
    return translations(lang).gettext(message)


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    """The plural form of a message for count `n` in `lang`."""
    return translations(lang).ngettext(singular, plural, n)


def decimal_separator(lang: str) -> str:
    """Kazakh and Russian write 0,05 where English writes 0.05."""
    return "," if lang in ("kk", "ru") else "."
