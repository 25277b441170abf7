"""The one scrubber: what leaves a text before it leaves its place.

Every text the bot hands on goes through a :class:`Scrubber`: the API client's errors and log
lines (a 401 body echoes a truncated key, a signed preview link carries its credential in the
query) and the error reports sent to an operator (Sentry, a webhook), which also lose whatever
could name a member (ids, names, file names, quoted text). One set of rules for secrets: every
given secret and any prefix of it of six characters or more (truncated echoes), any ``sk_``
token, any URL's query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

#: Keys start with ``sk_``; bodies may echo them truncated ("sk_abc..."). The look-behind keeps
#: words such as "task_list" intact.
_SK_TOKEN = re.compile(r"(?<![A-Za-z0-9])sk_[A-Za-z0-9_\-.]*")
#: Signed links carry their credential in the query string.
_URL_QUERY = re.compile(r"(https?://[^\s?#\"'<>]+)[?#][^\s\"'<>]*")
_MIN_KEY_PREFIX = 6
MAX_MESSAGE_CHARS = 300
_MAX_EXTRA_ITEMS = 20
_REDACTED = "[redacted]"

# --- what could name a member (reports only) ----------------------------------------------
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Any URL: database URLs with passwords, signed preview links, webhooks, DSNs.
    (re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>]+"), "[url]"),
    # Ids before the long-token rule below would take them: UUIDs (voice ids), Slack
    # member, team and channel ids.
    (
        re.compile(
            r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
        ),
        "[id]",
    ),
    (re.compile(r"\b[UWTCDGFBE](?=[A-Z0-9]*\d)[A-Z0-9]{7,11}\b"), "[id]"),
    # Slack tokens, Discord bot tokens, and anything that looks like a key.
    (re.compile(r"\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+"), "[token]"),
    (re.compile(r"\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}"), "[token]"),
    (re.compile(r"\b(?:sk|pk|key|api)[_-][A-Za-z0-9_-]{6,}"), "[token]"),
    (re.compile(r"\b[A-Za-z0-9+/_-]{32,}={0,2}"), "[token]"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
    # Quoted text: reprs quote names, texts and file names.
    (re.compile(r"'[^'\n]*'"), "'…'"),
    (re.compile(r"\"[^\"\n]*\""), '"…"'),
    # File names and paths.
    (re.compile(r"(?:~|\.{1,2})?(?:/[^\s/:]+){2,}/?"), "[path]"),
    (
        re.compile(
            r"\b[\w.-]+\.(?:ogg|oga|opus|mp3|m4a|mp4|aac|wav|wave|flac|webm|aiff?|caf|"
            r"mov|mkv|avi|amr|wma|3gp|txt|pdf|png|jpe?g|gif|zip|db)\b",
            re.IGNORECASE,
        ),
        "[file]",
    ),
    # Discord snowflakes and any other long number.
    (re.compile(r"\b\d{5,}\b"), "[id]"),
)

MAX_TEXT = 300
_KEEP = re.compile(r"(\breference [0-9a-f]{8}\b)")


class Scrubber:
    """Takes secrets out of a text; with ``personal`` (reports) also whatever could name a
    member, keeping only reference ids. ``marker`` stands where a secret was."""

    def __init__(
        self, secrets: Iterable[str] = (), *, personal: bool = True, marker: str = "[secret]"
    ) -> None:
        # Longest first, so a secret that contains another is replaced whole.
        self._secrets = sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True)
        self._personal = personal
        self._marker = marker

    def __repr__(self) -> str:
        return f"Scrubber(<{len(self._secrets)} secrets>, personal={self._personal})"

    def text(self, value: str, limit: int | None = None) -> str:
        for secret in self._secrets:
            value = _strip_secret(value, secret, self._marker)
        if self._personal:
            # A reference id (8 hex digits, sometimes all decimal) is what a report is for.
            parts = _KEEP.split(value)
            for i in range(0, len(parts), 2):
                for pattern, replacement in _PATTERNS:
                    parts[i] = pattern.sub(replacement, parts[i])
            value = "".join(parts)
            limit = MAX_TEXT if limit is None else limit
        else:
            value = _SK_TOKEN.sub(self._marker, value)
            value = _URL_QUERY.sub(r"\1?" + _REDACTED, value)
        if limit is None or len(value) <= limit:
            return value
        return value[: limit - 1] + "…"

    def url_path(self, path: str) -> str:
        """A request's path, its route kept and any id in it taken out."""
        return "/".join(self.text(segment, 80) for segment in path.split("/"))

    def value(self, value: Any, depth: int = 0) -> Any:
        """A JSON-like value with every string scrubbed; bounded in depth and size."""
        if isinstance(value, str):
            return self.text(value)[:MAX_MESSAGE_CHARS]
        if value is None or isinstance(value, bool | int | float):
            return value
        if depth >= 3:
            return _REDACTED
        if isinstance(value, Mapping):
            items = list(value.items())[:_MAX_EXTRA_ITEMS]
            return {self.text(str(key)): self.value(item, depth + 1) for key, item in items}
        if isinstance(value, list | tuple):
            return [self.value(item, depth + 1) for item in value[:_MAX_EXTRA_ITEMS]]
        return self.text(type(value).__name__)


def redactor(*secrets: str) -> Scrubber:
    """The scrubber for the API client's own texts: secrets out, the rest readable."""
    return Scrubber(secrets, personal=False, marker=_REDACTED)


def _strip_secret(text: str, secret: str, marker: str) -> str:
    """Replace every occurrence of ``secret`` or of a long enough prefix of it."""
    head = secret[: min(_MIN_KEY_PREFIX, len(secret))]
    out: list[str] = []
    start = 0
    found = text.find(head)
    while found >= 0:
        end = found + len(head)
        while end < len(text) and end - found < len(secret) and text[end] == secret[end - found]:
            end += 1
        out.append(text[start:found])
        out.append(marker)
        start = end
        found = text.find(head, start)
    out.append(text[start:])
    return "".join(out)


#: Used by the error constructors as a last line of defence when no key is known.
GENERIC = redactor()
