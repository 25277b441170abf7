"""Where reports go when ``ERROR_WEBHOOK_URL`` is set: a Discord or Slack incoming webhook.
It only ever sees a :class:`bot.observability.reports.Report`'s safe fields."""

from __future__ import annotations

import json
import logging
import queue
import time
import urllib.error
import urllib.request
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from logging.handlers import QueueHandler, QueueListener
from typing import Any
from urllib.parse import urlsplit

from bot.observability.reports import Report

log = logging.getLogger(__name__)


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
    sent together every ``interval`` seconds (TTS Bot's way). Sending happens on the thread of
    a :class:`logging.handlers.QueueListener`: :meth:`submit` only queues (through a
    :class:`~logging.handlers.QueueHandler`), so the event loop never waits for the webhook."""

    def __init__(
        self,
        url: str,
        *,
        interval: float = 600.0,
        post: Post | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = interval
        self._queue: queue.Queue[logging.LogRecord | None] = queue.Queue()
        self._enqueue = QueueHandler(self._queue)
        self._sender = _Sender(url, interval, post or _post_json(url), clock)
        self._listener = _CountingListener(self._queue, self._sender)
        self._listener.start()
        self._closed = False

    # --- called from anywhere ---------------------------------------------------------
    def submit(self, report: Report) -> None:
        self._put(report=report)

    def send_counts(self) -> None:
        """Send the repeat counts now instead of at the next interval."""
        self._put(webhook_command="counts")

    def tick(self) -> None:
        """Look at the clock now (the listener also does when ``interval`` has passed)."""
        self._put(webhook_command="tick")

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything queued so far has been sent; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._queue.all_tasks_done:
            while self._queue.unfinished_tasks:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._queue.all_tasks_done.wait(left)
        return True

    def close(self, timeout: float = 10.0) -> None:
        if self._closed:
            return
        self._closed = True
        self.send_counts()
        if self.flush(timeout):
            self._listener.stop()
        else:
            self._listener.enqueue_sentinel()  # a hung webhook: the daemon thread is left

    def _put(self, **fields: object) -> None:
        # The report rides on a record of its own: the QueueHandler never formats a message
        # with a member's data in it, there is none.
        self._enqueue.handle(logging.makeLogRecord({"msg": "webhook", **fields}))


class _CountingListener(QueueListener):
    """A QueueListener that also wakes when the repeat counts are due."""

    def __init__(self, records: queue.Queue[logging.LogRecord | None], sender: _Sender) -> None:
        super().__init__(records, sender)
        self._sender = sender

    def dequeue(self, block: bool) -> logging.LogRecord:
        # The listener's stop sentinel (None) passes through as it is.
        records: queue.Queue[logging.LogRecord] = self.queue  # type: ignore[assignment]
        try:
            return records.get(block, timeout=max(0.001, self._sender.seconds_to_counts()))
        except queue.Empty:
            # Through the queue, so that its count of unfinished work stays right.
            records.put_nowait(logging.makeLogRecord({"msg": "webhook", "webhook_command": "tick"}))
            return records.get()


class _Sender(logging.Handler):
    """On the listener's thread: counts repeats and posts."""

    MAX_DISTINCT = 500

    def __init__(self, url: str, interval: float, post: Post, clock: Callable[[], float]) -> None:
        super().__init__()
        self._url = url
        self.interval = interval
        self._post = post
        self._clock = clock
        self._seen: OrderedDict[str, _Seen] = OrderedDict()
        self._next_count = clock() + interval

    def seconds_to_counts(self) -> float:
        return self._next_count - self._clock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            report = getattr(record, "report", None)
            command = getattr(record, "webhook_command", None)
            if isinstance(report, Report):
                self._handle(report)
            elif command == "counts":
                self._send_counts()
            if self._clock() >= self._next_count:
                self._send_counts()
        except Exception:
            log.warning("error webhook: a report was not sent", exc_info=True)

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
