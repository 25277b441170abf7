"""What gets reported to an operator, and what is taken out first.

Reports start as log records: a :class:`ReportingHandler` on the root logger turns the few
that matter into :class:`Report` s and hands them to the sinks (Sentry, a webhook). Reported:

- ``internal``: an unexpected error, logged at ERROR (with its reference id, see
  :class:`bot.errors.InternalError`) or with a traceback;
- ``service_misconfigured``: the voice API refuses the key or the version;
- ``service_unavailable``: the voice API has failed for a while without a single success
  (:class:`ApiHealthWatcher`);
- ``database_unavailable``: an error whose cause is the database not answering.

Errors a member caused (``too_short``, ``cooldown``...) are never reported.

A report holds the log call's *template* (``"clone %s failed (reference %s)"``, written in the
code, without its arguments), the exception's type and where it was raised, and the reference
id that finds the full traceback in the host's log. Exception messages, arguments, local
variables and request data stay on the host; the template still goes through
:class:`Scrubber` in case a message was formatted before it was logged.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol

from bot.errors import BotError
from bot.observability.logs import current_context, reference_of
from bot.observability.metrics import METRICS
from bot.observability.scrubbing import Scrubber

#: The watcher's own records must reach the reporting handler, so not under bot.observability.
api_log = logging.getLogger("bot.api.health")

INTERNAL = "internal"
SERVICE_MISCONFIGURED = "service_misconfigured"
SERVICE_UNAVAILABLE = "service_unavailable"
DATABASE_UNAVAILABLE = "database_unavailable"
REPORTED_KINDS = frozenset(
    {INTERNAL, SERVICE_MISCONFIGURED, SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE}
)

#: Loggers whose records are never reported: the reporters' own, and their transports'.
#: ``bot.exit`` is a failed command's last line: its error was reported where it happened.
_SILENT_LOGGERS = (
    "bot.observability.sentry",
    "bot.observability.webhook",
    "bot.exit",
    "sentry_sdk",
    "urllib3",
)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


# --- reports -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Report:
    kind: str
    #: The log call's template, scrubbed.
    summary: str
    logger: str
    reference: str | None = None
    exc_type: str | None = None
    #: ``path/to/module.py:line in function`` of the innermost frame of the project's code.
    location: str | None = None
    platform: str | None = None
    command: str | None = None
    #: For Sentry's stack trace (frames without their local variables); never serialised here.
    exc_info: ExcInfo | None = field(default=None, compare=False, repr=False)

    @property
    def fingerprint(self) -> str:
        """The same error from the same place: one entry, counted (never the reference)."""
        key = "\x1f".join(
            [self.kind, self.logger, self.summary, self.exc_type or "", self.location or ""]
        )
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def headline(self) -> str:
        what = self.exc_type or self.summary
        where = f" at {self.location}" if self.location else ""
        return f"{self.kind}: {what}{where}"


class PerReportLimit:
    """One report per distinct problem per ``interval``, on every sink: the first occurrence
    passes, repeats within the interval don't (the webhook counts them, Sentry drops them).
    Thread-safe: Sentry asks from whichever thread captured the event."""

    MAX_DISTINCT = 500

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self._clock = clock
        self._sent: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self._clock()
        with self._lock:
            sent = self._sent.get(key)
            if sent is not None and now - sent < self.interval:
                return False
            self._sent[key] = now
            self._sent.move_to_end(key)
            while len(self._sent) > self.MAX_DISTINCT:
                self._sent.popitem(last=False)
            return True


class ReportSink(Protocol):
    def submit(self, report: Report) -> None: ...


def _chain(exc: BaseException | None) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _modules(tb: TracebackType | None) -> Iterator[str]:
    while tb is not None:
        yield str(tb.tb_frame.f_globals.get("__name__", ""))
        tb = tb.tb_next


_SQLITE_UNAVAILABLE = ("unable to open", "disk i/o", "database is locked", "readonly", "no space")
_PG_UNAVAILABLE = (
    "PostgresConnectionError",
    "CannotConnectNowError",
    "ConnectionDoesNotExistError",
    "TooManyConnectionsError",
    "ConnectionFailureError",
    "InterfaceError",
)


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True when ``exc`` (or its cause) says the database can't be reached or written."""
    for error in _chain(exc):
        if isinstance(error, sqlite3.OperationalError):
            text = str(error).lower()
            if any(marker in text for marker in _SQLITE_UNAVAILABLE):
                return True
        names = {cls.__name__ for cls in type(error).__mro__}
        if type(error).__module__.startswith("asyncpg") and names & set(_PG_UNAVAILABLE):
            return True
        if isinstance(error, OSError | TimeoutError) and any(
            module.startswith(("asyncpg", "aiosqlite", "storage"))
            for module in _modules(error.__traceback__)
        ):
            return True
    return False


def _location(tb: TracebackType | None) -> str | None:
    """The innermost frame in the project's own packages, else the innermost at all."""
    found: str | None = None
    fallback: str | None = None
    while tb is not None:
        code = tb.tb_frame.f_code
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        here = f"{module.replace('.', '/')}.py:{tb.tb_lineno} in {code.co_name}"
        fallback = here
        if module.split(".", 1)[0] in {"bot", "adapters", "storage", "simulator"}:
            found = here
        tb = tb.tb_next
    return found or fallback


def kind_of(record: logging.LogRecord) -> str | None:
    """Which kind of report ``record`` is, or None when it is not one."""
    if record.name.startswith(_SILENT_LOGGERS):
        return None
    given = getattr(record, "report_kind", None)
    if given in REPORTED_KINDS:
        return str(given)
    exc = record.exc_info[1] if record.exc_info else None
    if isinstance(exc, BotError) and exc.code != INTERNAL:
        # The member's own mistake, or a refusal with a message of its own.
        return SERVICE_MISCONFIGURED if exc.code == SERVICE_MISCONFIGURED else None
    if record.levelno >= logging.WARNING and is_database_unavailable(exc):
        return DATABASE_UNAVAILABLE
    if record.levelno >= logging.ERROR and (exc is not None or reference_of(record)):
        return INTERNAL
    return None


def report_from(record: logging.LogRecord, scrubber: Scrubber) -> Report | None:
    kind = kind_of(record)
    if kind is None:
        return None
    exc_info: ExcInfo | None = None
    if record.exc_info and record.exc_info[0] is not None and record.exc_info[1] is not None:
        exc_info = (record.exc_info[0], record.exc_info[1], record.exc_info[2])
    context = current_context(record)
    template = record.msg if isinstance(record.msg, str) else type(record.msg).__name__
    return Report(
        kind=kind,
        summary=scrubber.text(template),
        logger=record.name,
        reference=reference_of(record),
        exc_type=exc_info[0].__qualname__ if exc_info else None,
        location=_location(exc_info[2]) if exc_info else None,
        platform=context.platform if context else None,
        command=context.command if context else None,
        exc_info=exc_info,
    )


class ReportingHandler(logging.Handler):
    """Hands the records that are reports to the sinks; never blocks, never raises."""

    def __init__(self, sinks: Iterable[ReportSink], scrubber: Scrubber) -> None:
        super().__init__(logging.WARNING)
        self.sinks = list(sinks)
        self.scrubber = scrubber

    def emit(self, record: logging.LogRecord) -> None:
        try:
            report = report_from(record, self.scrubber)
            if report is None:
                return
            METRICS.errors_reported.labels(kind=report.kind).inc()
            for sink in self.sinks:
                sink.submit(report)
        except Exception:  # noqa: BLE001 - reporting must never break the caller
            self.handleError(record)


# --- the voice API's health --------------------------------------------------------------
#: Calls that go somewhere else than the API (a CDN's signed link): their status says nothing
#: about the API or its key.
_NOT_THE_API = frozenset({"preview_audio"})
_CONNECTION_REASONS = frozenset({"connect_failed", "connect_timeout", "timeout", "connection_lost"})


class ApiHealthWatcher:
    """Watches every API response (through :data:`bot.observability.metrics.METRICS`) and logs the
    operator's problems as reportable records: a refused key or version at once, and an
    outage once it has lasted ``persist_seconds`` without a single success (then again every
    ``persist_seconds`` while it lasts)."""

    def __init__(
        self,
        persist_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.persist_seconds = persist_seconds
        self._clock = clock
        self._failing_since: float | None = None
        self._failures = 0
        self._reported_at: float | None = None

    def on_response(self, endpoint: str, status: int, seconds: float) -> None:
        if endpoint in _NOT_THE_API:
            return
        if status in (401, 403):
            api_log.error(
                "The Async Voice API refuses the key or version (HTTP %d on %s): check "
                "ASYNC_API_KEY and ASYNC_API_VERSION",
                status,
                endpoint,
                extra={"report_kind": SERVICE_MISCONFIGURED},
            )
        elif status >= 500:
            self._failed()
        else:
            self._answered()

    def on_retry(self, endpoint: str, reason: str) -> None:
        if endpoint not in _NOT_THE_API and reason in _CONNECTION_REASONS:
            self._failed()

    def unavailable_seconds(self) -> float:
        if self._failing_since is None:
            return 0.0
        return max(0.0, self._clock() - self._failing_since)

    def _failed(self) -> None:
        now = self._clock()
        if self._failing_since is None:
            self._failing_since = now
        self._failures += 1
        if now - self._failing_since < self.persist_seconds:
            return
        if self._reported_at is not None and now - self._reported_at < self.persist_seconds:
            return
        self._reported_at = now
        api_log.error(
            "The Async Voice API has failed for %d s without a success (%d failed calls)",
            now - self._failing_since,
            self._failures,
            extra={"report_kind": SERVICE_UNAVAILABLE},
        )

    def _answered(self) -> None:
        if self._reported_at is not None and self._failing_since is not None:
            api_log.warning(
                "The Async Voice API answers again after %d s", self._clock() - self._failing_since
            )
        self._failing_since = None
        self._failures = 0
        self._reported_at = None
