"""Where reports go when ``SENTRY_DSN`` is set: Sentry. It sees a
:class:`bot.observability.reports.Report`'s safe fields; Sentry's own events (its asyncio and
aiohttp integrations) are cut down to the same fields in ``before_send``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from bot.errors import BotError
from bot.observability.reports import (
    DATABASE_UNAVAILABLE,
    INTERNAL,
    REPORTED_KINDS,
    SERVICE_MISCONFIGURED,
    Report,
    Scrubber,
    is_database_unavailable,
)

log = logging.getLogger(__name__)


# --- Sentry ------------------------------------------------------------------------------
#: The parts of a Sentry event that may leave the host (after scrubbing). Everything else
#: (extra, which holds sys.argv; user; request headers and bodies; breadcrumbs; local
#: variables) is dropped.
_EVENT_KEYS = (
    "event_id",
    "timestamp",
    "level",
    "platform",
    "logger",
    "release",
    "environment",
    "server_name",
    "sdk",
    "fingerprint",
    "transaction",
)
#: Frames keep the code's own lines; not abs_path (a home folder names its owner) nor vars.
_FRAME_KEYS = (
    "filename",
    "module",
    "function",
    "lineno",
    "colno",
    "in_app",
    "context_line",
    "pre_context",
    "post_context",
)
_CONTEXT_KEYS = ("report", "runtime", "os", "trace")
_OWN_TAGS = frozenset({"kind", "logger", "reference", "platform", "command"})


class SentrySink:
    """Reports through sentry-sdk, with its aiohttp and asyncio integrations. Create it
    inside the running event loop so that the asyncio integration can hook in."""

    def __init__(
        self,
        dsn: str,
        scrubber: Scrubber,
        *,
        environment: str | None = None,
        release: str | None = None,
    ) -> None:
        import sentry_sdk
        from sentry_sdk.integrations.aiohttp import AioHttpIntegration
        from sentry_sdk.integrations.asyncio import AsyncioIntegration
        from sentry_sdk.integrations.logging import LoggingIntegration

        self._sentry = sentry_sdk
        self._scrubber = scrubber
        sentry_sdk.init(
            dsn=dsn,
            environment=environment,
            release=release,
            include_local_variables=False,
            max_request_body_size="never",
            max_breadcrumbs=0,
            before_breadcrumb=lambda crumb, hint: None,
            before_send=self.before_send,
            auto_enabling_integrations=False,
            integrations=[
                AioHttpIntegration(),
                AsyncioIntegration(),
                # Our ReportingHandler decides which records are reports, not Sentry.
                LoggingIntegration(level=None, event_level=None),
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
        clean: dict[str, Any] = {key: event[key] for key in _EVENT_KEYS if key in event}
        clean["tags"] = tags
        if isinstance(clean.get("transaction"), str):
            clean["transaction"] = self._scrubber.text(clean["transaction"], 200)
        contexts = event.get("contexts") or {}
        clean["contexts"] = {k: contexts[k] for k in _CONTEXT_KEYS if k in contexts}
        if "report" in clean["contexts"]:
            report = clean["contexts"]["report"]
            # The summary may hold formatted text; kind and location come from the code.
            clean["contexts"]["report"] = {
                k: str(v) if k in {"kind", "location"} else self._scrubber.text(str(v))
                for k, v in report.items()
                if v is not None
            }
        message = (event.get("logentry") or {}).get("message") or event.get("message")
        if isinstance(message, str):
            clean["logentry"] = {"message": self._scrubber.text(message)}
        if "exception" in event:
            clean["exception"] = {"values": [self._exception(v, tags) for v in _values(event)]}
        request = event.get("request")
        if isinstance(request, Mapping) and isinstance(request.get("url"), str):
            path = urlsplit(request["url"]).path
            clean["request"] = {
                "method": request.get("method"),
                "url": self._scrubber.url_path(path),
            }
        return clean

    def _exception(self, value: Mapping[str, Any], tags: Mapping[str, str]) -> dict[str, Any]:
        reference = tags.get("reference")
        where = f"the host's log, reference {reference}" if reference else "the host's log"
        out: dict[str, Any] = {
            "type": value.get("type"),
            "module": value.get("module"),
            # The message may quote a member's text or a voice's name: it stays in the log.
            "value": f"(details in {where})",
        }
        if "mechanism" in value:
            out["mechanism"] = value["mechanism"]
        frames = ((value.get("stacktrace") or {}).get("frames")) or []
        out["stacktrace"] = {
            "frames": [{k: frame[k] for k in _FRAME_KEYS if k in frame} for frame in frames]
        }
        return out

    def flush(self, timeout: float = 5.0) -> None:
        self._sentry.flush(timeout=timeout)

    def close(self, timeout: float = 5.0) -> None:
        self._sentry.get_client().close(timeout=timeout)


def _values(event: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    exception = event.get("exception") or {}
    values = exception.get("values") if isinstance(exception, Mapping) else exception
    return [v for v in values or [] if isinstance(v, Mapping)]
