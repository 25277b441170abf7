"""A chat message as it is spoken: names instead of ids, no links read letter by letter, the
API's markup within /say's limits. One platform-free function, sharing /say's cleaning
(:mod:`bot.speech.text`): the same link and mention patterns, and the same last step that
keeps only the API's markup and clamps pauses.

What a phrase stands for ("a link to example.com", "a code block") is said in the member's
language; it is protected by a placeholder while the rest is cleaned, so that no later step
(repeats, emoji, markdown) changes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from urllib.parse import urlsplit

from bot.i18n import Translator
from bot.reading.emoji_names import replace_emoji
from bot.reading.rules import ChatMessage, ReadingRules
from bot.speech.text import (
    BROADCAST,
    MASKED_LINK,
    PLATFORM_TOKEN,
    SLACK_LINK,
    URL,
    api_markup,
    keep_api_markup,
    spoken_length,
)

#: Custom emoji and Unicode emoji read per message, each kind: more is spam, not speech.
MAX_EMOJI = 3
#: A run of more than this many equal characters is cut to this many.
MAX_REPEATS = 3

_CODE_BLOCK = re.compile(r"```.*?```", re.DOTALL)
_INLINE_CODE = re.compile(r"``(?P<double>[^`]+?)``|`(?P<single>[^`\n]+)`")
_SPOILER = re.compile(r"\|\|.+?\|\|", re.DOTALL)
#: A mention as platforms write it: ``<@1>``, ``<@!1>``, ``<@&1>``, ``<#1>`` (Slack: ``<@U1>``,
#: ``<#C1|general>``).
_MENTION = re.compile(r"<(?P<kind>@!?|@&|#)(?P<id>[A-Za-z0-9]{1,40})(?:\|[^<>]*)?>")
_CUSTOM_EMOJI = re.compile(r"<a?:(?P<name>\w{1,32}):\d{1,25}>")
# Digits are left alone: "100000" is a number, not a repeat.
_REPEATS = re.compile(rf"([^\d\s])\1{{{MAX_REPEATS},}}")
#: Markdown at the start of a line: headings, "-#" subtext, quotes, list bullets.
_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,3}[ \t]+|-#[ \t]+|>>>[ \t]?|>[ \t]?|[-*+][ \t]+)", re.M)
_EMPHASIS = re.compile(r"\*\*|__|~~")
_SINGLE_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(?P<inner>[^*_\n]+?)(?<=\S)\1(?![\w*])")
_BACKTICKS = re.compile(r"`+")
#: Placeholders use private-use characters, which no cleaning step touches and
#: :func:`keep_api_markup` would remove if one were ever left behind.
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
_SENTENCE_END = (".", "!", "?", "…", ":", ";", ",")


def reading_text(message: ChatMessage, rules: ReadingRules, t: Translator) -> str | None:
    """What to say for ``message``, or None when nothing speakable is left."""
    parts: list[str] = []
    if message.forwarded:
        parts.append(t("read-forwarded"))
    spoken = clean_message_text(message.text, message.names, rules, t)
    if spoken:
        cut = cut_at_word(spoken, rules.max_chars)
        parts.append(spoken if cut == spoken else f"{cut} {t('read-and-more')}")
    if message.images:
        parts.append(t("read-images", count=message.images))
    if message.files:
        parts.append(t("read-files", count=message.files))
    for sticker in message.stickers:
        name = _plain(sticker)
        parts.append(t("read-sticker", name=name) if name else t("read-sticker-unnamed"))
    if not parts:
        return None
    return " ".join(
        part if index == len(parts) - 1 or part.endswith(_SENTENCE_END) else part + "."
        for index, part in enumerate(parts)
    )


def clean_message_text(
    text: str, names: Mapping[str, str], rules: ReadingRules, t: Translator
) -> str:
    """The words of a message's text as they are spoken, uncut; empty when nothing
    speakable is left."""
    known = dict(names)
    protected: list[str] = []

    def keep(phrase: str) -> str:
        protected.append(phrase)
        return f" \ue000{len(protected) - 1}\ue001 "

    text = unicodedata.normalize("NFC", text)
    text = _CODE_BLOCK.sub(lambda _: keep(t("read-code-block")), text)
    text = _INLINE_CODE.sub(lambda m: keep(m.group("double") or m.group("single")), text)
    text = _SPOILER.sub(lambda _: keep(t("read-spoiler")), text)
    text = MASKED_LINK.sub(lambda m: f" {m.group('label')} ", text)
    text = SLACK_LINK.sub(lambda m: m.group("label") or keep(_link(m.group("url"), t)), text)
    text = URL.sub(lambda m: keep(_link(m.group(0), t)), text)
    text = _MENTION.sub(lambda m: f" {_name_of(m, known)} ", text)
    custom = 0

    def custom_emoji(match: re.Match[str]) -> str:
        nonlocal custom
        custom += 1
        return f" {match.group('name').replace('_', ' ')} " if custom <= MAX_EMOJI else " "

    text = _CUSTOM_EMOJI.sub(custom_emoji, text)
    text = BROADCAST.sub(" ", text)
    text = PLATFORM_TOKEN.sub(" ", text)
    text = _REPEATS.sub(lambda m: m.group(1) * MAX_REPEATS, text)
    text = replace_emoji(text, t.locale, names=rules.emoji == "names", keep=MAX_EMOJI)
    text = _LINE_MARK.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = _SINGLE_EMPHASIS.sub(lambda m: m.group("inner"), text)
    text = _BACKTICKS.sub(" ", text)
    text = _PLACEHOLDER.sub(lambda m: protected[int(m.group(1))], text)
    cleaned = keep_api_markup(text)
    return cleaned if _speakable(cleaned) else ""


def cut_at_word(text: str, limit: int) -> str:
    """``text`` cut at the last word boundary within ``limit`` spoken characters (markup does
    not count, and a tag is never cut in half); a first word longer than ``limit`` is cut
    inside. An open ``<digits>`` or ``<phonemes>`` is closed."""
    if spoken_length(text) <= limit:
        return text
    tags = {match.start(): match.end() for match in api_markup(text)}
    count = 0
    position = 0
    last_space: int | None = None
    while position < len(text) and count < limit:
        if position in tags:
            position = tags[position]
            continue
        if text[position] == " ":
            last_space = position
        count += 1
        position += 1
    # The character after the cut decides: at a space, the last word fits whole.
    at_boundary = position >= len(text) or text[position] == " "
    end = position if at_boundary or last_space is None else last_space
    cut = text[:end].rstrip()
    for tag in ("digits", "phonemes"):
        opened = len(re.findall(f"<{tag}>", cut, re.IGNORECASE))
        if opened > len(re.findall(f"</{tag}>", cut, re.IGNORECASE)):
            cut += f"</{tag}>"
    return cut


def _link(url: str, t: Translator) -> str:
    """ "a link to example.com": the domain only, never the path read letter by letter."""
    candidate = url if "://" in url else "http://" + url
    try:
        host = urlsplit(candidate).hostname or ""
    except ValueError:
        host = ""
    host = host.strip(".").removeprefix("www.")
    if not host or url.lower().startswith("mailto:"):
        return t("read-link-plain")
    return t("read-link", domain=host)


def _name_of(match: re.Match[str], names: dict[str, str]) -> str:
    """The display name a mention stands for; an unknown mention is left out, never read as
    its id."""
    token = match.group(0)
    kind = match.group("kind").replace("!", "")
    for candidate in (token, f"<{kind}{match.group('id')}>"):
        if candidate in names:
            return _plain(names[candidate])
    return ""


def _plain(name: str) -> str:
    """A name as plain words: no markup, tags or mentions of its own."""
    return keep_api_markup(re.sub(r"<[^<>]*>", " ", BROADCAST.sub(" ", name)))


def _speakable(text: str) -> bool:
    """True when something outside the markup is a letter or a number."""
    plain = re.sub(r"<[^<>]*>", " ", text)
    return any(unicodedata.category(ch)[0] in "LN" for ch in plain)
