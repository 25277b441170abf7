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
_PASSWORD = re.compile(r"(://[^/@:]*:)[^/@]*@")


def redact(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``."""
    return _PASSWORD.sub(r"\1***@", url)


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
