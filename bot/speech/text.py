"""Make member text safe to speak: no mentions, links or control characters; the API's own
markup (<break>, <digits>, <phonemes>) passes through.

A pause is clamped to what the API plays (its docs: 80 ms to 1.2 s) and rewritten as
``<break time='NNNms'/>``, so what is sent is exactly what :func:`pause_seconds` counts: a
``<break time='9999s'/>`` becomes a 1.2 s pause, never a way around the voice queue's cap.
"""

from __future__ import annotations

import re
import unicodedata

#: The shortest and longest pause the Async API plays, in milliseconds.
MIN_PAUSE_MS = 80
MAX_PAUSE_MS = 1200
_BREAK = re.compile(
    r"<break\s+time\s*=\s*['\"]\s*(?P<amount>\d{1,6}(?:\.\d{1,3})?)\s*(?P<unit>ms|s)\s*['\"]\s*/>",
    re.IGNORECASE,
)
_ALLOWED_TAG = re.compile(_BREAK.pattern + r"|</?digits>|</?phonemes>", re.IGNORECASE)
# Discord <@123>, <@!123>, <@&123>, <#123>, <:emoji:123>;
# Slack <@U123>, <!here>, <#C1|name>, <url|label>
PLATFORM_TOKEN = re.compile(r"<[@#!:&][^<>]{0,100}>|<a?:\w+:\d+>")
#: Slack's ``<https://url|label>`` (group ``url``, group ``label`` when there is one).
SLACK_LINK = re.compile(
    r"<(?P<url>(?:https?|mailto):[^<>|]+)(?:\|(?P<label>[^<>]*))?>", re.IGNORECASE
)
#: Markdown's masked link ``[label](url)``: only the label stays.
MASKED_LINK = re.compile(
    r"\[(?P<label>[^\[\]]*)\]\(\s*<?(?P<url>(?:https?://|www\.)[^)\s>]*)>?[^)]*\)",
    re.IGNORECASE,
)
URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
#: ``@everyone``, ``@here`` (Discord) and ``@channel`` (Slack): never spoken.
BROADCAST = re.compile(r"@(?:everyone|here|channel)\b", re.IGNORECASE)
_OTHER_TAG = re.compile(r"<[^<>]*>")


def sanitise(text: str) -> str:
    """The text to send to text-to-speech (and to echo next to the audio)."""
    text = unicodedata.normalize("NFC", text)
    text = SLACK_LINK.sub(lambda m: m.group("label") or "", text)
    text = MASKED_LINK.sub(lambda m: m.group("label"), text)
    text = PLATFORM_TOKEN.sub(" ", text)
    text = URL.sub(" ", text)
    text = BROADCAST.sub(" ", text)
    return keep_api_markup(text)


def keep_api_markup(text: str) -> str:
    """``text`` with only the API's own markup left (pauses clamped), no control characters,
    and its whitespace collapsed: the last step of every cleaning, /say's and reading's."""
    kept: list[str] = []
    position = 0
    for match in _ALLOWED_TAG.finditer(text):
        kept.append(_OTHER_TAG.sub(" ", text[position : match.start()]))
        kept.append(_canonical_break(match) if match.group("amount") else match.group(0))
        position = match.end()
    kept.append(_OTHER_TAG.sub(" ", text[position:]))
    text = "".join(kept)
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


def spoken_length(text: str) -> int:
    """Length without markup, which is what the limit is about."""
    return len(_ALLOWED_TAG.sub("", text))


def api_markup(text: str) -> list[re.Match[str]]:
    """The API markup tags of cleaned ``text``, in order."""
    return list(_ALLOWED_TAG.finditer(text))


def pause_seconds(text: str) -> float:
    """How long the ``<break>`` pauses in cleaned ``text`` last, as the API plays them."""
    return sum(_pause_ms(match) for match in _BREAK.finditer(text)) / 1000


def _pause_ms(match: re.Match[str]) -> int:
    amount = float(match.group("amount"))
    milliseconds = amount if match.group("unit").lower() == "ms" else amount * 1000
    return round(min(max(milliseconds, MIN_PAUSE_MS), MAX_PAUSE_MS))


def _canonical_break(match: re.Match[str]) -> str:
    return f"<break time='{_pause_ms(match)}ms'/>"
