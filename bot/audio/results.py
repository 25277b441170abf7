"""What the audio workers hand back: plain data, cheap to import in the bot's process.

The bot's own process never imports numpy or PyAV (only its workers do), so the results that
cross the process boundary are defined here, away from the pipeline that makes them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConvertedAudio:
    """The clone sample, ready to upload."""

    data: bytes
    content_type: str
    filename: str
    speech_seconds: float
    duration_seconds: float
    sample_rate: int
    #: The container FFmpeg read: ``"ogg"``, ``"matroska,webm"``, ``"mov,mp4,m4a,3gp,3g2,mj2"``...
    input_format: str
    sha256: str
    #: One short tip for a better clone when the recording is weak (noisy, quiet, clipped).
    quality_tip: str | None = None


@dataclass(frozen=True)
class VoiceMessageAudio:
    """An attachment Discord shows as a voice message (flag 8192)."""

    ogg: bytes
    duration_secs: float
    #: base64 of up to 256 bytes, each the clip's amplitude (0-255) at that point.
    waveform: str
