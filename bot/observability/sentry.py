"""Where reports go when ``SENTRY_DSN`` is set: Sentry. It sees a
:class:`bot.observability.reports.Report`'s safe fields; Sentry's own events (its asyncio and
aiohttp integrations) are cut down the same way, by sentry-sdk's privacy options and
``before_send``; at most one event per distinct problem goes out per interval."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from bot.errors import BotError
from bot.observability.reports import (
    DATABASE_UNAVAILABLE,
    INTERNAL,
    REPORTED_KINDS,
    SERVICE_MISCONFIGURED,
    PerReportLimit,
    Report,
    is_database_unavailable,
)
from bot.observability.scrubbing import Scrubber

log = logging.getLogger(__name__)


#: Parts of an event that sentry-sdk's own options still fill: ``extra`` (free-form),
#: ``user`` and ``breadcrumbs`` (kept empty but present). A report needs none of them.
_DROPPED_KEYS = ("extra", "user", "breadcrumbs", "modules")
#: Frames keep the code's own lines; not abs_path (a home folder names its owner) nor vars.
_DROPPED_FRAME_KEYS = ("abs_path", "vars")
_OWN_TAGS = frozenset({"kind", "logger", "reference", "platform", "command"})
#: Keys sentry-sdk's EventScrubber blanks wherever they appear, besides its own list.
_DENYLIST = ["dsn", "webhook", "signing_secret", "database_url", "user_id"]


class SentrySink:
    """Reports through sentry-sdk, with its aiohttp and asyncio integrations. Create it
    inside the running event loop so that the asyncio integration can hook in.

    sentry-sdk's own privacy options do most of the work: no personal data
    (``send_default_pii`` off), no local variables, request bodies or breadcrumbs, its
    :class:`EventScrubber`, and none of the default integrations that send the command line
    (argv) or log records. ``before_send`` does the rest: it drops a member's own errors, puts
    message texts through the report :class:`Scrubber`, keeps only a request's method and
    path, and lets one event per distinct problem through per ``interval``."""

    def __init__(
        self,
        dsn: str,
        scrubber: Scrubber,
        *,
        environment: str | None = None,
        release: str | None = None,
        interval: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        import sentry_sdk
        from sentry_sdk.integrations.aiohttp import AioHttpIntegration
        from sentry_sdk.integrations.asyncio import AsyncioIntegration
        from sentry_sdk.integrations.atexit import AtexitIntegration
        from sentry_sdk.integrations.dedupe import DedupeIntegration
        from sentry_sdk.integrations.excepthook import ExcepthookIntegration
        from sentry_sdk.integrations.threading import ThreadingIntegration
        from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber

        self._sentry = sentry_sdk
        self._scrubber = scrubber
        self._limit = PerReportLimit(interval, clock)
        sentry_sdk.init(
            dsn=dsn,
            environment=environment,
            release=release,
            # send_default_pii stays off (its default: sentry-sdk 2.75 warns when it is passed
            # at all): no user, cookies, headers that carry data, or query strings.
            include_local_variables=False,
            max_request_body_size="never",
            event_scrubber=EventScrubber(denylist=[*DEFAULT_DENYLIST, *_DENYLIST], recursive=True),
            max_breadcrumbs=0,
            before_breadcrumb=lambda crumb, hint: None,
            before_send=self.before_send,
            # Not argv (a command line holds member ids and texts), nor logging: our
            # ReportingHandler decides which records are reports.
            default_integrations=False,
            auto_enabling_integrations=False,
            integrations=[
                AioHttpIntegration(),
                AsyncioIntegration(),
                AtexitIntegration(),
                DedupeIntegration(),
                ExcepthookIntegration(),
                ThreadingIntegration(),
            ],
        )
        # A second start in one process (tests) runs in another loop: hook that one too.
        # (sentry-sdk has had enable_asyncio_integration since early 2026.)
        try:
            from sentry_sdk.integrations.asyncio import enable_asyncio_integration
        except ImportError:  # pragma: no cover - an older sentry-sdk hooks only the first loop
            return
        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop()
            enable_asyncio_integration()

    def submit(self, report: Report) -> None:
        with self._sentry.new_scope() as scope:
            scope.set_tag("kind", report.kind)
            scope.set_tag("logger", report.logger)
            for name in ("reference", "platform", "command"):
                value = getattr(report, name)
                if value:
                    scope.set_tag(name, value)
            scope.fingerprint = [report.kind, report.fingerprint]
            scope.set_context(
                "report",
                {"summary": report.summary, "location": report.location, "kind": report.kind},
            )
            if report.exc_info is not None:
                self._sentry.capture_exception(report.exc_info)
            else:
                self._sentry.capture_message(report.summary, level="error")

    def before_send(self, event: Any, hint: Mapping[str, Any] | None) -> Any:
        exc_info = (hint or {}).get("exc_info")
        exc = exc_info[1] if exc_info else None
        if isinstance(exc, BotError) and exc.code not in {INTERNAL, SERVICE_MISCONFIGURED}:
            return None  # a member's own error never leaves the host
        # Our own tags come from the code; any other tag is scrubbed like a text.
        tags = {
            str(k): str(v) if k in _OWN_TAGS else self._scrubber.text(str(v), 200)
            for k, v in (event.get("tags") or {}).items()
        }
        if tags.get("kind") not in REPORTED_KINDS:
            # An integration's own event: an exception that escaped a task or a handler.
            tags["kind"] = DATABASE_UNAVAILABLE if is_database_unavailable(exc) else INTERNAL
        if not self._limit.allow(_problem(event, tags["kind"])):
            return None
        event["tags"] = tags
        for key in _DROPPED_KEYS:
            event.pop(key, None)
        if isinstance(event.get("transaction"), str):
            event["transaction"] = self._scrubber.text(event["transaction"], 200)
        report = (event.get("contexts") or {}).get("report")
        if isinstance(report, Mapping):
            # The summary may hold formatted text; kind and location come from the code.
            event["contexts"]["report"] = {
                k: str(v) if k in {"kind", "location"} else self._scrubber.text(str(v))
                for k, v in report.items()
                if v is not None
            }
        message = (event.get("logentry") or {}).get("message") or event.get("message")
        event.pop("message", None)
        event.pop("logentry", None)
        if isinstance(message, str):
            event["logentry"] = {"message": self._scrubber.text(message)}
        for value in _values(event):
            _hide_exception(value, tags.get("reference"))
        request = event.pop("request", None)
        if isinstance(request, Mapping) and isinstance(request.get("url"), str):
            path = urlsplit(request["url"]).path
            event["request"] = {
                "method": request.get("method"),
                "url": self._scrubber.url_path(path),
            }
        return event

    def flush(self, timeout: float = 5.0) -> None:
        self._sentry.flush(timeout=timeout)

    def close(self, timeout: float = 5.0) -> None:
        self._sentry.get_client().close(timeout=timeout)


def _values(event: Mapping[str, Any]) -> list[dict[str, Any]]:
    exception = event.get("exception") or {}
    values = exception.get("values") if isinstance(exception, Mapping) else exception
    return [v for v in values or [] if isinstance(v, dict)]


def _hide_exception(value: dict[str, Any], reference: str | None) -> None:
    """The message may quote a member's text or a voice's name: it stays in the host's log."""
    where = f"the host's log, reference {reference}" if reference else "the host's log"
    value["value"] = f"(details in {where})"
    # An exception that was chained but never raised has no frames: say so the same way.
    stacktrace = value.setdefault("stacktrace", {"frames": []})
    for frame in stacktrace.get("frames") or []:
        for key in _DROPPED_FRAME_KEYS:
            frame.pop(key, None)


def _problem(event: Mapping[str, Any], kind: str) -> str:
    """Which distinct problem an event is: an exception is its types and where the innermost
    was raised, whoever captured it (an integration, or our handler from the log record the
    same failure wrote); a message is our report's fingerprint."""
    values = _values(event)
    if not values:
        fingerprint = event.get("fingerprint") or []
        return "\x1f".join([kind, *(str(part) for part in fingerprint)])
    parts = [kind]
    for value in values:
        frames = (value.get("stacktrace") or {}).get("frames") or [{}]
        last = frames[-1]
        parts.append(f"{value.get('type')}@{last.get('module')}:{last.get('lineno')}")
    return "\x1f".join(parts)
