"""Start-up wiring for logs, error reports and the API health watch: one call,
:func:`setup_observability`, from the composition root (inside the running event loop, so
that Sentry's asyncio integration can hook in)."""

from __future__ import annotations

import atexit
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import SecretStr

from bot.app.database_url import passwords_in
from bot.app.settings import Settings
from bot.observability.logs import use_log_format
from bot.observability.metrics import METRICS
from bot.observability.reports import ApiHealthWatcher, ReportingHandler, ReportSink
from bot.observability.scrubbing import Scrubber
from bot.observability.sentry import SentrySink
from bot.observability.webhook import WebhookSink

log = logging.getLogger(__name__)


@dataclass
class Observability:
    handler: ReportingHandler
    watcher: ApiHealthWatcher
    sentry: SentrySink | None = None
    webhook: WebhookSink | None = None
    sinks: list[ReportSink] = field(default_factory=list)
    closed: bool = False

    def flush(self, timeout: float = 5.0) -> None:
        if self.webhook is not None:
            self.webhook.flush(timeout)
        if self.sentry is not None:
            self.sentry.flush(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Idempotent: sends what is queued (bounded by ``timeout``), then stops."""
        if self.closed:
            return
        self.closed = True
        logging.getLogger().removeHandler(self.handler)
        if self.watcher in METRICS.api_listeners:
            METRICS.api_listeners.remove(self.watcher)
            METRICS.api_unavailable_seconds.set_function(lambda: 0.0)
        if self.webhook is not None:
            self.webhook.close(timeout)
        if self.sentry is not None:
            self.sentry.close(timeout)


_active: Observability | None = None


def secrets_of(settings: Settings) -> Iterator[str]:
    """Every value a report must never contain: each secret setting, the database URL and
    its password."""
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            yield value.get_secret_value()
    yield settings.database_url
    yield from passwords_in(settings.database_url)


def setup_observability(settings: Settings, *, command: str = "run") -> Observability:
    """Log format, the reporting handler and its sinks (Sentry, webhook), and the watch on the
    API's health. Calling it again replaces what an earlier call set up."""
    global _active
    if _active is not None:
        _active.close()
    use_log_format(settings.log_format)
    scrubber = Scrubber(secrets_of(settings))
    sinks: list[ReportSink] = []
    sentry: SentrySink | None = None
    webhook: WebhookSink | None = None
    if settings.sentry_dsn is not None:
        sentry = SentrySink(
            settings.sentry_dsn.get_secret_value(),
            scrubber,
            environment=settings.sentry_environment,
            interval=settings.error_report_interval_seconds,
        )
        sinks.append(sentry)
    if settings.error_webhook_url is not None:
        webhook = WebhookSink(
            settings.error_webhook_url.get_secret_value(),
            interval=settings.error_report_interval_seconds,
        )
        sinks.append(webhook)
    handler = ReportingHandler(sinks, scrubber)
    logging.getLogger().addHandler(handler)
    watcher = ApiHealthWatcher(settings.api_unavailable_report_seconds)
    METRICS.api_listeners.append(watcher)
    METRICS.api_unavailable_seconds.set_function(watcher.unavailable_seconds)
    _active = Observability(handler, watcher, sentry, webhook, sinks)
    if sinks:
        log.debug(
            "error reports (%s): %s",
            command,
            ", ".join(type(sink).__name__ for sink in sinks),
        )
    return _active


@atexit.register
def shutdown_observability(timeout: float = 3.0) -> None:
    """Send what is queued and stop reporting (also runs at exit)."""
    global _active
    if _active is not None:
        _active.close(timeout=timeout)
        _active = None
