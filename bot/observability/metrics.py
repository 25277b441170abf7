"""Prometheus metrics. No label carries a user id, a voice id or anything secret."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram


class ApiListener(Protocol):
    """Something else that watches the API calls (the reports' API health watcher)."""

    def on_response(self, endpoint: str, status: int, seconds: float) -> None: ...

    def on_retry(self, endpoint: str, reason: str) -> None: ...


@dataclass
class Metrics:
    registry: CollectorRegistry = field(default_factory=lambda: REGISTRY)
    #: Told about every API response and retry after the metrics are updated.
    api_listeners: list[ApiListener] = field(default_factory=list)

    def __post_init__(self) -> None:
        r = self.registry
        self.clones = Counter(
            "voicebot_clones_total",
            "Clone requests by outcome code ('ok' or an error code)",
            ["outcome"],
            registry=r,
        )
        self.conversion_seconds = Histogram(
            "voicebot_conversion_seconds",
            "Audio conversion time",
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30),
            registry=r,
        )
        self.api_seconds = Histogram(
            "voicebot_api_request_seconds",
            "Async Voice API latency by endpoint and status",
            ["endpoint", "status"],
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
            registry=r,
        )
        self.api_retries = Counter(
            "voicebot_api_retries_total",
            "Async Voice API retries by endpoint and reason",
            ["endpoint", "reason"],
            registry=r,
        )
        self.queue_depth = Gauge(
            "voicebot_clone_queue_depth", "Clones waiting for a free slot", registry=r
        )
        self.active_clones = Gauge("voicebot_clones_active", "Clones running now", registry=r)
        self.rejections = Counter(
            "voicebot_clone_rejections_total",
            "Clones refused because the queue was full",
            registry=r,
        )
        self.loop_lag = Histogram(
            "voicebot_event_loop_lag_seconds",
            "How late the event loop runs a timer",
            buckets=(0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1),
            registry=r,
        )

        # Voice channels (alerts use this exact name). No label carries a user or a channel.
        self.voice_queue_length = Gauge(
            "voicebot_voice_queue_length",
            "Utterances queued or playing in voice channels, all servers together",
            registry=r,
        )
        self.voice_first_packet_seconds = Histogram(
            "voicebot_voice_first_packet_seconds",
            "From the /say command to the first audio packet sent to the voice channel",
            buckets=(0.05, 0.1, 0.15, 0.25, 0.5, 1, 2, 5, 10, 30),
            registry=r,
        )
        self.voice_underruns = Counter(
            "voicebot_voice_underruns_total",
            "20 ms frames sent as silence because the speech had not arrived yet",
            registry=r,
        )
        self.voice_disconnects = Counter(
            "voicebot_voice_disconnects_total",
            "Voice connections closed, by websocket close code ('left' when the bot left)",
            ["code"],
            registry=r,
        )
        self.voice_failed_streams = Counter(
            "voicebot_voice_failed_streams_total",
            "Utterances whose speech stream failed part-way",
            registry=r,
        )
        self.requests_overdue = Gauge(
            "voicebot_clone_requests_overdue",
            "Clone requests still running past their lease after a reconciler round",
            registry=r,
        )
        self.api_unavailable_seconds = Gauge(
            "voicebot_api_unavailable_seconds",
            "How long the Async Voice API has failed without a single success (0 when fine)",
            registry=r,
        )
        self.errors_reported = Counter(
            "voicebot_errors_reported_total",
            "Unexpected errors and operator problems reported, by kind",
            ["kind"],
            registry=r,
        )

    # ApiObserver ------------------------------------------------------------------------
    def on_response(self, endpoint: str, status: int, seconds: float) -> None:
        self.api_seconds.labels(endpoint=endpoint, status=str(status)).observe(seconds)
        for listener in self.api_listeners:
            listener.on_response(endpoint, status, seconds)

    def on_retry(self, endpoint: str, reason: str) -> None:
        self.api_retries.labels(endpoint=endpoint, reason=reason).inc()
        for listener in self.api_listeners:
            listener.on_retry(endpoint, reason)


METRICS = Metrics()
