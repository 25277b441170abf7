"""Log format and request context.

``LOG_FORMAT=json`` writes one JSON object a line (level, logger, message, reference id, and
the request's platform and command) for log shippers, every line the process writes, from the
first; plain text stays the default. The
request context is a :mod:`contextvars` variable, so it follows a request through ``await``
and ``asyncio.to_thread`` without being passed around. It never holds a member id.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, ParamSpec, TextIO, TypeVar

import pythonjsonlogger.json
from dotenv import dotenv_values

from bot.models import Member

P = ParamSpec("P")
T = TypeVar("T")

#: What ``InternalError`` references look like in a log message ("... (reference 1a2b3c4d)").
_REFERENCE = re.compile(r"\breference ([0-9a-f]{8})\b")
#: Set on an exception leaving a request, so the adapter that logs it later still says where.
_CONTEXT_ATTRIBUTE = "__voicebot_request__"


@dataclass(frozen=True, slots=True)
class RequestContext:
    platform: str
    command: str


_CURRENT: ContextVar[RequestContext | None] = ContextVar("voicebot_request", default=None)


@contextlib.contextmanager
def request_context(platform: str, command: str) -> Iterator[RequestContext]:
    """Everything logged inside is tagged with ``platform`` and ``command``; an outer
    context (an adapter's, say) wins over an inner one."""
    current = _CURRENT.get()
    if current is not None:
        yield current
        return
    context = RequestContext(platform, command)
    token = _CURRENT.set(context)
    try:
        yield context
    except BaseException as exc:
        if getattr(exc, _CONTEXT_ATTRIBUTE, None) is None:
            setattr(exc, _CONTEXT_ATTRIBUTE, context)
        raise
    finally:
        _CURRENT.reset(token)


def enter_request(platform: str, command: str) -> None:
    """For a task that is one request from start to end (a Discord interaction's task): tag
    everything it logs from now on. Use :func:`request_context` where a block can say when
    the request ends."""
    if _CURRENT.get() is None:
        _CURRENT.set(RequestContext(platform, command))


def in_request(
    command: str,
) -> Callable[[Callable[P, Coroutine[Any, Any, T]]], Callable[P, Coroutine[Any, Any, T]]]:
    """Decorates a core entry point: its first :class:`Member` argument gives the platform."""

    def decorate(
        function: Callable[P, Coroutine[Any, Any, T]],
    ) -> Callable[P, Coroutine[Any, Any, T]]:
        @functools.wraps(function)
        async def run(*args: P.args, **kwargs: P.kwargs) -> T:
            member = next(
                (a for a in (*args, *kwargs.values()) if isinstance(a, Member)),
                None,
            )
            with request_context(member.platform if member else "unknown", command):
                return await function(*args, **kwargs)

        return run

    return decorate


def current_context(record: logging.LogRecord | None = None) -> RequestContext | None:
    """The request a log record belongs to: the live context, else the one its exception
    carries out of the request."""
    context = _CURRENT.get()
    if context is None and record is not None and record.exc_info:
        context = getattr(record.exc_info[1], _CONTEXT_ATTRIBUTE, None)
    return context


def reference_of(record: logging.LogRecord) -> str | None:
    """The reference id a record carries: ``extra={"reference": ...}`` or in its message."""
    given = getattr(record, "reference", None)
    if isinstance(given, str):
        return given
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a malformed record has no reference, that's all
        return None
    found = _REFERENCE.search(message)
    return found.group(1) if found else None


class JsonFormatter(pythonjsonlogger.json.JsonFormatter):
    """One JSON object a line (python-json-logger), with the request's platform and command and
    the reference id; a record's ``extra`` fields (``code`` on a fatal error) come along."""

    def __init__(self) -> None:
        super().__init__(
            "%(levelname)s %(name)s %(message)s",
            rename_fields={
                "levelname": "level",
                "name": "logger",
                "exc_info": "traceback",
                "stack_info": "stack",
            },
            json_ensure_ascii=False,
            json_default=str,
        )

    def add_fields(
        self,
        log_data: dict[str, Any],
        record: logging.LogRecord,
        message_dict: dict[str, Any],
    ) -> None:
        log_data["time"] = datetime.fromtimestamp(record.created, UTC).isoformat(
            timespec="milliseconds"
        )
        super().add_fields(log_data, record, message_dict)
        context = current_context(record)
        log_data["reference"] = reference_of(record)
        log_data["platform"] = context.platform if context else None
        log_data["command"] = context.command if context else None
        if record.exc_info and record.exc_info[0] is not None:
            log_data["exc_type"] = record.exc_info[0].__name__


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_format_from_environment(env_file: str | None = ".env") -> str:
    """``LOG_FORMAT`` as the settings will read it (the environment, then ``.env``), for what
    is written before they are read, or when they can't be: the line that says why."""
    for name, value in os.environ.items():
        if name.upper() == "LOG_FORMAT" and value:
            return value.strip().lower()
    if env_file is not None and os.path.isfile(env_file):
        for name, given in dotenv_values(env_file).items():
            if name.upper() == "LOG_FORMAT" and given:
                return given.strip().lower()
    return "text"


def start_logging(log_format: str, *, stream: TextIO, level: int | str) -> None:
    """The root logger writes to ``stream`` in ``log_format``; with ``json``, uncaught
    exceptions (on any thread) and warnings become JSON lines too instead of bare text.
    Called again (once the settings are read), it changes the level and the format."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(stream=stream, format=TEXT_FORMAT)
    root.setLevel(level)
    use_log_format(log_format)
    if log_format == "json":
        logging.captureWarnings(True)
        sys.excepthook = _log_uncaught
        threading.excepthook = _log_uncaught_in_thread


_fatal = logging.getLogger("bot")


def _log_uncaught(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    _fatal.critical("uncaught %s", exc_type.__name__, exc_info=(exc_type, exc, tb))


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
        _log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)


def use_log_format(log_format: str, logger: logging.Logger | None = None) -> None:
    """Switch the handlers ``logging.basicConfig`` made to ``log_format`` (text or json)."""
    if log_format != "json":
        return
    for handler in (logger or logging.getLogger()).handlers:
        # Exactly basicConfig's handler: not a file's, nor a test runner's capture.
        if type(handler) is logging.StreamHandler and not isinstance(
            handler.formatter, JsonFormatter
        ):
            handler.setFormatter(JsonFormatter())
