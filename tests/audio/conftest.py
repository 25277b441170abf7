"""Fixtures of the audio tests (the helpers they use are in audio_samples.py)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.audio.limits import AudioLimits
from tests.audio.audio_samples import speech_pcm, wav_bytes


@pytest.fixture
def limits() -> AudioLimits:
    return AudioLimits()


@pytest.fixture(scope="session")
def ten_minutes_of_speech() -> bytes:
    """speech.wav tiled 80 times: about 9 minutes 12 s, 23 MB of WAV (under the 25 MB cap)."""
    pcm, rate = speech_pcm()
    return wav_bytes(np.tile(pcm, 80), rate)
