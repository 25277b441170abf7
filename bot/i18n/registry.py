"""The languages the bot speaks. Adding one is one catalogue file in ``catalogues/`` plus one
line here (its code as Babel knows it and its own name for itself)."""

from __future__ import annotations

#: The source language: every other catalogue translates this one, and it is the fallback.
SOURCE_LOCALE = "en"

#: code → the language's name in that language.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "fr": "Français",
    "it": "Italiano",
}
