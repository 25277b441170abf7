"""Secrets out of text: the API key must never reach an exception or a log line, because 401
bodies echo a truncated key and signed preview links carry their credential in the query."""

from __future__ import annotations

import re
from collections.abc import Mapping
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


class Redactor:
    """Removes secrets from text: any ``sk_`` token, the given secrets and any prefix of them
    of at least six characters (truncated echoes), and the query of any URL."""

    def __init__(self, *secrets: str) -> None:
        self._secrets = tuple(secret for secret in secrets if secret)

    def __repr__(self) -> str:
        return f"Redactor(<{len(self._secrets)} secrets>)"

    def text(self, text: str) -> str:
        for secret in self._secrets:
            text = _strip_secret(text, secret)
        text = _SK_TOKEN.sub(_REDACTED, text)
        return _URL_QUERY.sub(r"\1?" + _REDACTED, text)

    def value(self, value: Any, depth: int = 0) -> Any:
        """A JSON-like value with every string redacted; bounded in depth and size."""
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


def _strip_secret(text: str, secret: str) -> str:
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
        out.append(_REDACTED)
        start = end
        found = text.find(head, start)
    out.append(text[start:])
    return "".join(out)


#: Used by the error constructors as a last line of defence when no key is known.
GENERIC = Redactor()
