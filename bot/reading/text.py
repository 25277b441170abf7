"""A chat message as it is spoken: names instead of ids, no links read letter by letter, the
API's markup within /say's limits. One platform-free function, shared with /say's cleaning."""

from __future__ import annotations

from bot.i18n import Translator
from bot.reading.rules import ChatMessage, ReadingRules
from bot.speech.text import sanitise


def reading_text(message: ChatMessage, rules: ReadingRules, t: Translator) -> str | None:
    """What to say for ``message``, or None when nothing speakable is left."""
    text = message.text
    for token, name in message.names.items():
        text = text.replace(token, f" {name} ")
    spoken = " ".join(sanitise(text).split())
    if len(spoken) > rules.max_chars:
        spoken = spoken[: rules.max_chars].rsplit(" ", 1)[0]
    return spoken or None
