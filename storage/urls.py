"""Database URLs: which driver, where, and how to show one without its password."""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import unquote, urlsplit

from bot.errors import ConfigurationError

Driver = Literal["sqlite", "postgres"]

_EXAMPLES = (
    "use sqlite:///relative/path.db, sqlite:////absolute/path.db or postgresql://user@host/db"
)
_QUERY_PASSWORD = re.compile(r"((?:^|&)password=)[^&#]*", re.IGNORECASE)


def redact(url: str) -> str:
    """``url`` with its password (if any, in the user part or the query) replaced by ``***``.

    Not a URL parser's job: a password typed with an unescaped ``@`` or ``/`` must not leak
    either, so everything up to the last ``@`` before the query is the user part."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    location, mark, query = rest.partition("?")
    user_part, at, host_part = location.rpartition("@")
    if at:
        user = user_part.split(":", 1)[0]
        location = f"{user}:***@{host_part}" if ":" in user_part else f"{user}@{host_part}"
    if mark:
        query = _QUERY_PASSWORD.sub(r"\1***", query)
    return f"{scheme}://{location}{mark}{query}"


def parse_database_url(url: str) -> tuple[Driver, str]:
    """The driver and what to hand it: a file path (or ``:memory:``) or the PostgreSQL DSN."""
    scheme, separator, rest = url.strip().partition("://")
    scheme = scheme.lower()
    if not separator or scheme not in {"sqlite", "postgresql", "postgres"}:
        raise _bad(url, _EXAMPLES)
    if scheme != "sqlite":
        try:
            urlsplit(url.strip()).port  # noqa: B018 - raises on a port that isn't a number
        except ValueError as exc:
            raise _bad(url, str(exc)) from None
        return "postgres", url.strip()
    if "?" in rest or "#" in rest:
        raise _bad(url, "SQLite URLs take no query parameters")
    if rest in {"", "/:memory:"}:
        return "sqlite", ":memory:"
    if not rest.startswith("/"):
        raise _bad(url, "SQLite URLs have no host: " + _EXAMPLES)
    path = unquote(rest[1:])
    if not path or path.endswith("/"):
        raise _bad(url, "the URL names no database file")
    return "sqlite", path


def _bad(url: str, why: str) -> ConfigurationError:
    return ConfigurationError(f"invalid database URL {redact(url)!r}: {why}")
