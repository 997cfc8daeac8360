"""The languages the platform is written in and stores content in, defined once for every layer (no Django here)."""

from __future__ import annotations

# Kazakh, Russian and English are all first-class. The order is the order forms and tables show them in.
LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

# When the reader's language has no text, the one shown instead: Russian first (the language most content is
# written in), then Kazakh, then English.
FALLBACK_ORDER: tuple[str, ...] = ("ru", "kk", "en")
