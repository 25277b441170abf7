"""Where reports go: Sentry (``SENTRY_DSN``) and a Discord or Slack webhook
(``ERROR_WEBHOOK_URL``). Both only ever see a :class:`bot.reporting.Report`'s safe fields;
Sentry's own events (its asyncio and aiohttp integrations) are cut down to the same fields
in ``before_send``."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import queue
import threading
import time
import urllib.error
import urllib.request
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.errors import BotError
from bot.reporting import (
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


# --- a Discord or Slack webhook ----------------------------------------------------------
Post = Callable[[dict[str, Any]], None]


@dataclass(slots=True)
class _Seen:
    report: Report
    #: Occurrences since the last count was sent.
    repeats: int = 0
    total: int = 1
    latest_reference: str | None = None


def webhook_payload(url: str, text: str) -> dict[str, Any]:
    """Discord wants ``content`` (and must not ping anyone), Slack wants ``text``."""
    host = (urlsplit(url).hostname or "").lower()
    if host.endswith(("discord.com", "discordapp.com")):
        return {"content": text[:1900], "allowed_mentions": {"parse": []}}
    if host.endswith("slack.com"):
        return {"text": text[:3000]}
    return {"text": text[:1900], "content": text[:1900], "allowed_mentions": {"parse": []}}


def _post_json(url: str, timeout: float = 10.0) -> Post:
    def post(payload: dict[str, Any]) -> None:
        request = urllib.request.Request(
            url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "User-Agent": "voicebot-reports"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            log.warning("error webhook answered HTTP %d", exc.code)
        except (OSError, ValueError) as exc:
            # Never the URL: a webhook URL is a secret.
            log.warning("error webhook unreachable: %s", type(exc).__name__)

    return post


class WebhookSink:
    """The first occurrence of each distinct error goes out at once; repeats are counted and
    sent together every ``interval`` seconds (TTS Bot's way). Sending happens on a thread of
    its own: :meth:`submit` only queues, so the event loop never waits for the webhook."""

    MAX_DISTINCT = 500

    def __init__(
        self,
        url: str,
        *,
        interval: float = 600.0,
        post: Post | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._url = url
        self.interval = interval
        self._post = post or _post_json(url)
        self._clock = clock
        self._queue: queue.SimpleQueue[Report | str] = queue.SimpleQueue()
        self._seen: OrderedDict[str, _Seen] = OrderedDict()
        self._next_count = clock() + interval
        self._idle = threading.Condition()
        self._pending = 0
        self._thread = threading.Thread(target=self._run, name="error-webhook", daemon=True)
        self._thread.start()

    # --- called from anywhere ---------------------------------------------------------
    def submit(self, report: Report) -> None:
        self._put(report)

    def send_counts(self) -> None:
        """Send the repeat counts now instead of at the next interval."""
        self._put("counts")

    def tick(self) -> None:
        """Look at the clock now (the thread also does when ``interval`` has passed)."""
        self._put("tick")

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far has been sent; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    def close(self, timeout: float = 10.0) -> None:
        self.send_counts()
        self._put("stop")
        self.flush(timeout)
        self._thread.join(timeout)

    def _put(self, item: Report | str) -> None:
        with self._idle:
            self._pending += 1
        self._queue.put(item)

    # --- the sending thread -----------------------------------------------------------
    def _run(self) -> None:
        while True:
            item: Report | str | None = None
            wait = self._next_count - self._clock()
            if wait > 0:
                try:
                    item = self._queue.get(timeout=wait)
                except queue.Empty:
                    item = None
            try:
                if isinstance(item, Report):
                    self._handle(item)
                elif item == "counts":
                    self._send_counts()
                if self._clock() >= self._next_count:
                    self._send_counts()
            except Exception:
                log.warning("error webhook: a report was not sent", exc_info=True)
            finally:
                if item is not None:
                    with self._idle:
                        self._pending -= 1
                        self._idle.notify_all()
            if item == "stop":
                return

    def _handle(self, report: Report) -> None:
        seen = self._seen.get(report.fingerprint)
        if seen is not None:
            seen.repeats += 1
            seen.total += 1
            seen.latest_reference = report.reference or seen.latest_reference
            self._seen.move_to_end(report.fingerprint)
            return
        self._seen[report.fingerprint] = _Seen(report, latest_reference=report.reference)
        while len(self._seen) > self.MAX_DISTINCT:
            self._seen.popitem(last=False)
        self._post(webhook_payload(self._url, first_text(report, self.interval)))

    def _send_counts(self) -> None:
        self._next_count = self._clock() + self.interval
        lines = [count_line(seen) for seen in self._seen.values() if seen.repeats]
        for seen in self._seen.values():
            seen.repeats = 0
        if lines:
            minutes = max(1, round(self.interval / 60))
            header = f"Repeats in the last {minutes} min:"
            self._post(webhook_payload(self._url, "\n".join([header, *lines])))


def first_text(report: Report, interval: float) -> str:
    lines = [f"New error: **{report.kind}**" + _reference(report.reference)]
    lines.append(f"`{report.summary}`")
    detail = [
        part
        for part in (
            report.exc_type and f"{report.exc_type}",
            report.location and f"at {report.location}",
            f"logger {report.logger}",
            report.platform and f"platform {report.platform}",
            report.command and f"command {report.command}",
        )
        if part
    ]
    lines.append(" · ".join(detail))
    minutes = max(1, round(interval / 60))
    lines.append(f"Repeats are counted and sent every {minutes} min.")
    return "\n".join(lines)


def count_line(seen: _Seen) -> str:
    times = "time" if seen.repeats == 1 else "times"
    return (
        f"• {seen.report.headline()}: {seen.repeats} more {times} ({seen.total} in all)"
        + _reference(seen.latest_reference, "latest ")
    )


def _reference(reference: str | None, prefix: str = "") -> str:
    return f" ({prefix}reference `{reference}`)" if reference else ""
