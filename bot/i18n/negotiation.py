"""Which of our languages a member gets, from whatever locales the platform tells us."""

from __future__ import annotations

from collections.abc import Iterable

from bot.i18n.registry import LANGUAGES, SOURCE_LOCALE


def normalise(tag: str | None) -> str | None:
    """``es-ES``, ``es_ES``, ``ES`` and ``es-419`` all become ``es``; ``None`` or junk stays
    out. Only the language part matters: our catalogues are per language, not per region."""
    if not tag:
        return None
    language = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    if not language.isascii() or not language.isalpha() or not 2 <= len(language) <= 3:
        return None
    return language


def pick_locale(candidates: Iterable[str | None], default: str = SOURCE_LOCALE) -> str:
    """The first candidate we have a catalogue for, else ``default`` (English).

    Callers pass candidates in order of preference: on Discord the member's client locale, then
    the server's; on Slack the member's locale, then the workspace default. ``pt-BR`` (no
    Portuguese catalogue) is skipped, so the next candidate or English is used.
    """
    for candidate in candidates:
        language = normalise(candidate)
        if language in LANGUAGES:
            return language
    return default if default in LANGUAGES else SOURCE_LOCALE
