"""Make member text safe to speak: no mentions, links or control characters; the API's own
markup (<break>, <digits>, <phonemes>) passes through."""

from __future__ import annotations

import re
import unicodedata

_ALLOWED_TAG = re.compile(
    r"<break\s+time\s*=\s*['\"]\d{2,4}m?s['\"]\s*/>"
    r"|</?digits>"
    r"|</?phonemes>",
    re.IGNORECASE,
)
# Discord <@123>, <@!123>, <@&123>, <#123>, <:emoji:123>;
# Slack <@U123>, <!here>, <#C1|name>, <url|label>
_PLATFORM_TOKEN = re.compile(r"<[@#!:&][^<>]{0,100}>|<a?:\w+:\d+>")
_SLACK_LINK = re.compile(r"<(?:https?|mailto):[^<>|]+(?:\|([^<>]*))?>", re.IGNORECASE)
#: Markdown's masked link ``[label](url)``: only the label stays.
_MASKED_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*<?(?:https?://|www\.)[^)]*\)", re.IGNORECASE)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_BROADCAST = re.compile(r"@(?:everyone|here|channel)\b", re.IGNORECASE)
_OTHER_TAG = re.compile(r"<[^<>]*>")


def sanitise(text: str) -> str:
    """The text to send to text-to-speech (and to echo next to the audio)."""
    text = unicodedata.normalize("NFC", text)
    text = _SLACK_LINK.sub(lambda m: m.group(1) or "", text)
    text = _MASKED_LINK.sub(lambda m: m.group(1), text)
    text = _PLATFORM_TOKEN.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _BROADCAST.sub(" ", text)
    kept: list[str] = []
    position = 0
    for match in _ALLOWED_TAG.finditer(text):
        kept.append(_OTHER_TAG.sub(" ", text[position : match.start()]))
        kept.append(match.group(0))
        position = match.end()
    kept.append(_OTHER_TAG.sub(" ", text[position:]))
    text = "".join(kept)
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.split())


def spoken_length(text: str) -> int:
    """Length without markup, which is what the limit is about."""
    return len(_ALLOWED_TAG.sub("", text))
