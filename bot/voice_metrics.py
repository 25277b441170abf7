"""Prometheus metrics of voice-channel playback. No label carries a user or a channel."""

from __future__ import annotations

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram


class VoiceMetrics:
    def __init__(self, registry: CollectorRegistry = REGISTRY) -> None:
        # Alerts use this exact name.
        self.queue_length = Gauge(
            "voicebot_voice_queue_length",
            "Utterances queued or playing in voice channels, all servers together",
            registry=registry,
        )
        self.first_packet_seconds = Histogram(
            "voicebot_voice_first_packet_seconds",
            "From the /say command to the first audio packet sent to the voice channel",
            buckets=(0.05, 0.1, 0.15, 0.25, 0.5, 1, 2, 5, 10, 30),
            registry=registry,
        )
        self.underruns = Counter(
            "voicebot_voice_underruns_total",
            "20 ms frames sent as silence because the speech had not arrived yet",
            registry=registry,
        )
        self.disconnects = Counter(
            "voicebot_voice_disconnects_total",
            "Voice connections closed, by websocket close code ('left' when the bot left)",
            ["code"],
            registry=registry,
        )
        self.failed_streams = Counter(
            "voicebot_voice_failed_streams_total",
            "Utterances whose speech stream failed part-way",
            registry=registry,
        )


VOICE_METRICS = VoiceMetrics()
