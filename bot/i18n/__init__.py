"""Speaking the member's language: catalogues, locale negotiation and locale formatting.

Adapters call :func:`translator_for` with the locales the platform gives (member first, then
community) and render every text with the returned :class:`Translator`; errors render with
``translator.error(exc)``. The core never picks a language itself.

May import fluent.runtime and babel only.
"""

from bot.i18n.negotiation import normalise, pick_locale
from bot.i18n.registry import LANGUAGES, SOURCE_LOCALE
from bot.i18n.translator import (
    COMMAND_PATHS,
    ConsentText,
    Translator,
    catalogue_text,
    messages_for,
    translator_for,
)

__all__ = [
    "COMMAND_PATHS",
    "LANGUAGES",
    "SOURCE_LOCALE",
    "ConsentText",
    "Translator",
    "catalogue_text",
    "messages_for",
    "normalise",
    "pick_locale",
    "translator_for",
]
