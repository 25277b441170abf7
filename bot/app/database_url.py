"""Database URLs: which driver, where, and how to show one without its password.

Parsed once, where the settings are validated (:mod:`bot.app.settings`): a URL the store could not
read is a configuration error (exit 78) before anything else looks at it. The stores
(``storage/``) and the report scrubber (:mod:`bot.observability`) use the same functions."""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import unquote, urlsplit

from bot.errors import ConfigurationError

Driver = Literal["sqlite", "postgres"]

_UNREADABLE = (
    "its host or port can't be read; percent-encode special characters in the user name and "
    "password (? as %3F, # as %23, @ as %40, / as %2F, % as %25, : as %3A, [ as %5B, ] as %5D)"
)
_EXAMPLES = (
    "use sqlite:///relative/path.db, sqlite:////absolute/path.db or postgresql://user@host/db"
)
#: A password in the query runs to the next parameter: a ``#`` typed in it is not a fragment.
_QUERY_PASSWORD = re.compile(r"((?:^|[?&])password=)[^&]*", re.IGNORECASE)
_QUERY_PASSWORD_VALUE = re.compile(r"((?:^|[?&])password=)([^&]*)", re.IGNORECASE)


def redact(url: str) -> str:
    """``url`` with its password (if any, in the user part or the query) replaced by ``***``.

    Not a URL parser's job: a password typed with an unescaped ``?``, ``#``, ``@`` or ``/``
    must not leak either. So everything up to the *last* ``@`` is the user part, wherever a
    ``?``, ``#`` or ``/`` stands before it: when the query holds an ``@`` too, more is hidden
    than needed, never less."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        scheme, separator, rest = "", "", url
    # The query's password first: it may hold an ``@`` itself.
    rest = _QUERY_PASSWORD.sub(r"\1***", rest)
    user_part, at, host_part = rest.rpartition("@")
    if at:
        user = user_part.split(":", 1)[0]
        if any(mark in user for mark in "?#/@"):
            user = "***"  # not a user name: the start of a mangled URL
        shown = f"{user}:***@" if ":" in user_part else f"{user}@"
    else:
        shown, host_part = "", rest
    return scheme + separator + shown + host_part


def passwords_in(url: str) -> list[str]:
    """``url``'s password (in the user part or the query), raw and decoded, longest first.
    Found the way :func:`redact` finds it, so that it works on a URL no parser reads."""
    secrets: set[str] = set()
    rest = re.sub(r"^[a-z]+:/*", "", url, flags=re.IGNORECASE)
    secrets.update(m.group(2) for m in _QUERY_PASSWORD_VALUE.finditer(rest))
    user_part, at, _ = _QUERY_PASSWORD.sub(r"\1***", rest).rpartition("@")
    if at and ":" in user_part:
        secrets.add(user_part.split(":", 1)[1])
    found = {s for s in secrets | {unquote(s) for s in secrets} if s}
    return sorted(found, key=len, reverse=True)


def hide_password(text: str, url: str) -> str:
    """``text`` (a driver's error message) without ``url``'s password, raw or decoded."""
    for secret in passwords_in(url):
        text = text.replace(secret, "***")
    return text


def parse_database_url(url: str) -> tuple[Driver, str]:
    """The driver and what to hand it: a file path (or ``:memory:``) or the PostgreSQL DSN."""
    scheme, separator, rest = url.strip().partition("://")
    scheme = scheme.lower()
    if not separator or scheme not in {"sqlite", "postgresql", "postgres"}:
        raise _bad(url, _EXAMPLES)
    if scheme != "sqlite":
        try:
            urlsplit(url.strip()).port  # noqa: B018 - raises on a port that isn't a number
        except ValueError:
            # Not the parser's message: it quotes what it took for the port, which is a piece
            # of the password when the password holds a ``?``, ``#``, ``/`` or ``@``.
            raise _bad(url, _UNREADABLE) from None
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
