"""Turning audio (the MP3 from text-to-speech) into a Discord voice message."""

from __future__ import annotations

import base64

import numpy as np

from bot.audio.decode import decode_mono
from bot.audio.encode import encode_ogg_opus
from bot.audio.limits import AudioLimits
from bot.audio.results import VoiceMessageAudio
from bot.audio.sniff import non_audio_kind
from bot.audio.speech import Samples
from bot.errors import NotAudio

#: What Discord's own clients record: Opus in Ogg, mono, 48 kHz, ~32 kbps.
VOICE_SAMPLE_RATE = 48000
VOICE_BIT_RATE = 32000
#: Discord draws at most 256 bars; its clients sample about ten per second.
WAVEFORM_MAX_POINTS = 256
WAVEFORM_POINTS_PER_SECOND = 10


def voice_message_sync(audio: bytes, limits: AudioLimits) -> VoiceMessageAudio:
    """CPU-bound: decode any audio and re-encode it as a voice message. Raises
    :class:`NotAudio` and :class:`bot.errors.TooLarge`."""
    if non_audio_kind(audio) is not None:
        raise NotAudio()
    decoded = decode_mono(audio, sample_rate=VOICE_SAMPLE_RATE, limits=limits)
    samples = decoded.samples
    return VoiceMessageAudio(
        ogg=encode_ogg_opus(samples, VOICE_SAMPLE_RATE, bit_rate=VOICE_BIT_RATE),
        duration_secs=round(len(samples) / VOICE_SAMPLE_RATE, 3),
        waveform=waveform(samples, VOICE_SAMPLE_RATE),
    )


def waveform(samples: Samples, sample_rate: int) -> str:
    """Peak amplitude per slice of the clip, scaled so the loudest slice is 255, base64."""
    if len(samples) == 0:
        return ""
    seconds = len(samples) / sample_rate
    points = int(min(WAVEFORM_MAX_POINTS, max(1, round(seconds * WAVEFORM_POINTS_PER_SECOND))))
    points = min(points, len(samples))
    starts = np.linspace(0, len(samples), points, endpoint=False).astype(np.intp)
    peaks = np.maximum.reduceat(np.abs(samples), starts)
    loudest = float(peaks.max())
    if loudest <= 0.0:
        scaled = np.zeros(points, dtype=np.uint8)
    else:
        scaled = np.rint(peaks / loudest * 255.0).astype(np.uint8)
    return base64.b64encode(scaled.tobytes()).decode("ascii")
