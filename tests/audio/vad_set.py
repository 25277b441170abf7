"""A small labelled set for the voice-activity detector: speech against sounds that are not.

Speech comes from the committed espeak-ng fixtures in tests/fixtures/audio/vad/ (five voices,
three languages), put at several levels and mixed with noise or hum. The non-speech sounds are
made here with numpy from a fixed seed: noise of three colours, hum, tones, sweeps, beeps,
DTMF, chords, a melody, clicks, silence. Everything is mono float32 at 16 kHz, about 7 s long,
and the same on every run. Used by tests/audio/test_audio_vad.py and by ``make bench``.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt

RATE = 16000
SECONDS = 7.0
VAD_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "audio" / "vad"

Signal = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Clip:
    name: str
    samples: Signal
    is_speech: bool


def _load(path: Path) -> Signal:
    with av.open(io.BytesIO(path.read_bytes())) as container:
        frames = [f.to_ndarray().reshape(-1) for f in container.decode(audio=0)]
    pcm = np.concatenate(frames)
    return (pcm.astype(np.float32) / 32768.0) if pcm.dtype == np.int16 else pcm.astype(np.float32)


def _fit(samples: npt.NDArray[np.float64] | Signal, lead: float = 0.5) -> Signal:
    """Half a second of silence first, then the sound, cut or padded to SECONDS."""
    out = np.zeros(int(SECONDS * RATE), dtype=np.float32)
    start = int(lead * RATE)
    body = np.asarray(samples, dtype=np.float32)[: len(out) - start]
    out[start : start + len(body)] = body
    return out


def _at_rms_db(samples: Signal, rms_db: float) -> Signal:
    active = samples[np.abs(samples) > 1e-4]
    rms = float(np.sqrt(np.mean(active.astype(np.float64) ** 2))) if len(active) else 0.0
    if rms == 0.0:
        return samples
    scaled = samples * np.float32(10 ** (rms_db / 20) / rms)
    return np.clip(scaled, -1.0, 1.0).astype(np.float32)


def _pink(rng: np.random.Generator, n: int) -> npt.NDArray[np.float64]:
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n)
    freqs[0] = freqs[1]
    pink = np.fft.irfft(spectrum / np.sqrt(freqs), n)
    return pink / np.abs(pink).max()


def _tone(freqs: tuple[float, ...], t: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return sum((np.sin(2 * np.pi * f * t) for f in freqs), np.zeros_like(t)) / len(freqs)


def _note(f0: float, t: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """A plucked, piano-like note: harmonics with a decaying envelope."""
    harmonics = sum(np.sin(2 * np.pi * f0 * k * t) / k**1.5 for k in range(1, 8))
    return harmonics * np.exp(-3.0 * t)


def non_speech(rng: np.random.Generator) -> dict[str, npt.NDArray[np.float64]]:
    n = int(SECONDS * RATE)
    t = np.arange(n) / RATE
    half = (t * 2) % 1.0
    white = rng.standard_normal(n)
    brown = np.cumsum(rng.standard_normal(n))
    brown = (brown - np.convolve(brown, np.ones(801) / 801, mode="same")) / 30
    notes = (261.6, 293.7, 329.6, 349.2, 392.0, 440.0, 493.9, 523.3)
    melody = np.concatenate(
        [_note(notes[i % 8], np.arange(int(0.35 * RATE)) / RATE) for i in rng.permutation(20)]
    )
    chords = np.concatenate(
        [
            sum(_note(f, np.arange(RATE) / RATE) for f in chord)
            for chord in [(261.6, 329.6, 392.0), (220.0, 261.6, 329.6), (174.6, 220.0, 261.6)] * 3
        ]
    )
    dtmf_pairs = [(697, 1209), (770, 1336), (852, 1477), (941, 1336), (697, 1477)]
    dtmf = np.concatenate(
        [
            np.concatenate([_tone(p, np.arange(int(0.2 * RATE)) / RATE), np.zeros(RATE // 10)])
            for p in dtmf_pairs * 4
        ]
    )
    clicks = np.zeros(n)
    clicks[rng.integers(0, n, 40)] = 1.0
    clicks = np.convolve(clicks, np.hanning(64), mode="same")
    # 850 random bytes read as PCM and held at 1 Hz, as a 1 Hz WAV plays: long random steps.
    steps = np.repeat(rng.uniform(-1, 1, 16), RATE // 2)
    return {
        "white_noise": white,
        "pink_noise": _pink(rng, n),
        "brown_noise": brown,
        "hum_50hz": _tone((50.0, 100.0, 150.0, 250.0), t),
        "tone_440": np.sin(2 * np.pi * 440 * t),
        "tone_1k": np.sin(2 * np.pi * 1000 * t),
        "sweep": np.sin(2 * np.pi * (100 * t + 250 * t**2)),
        "beeps_sine": np.sin(2 * np.pi * 880 * t) * (half < 0.3),
        "beeps_square": np.sign(np.sin(2 * np.pi * 800 * t)) * (half < 0.3),
        "dtmf": dtmf,
        "chords": chords,
        "melody": melody,
        "clicks": clicks,
        "random_steps": steps,
        "room_silence": white * 1e-4,
        "digital_silence": np.zeros(n),
    }


def labelled_set() -> list[Clip]:
    """About 90 clips: speech at three levels, clean and with noise or hum; non-speech at two."""
    rng = np.random.default_rng(20261201)
    clips: list[Clip] = []
    n = int(SECONDS * RATE)
    for path in sorted(VAD_DIR.glob("speech_*.flac")):
        voice = _fit(_load(path))
        for level in (-16.0, -28.0, -40.0):
            speech = _at_rms_db(voice, level)
            clips.append(Clip(f"{path.stem}@{level:g}dB", speech, True))
            for noise_name, noise, snr in (
                ("white", rng.standard_normal(n), 20.0),
                ("pink", _pink(rng, n), 10.0),
                ("hum", _tone((50.0, 150.0), np.arange(n) / RATE), 10.0),
            ):
                mixed = speech + _at_rms_db(_fit(noise, lead=0.0), level - snr)
                clips.append(
                    Clip(f"{path.stem}@{level:g}dB+{noise_name}{snr:g}", _clip(mixed), True)
                )
    for name, sound in non_speech(rng).items():
        for level in (-12.0, -30.0):
            fitted = _fit(sound, lead=0.0)
            if name.endswith("silence"):
                clips.append(Clip(f"{name}", fitted, False))
                break
            clips.append(Clip(f"{name}@{level:g}dB", _at_rms_db(fitted, level), False))
    return clips


def _clip(samples: Signal) -> Signal:
    return np.clip(samples, -1.0, 1.0).astype(np.float32)


def as_wav(samples: Signal) -> bytes:
    """A clip as a 16 kHz PCM16 WAV file, the way a member would send it."""
    pcm = np.rint(np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


@dataclass(frozen=True)
class Scores:
    true_positives: int
    false_positives: int
    true_negatives: int
    false_negatives: int
    #: (clip, outcome code or "ok") of every clip judged wrongly.
    mistakes: list[tuple[str, str]]

    @property
    def precision(self) -> float:
        accepted = self.true_positives + self.false_positives
        return self.true_positives / accepted if accepted else 1.0

    @property
    def recall(self) -> float:
        speech = self.true_positives + self.false_negatives
        return self.true_positives / speech if speech else 1.0


def score(outcomes: dict[str, str], clips: list[Clip]) -> Scores:
    """``outcomes`` maps clip names to "ok" (would be cloned) or the refusal code. A speech clip
    is found when it is cloned or refused only for its quality (it was heard as a voice)."""
    tp = fp = tn = fn = 0
    mistakes: list[tuple[str, str]] = []
    for clip in clips:
        outcome = outcomes[clip.name]
        heard_voice = outcome in ("ok", "bad_quality")
        if clip.is_speech and heard_voice:
            tp += 1
        elif clip.is_speech:
            fn += 1
            mistakes.append((clip.name, outcome))
        elif outcome == "ok":
            fp += 1
            mistakes.append((clip.name, outcome))
        else:
            tn += 1
    return Scores(tp, fp, tn, fn, mistakes)
