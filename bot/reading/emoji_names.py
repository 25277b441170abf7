"""Unicode emoji as words in the member's language, from the ``emoji`` package's CLDR names.

The package names every emoji in English, German, Spanish, French and Italian (the languages
of our catalogues); a name missing in a language falls back to English. Skin tones are left
out: "thumbs up", not "thumbs up medium skin tone", since the tone is not what was said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

#: The languages the package has names in that our catalogues speak.
EMOJI_LANGUAGES = frozenset({"en", "de", "es", "fr", "it"})
_SKIN_TONE = re.compile("[\U0001f3fb-\U0001f3ff]")


@cache
def _load(language: str) -> str:
    """Make sure the package's names for ``language`` are loaded; the language to use."""
    if language not in EMOJI_LANGUAGES:
        return "en"
    if language != "en":
        import emoji  # its names load on first use: a bot that never reads pays nothing

        # The package loads the other languages' names on first use; once per process.
        emoji.config.load_language(language)
    return language


def emoji_name(data: Mapping[str, Any], language: str) -> str:
    """The spoken name of one emoji from its package data (``:thumbs_up:`` → "thumbs up")."""
    raw = str(data.get(_load(language)) or data["en"])
    return " ".join(raw.strip(":").replace("_", " ").split())


def replace_emoji(text: str, language: str, *, names: bool, keep: int) -> str:
    """``text`` with each Unicode emoji read by its name (``names``) or left out; at most
    ``keep`` of them are read, the rest left out."""
    _load(language)
    text = _SKIN_TONE.sub("", text)
    read = 0

    def spoken(chars: str, data: dict[str, Any]) -> str:
        nonlocal read
        if not names or read >= keep:
            return " "
        read += 1
        return f" {emoji_name(data, language)} "

    import emoji

    replace: Callable[[str, dict[str, Any]], str] = spoken
    return str(emoji.replace_emoji(text, replace=replace))
