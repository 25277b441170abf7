"""Finding the speech in a decoded recording and shaping it into a clone sample.

An energy gate says *where* something is audible: frames of 30 ms that are loud relative to
the recording's loudest frames *and* above an absolute floor. Whether that is a voice at all
is the voice-activity model's call (:mod:`bot.audio.vad`, through :mod:`bot.audio.quality`),
which scales the seconds counted here. Everything here works on mono float32 in [-1, 1].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.errors import NoSpeech, TooShort

Samples = npt.NDArray[np.float32]
Mask = npt.NDArray[np.bool_]

FRAME_SECONDS = 0.03
#: Frames quieter than this are never speech (a quiet room is around -60 to -70 dBFS).
ABSOLUTE_FLOOR_DB = -55.0
#: Speech frames are within this much of the loud reference (vowels vs. soft consonants).
RELATIVE_RANGE_DB = 30.0
#: The loud reference is a high percentile of the non-silent frames, so one click can't set it.
LOUD_PERCENTILE = 98.0
#: Pauses this short belong to the speech around them (between words, before plosives).
GAP_FILL_SECONDS = 0.25
#: Bursts shorter than this are clicks and bumps, not speech.
MIN_BURST_SECONDS = 0.1
#: Speech rises and falls with every syllable; a sound whose loudness varies less than this
#: (standard deviation of the frame levels, in dB) is a tone, a hum or noise.
STEADY_SOUND_DB = 2.0
#: Silence kept before the first and after the last speech frame.
PAD_SECONDS = 0.15
#: How far back from the length limit to look for a quiet place to cut.
CUT_SEARCH_SECONDS = 2.0
FADE_SECONDS = 0.01
TARGET_RMS_DB = -20.0
PEAK_CEILING_DB = -1.0
#: Don't lift a whisper into a roar of noise.
MAX_GAIN_DB = 40.0
_EPSILON = 1e-12


def frame_length(sample_rate: int) -> int:
    return max(1, round(sample_rate * FRAME_SECONDS))


def frame_energies(samples: Samples, frame_len: int) -> npt.NDArray[np.float64]:
    """Mean square of every whole frame (a trailing partial frame is left out)."""
    count = len(samples) // frame_len
    frames = samples[: count * frame_len].reshape(count, frame_len).astype(np.float64)
    energies: npt.NDArray[np.float64] = np.einsum("ij,ij->i", frames, frames) / frame_len
    return energies


def to_db(energies: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return 10.0 * np.log10(energies + _EPSILON)


def speech_mask(energies_db: npt.NDArray[np.float64]) -> Mask:
    """Which frames are speech, gaps inside speech included."""
    audible = energies_db > ABSOLUTE_FLOOR_DB
    if not audible.any():
        return np.zeros(len(energies_db), dtype=np.bool_)
    loud = float(np.percentile(energies_db[audible], LOUD_PERCENTILE))
    mask = energies_db > max(ABSOLUTE_FLOOR_DB, loud - RELATIVE_RANGE_DB)
    mask = _fill_short_gaps(mask, round(GAP_FILL_SECONDS / FRAME_SECONDS))
    return _drop_short_runs(mask, round(MIN_BURST_SECONDS / FRAME_SECONDS))


def _runs(mask: Mask) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Start and end (exclusive) of every run of True."""
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def _ranges_mask(starts: npt.NDArray[np.intp], ends: npt.NDArray[np.intp], size: int) -> Mask:
    delta = np.zeros(size + 1, dtype=np.int32)
    np.add.at(delta, starts, 1)
    np.add.at(delta, ends, -1)
    return np.cumsum(delta[:size]) > 0


def _fill_short_gaps(mask: Mask, max_gap: int) -> Mask:
    starts, ends = _runs(mask)
    gap_starts, gap_ends = ends[:-1], starts[1:]
    short = (gap_ends - gap_starts) <= max_gap
    return mask | _ranges_mask(gap_starts[short], gap_ends[short], len(mask))


def _drop_short_runs(mask: Mask, min_run: int) -> Mask:
    starts, ends = _runs(mask)
    long_enough = (ends - starts) >= min_run
    return _ranges_mask(starts[long_enough], ends[long_enough], len(mask))


class SpeechMeter:
    """A running estimate while decoding of where the speech starts, so that a long recording
    can stop early: the sample never holds more than the first ``max_speech_seconds`` after it.

    The estimate uses the loudest frames heard so far; a louder passage later raises the final
    threshold a little (the speech can only start later), which the caller covers with a margin.
    """

    def __init__(self, sample_rate: int) -> None:
        self._frame_len = frame_length(sample_rate)
        self._rest: Samples = np.empty(0, dtype=np.float32)
        self._energies: list[npt.NDArray[np.float64]] = []
        self.loudest_db = -np.inf

    def feed(self, samples: Samples) -> None:
        joined = np.concatenate((self._rest, samples)) if len(self._rest) else samples
        whole = len(joined) - len(joined) % self._frame_len
        if whole:
            energies = frame_energies(joined[:whole], self._frame_len)
            self._energies.append(energies)
            self.loudest_db = max(self.loudest_db, float(to_db(energies).max()))
        self._rest = joined[whole:].copy()

    @property
    def heard_anything(self) -> bool:
        return bool(self.loudest_db > ABSOLUTE_FLOOR_DB)

    def seconds_since_speech(self) -> float:
        """Seconds measured since the first speech frame (0 before any speech)."""
        if not self._energies or not self.heard_anything:
            return 0.0
        mask = speech_mask(to_db(np.concatenate(self._energies)))
        speech = np.flatnonzero(mask)
        if len(speech) == 0:
            return 0.0
        return float(len(mask) - int(speech[0])) * FRAME_SECONDS


@dataclass(frozen=True)
class SpeechSample:
    """The part of a recording to send: trimmed, length-capped and level-normalised."""

    samples: Samples
    speech_seconds: float


def shape_sample(
    samples: Samples,
    sample_rate: int,
    *,
    min_speech_seconds: float,
    max_speech_seconds: float,
    speech_share: float = 1.0,
) -> SpeechSample:
    """Trim the silence around the speech, keep at most ``max_speech_seconds``, normalise.

    ``speech_share`` is the share of the audible frames that are a voice (the voice-activity
    model's verdict, :mod:`bot.audio.quality`): speech seconds count only that share.
    Raises :class:`NoSpeech` when no frame is speech and :class:`TooShort` when there is less
    than ``min_speech_seconds`` of it.
    """
    frame_len = frame_length(sample_rate)
    energies = frame_energies(samples, frame_len)
    energies_db = to_db(energies)
    mask = speech_mask(energies_db)
    speech_frames = np.flatnonzero(mask)
    if len(speech_frames) == 0:
        raise NoSpeech()
    if float(energies_db[mask].std()) < STEADY_SOUND_DB:
        raise NoSpeech(
            "I only heard a steady sound (a tone, a hum or noise), not speech. Record yourself "
            "talking clearly, close to the microphone, for 10 to 30 seconds."
        )
    _require_enough(len(speech_frames) * FRAME_SECONDS * speech_share, min_speech_seconds)

    pad = round(PAD_SECONDS * sample_rate)
    start = max(0, int(speech_frames[0]) * frame_len - pad)
    end = min(len(samples), (int(speech_frames[-1]) + 1) * frame_len + pad)
    end = _cap_end(energies, frame_len, start, end, round(max_speech_seconds * sample_rate))

    first_frame = start // frame_len
    last_frame = -(-end // frame_len)  # ceil: a partial frame at the cut still counts
    kept_mask = mask[first_frame:last_frame]
    speech_seconds = float(np.count_nonzero(kept_mask)) * FRAME_SECONDS * speech_share
    _require_enough(speech_seconds, min_speech_seconds)

    kept = samples[start:end].astype(np.float32, copy=True)
    _fade_edges(kept, round(FADE_SECONDS * sample_rate))
    speech_energy = float(energies[first_frame:last_frame][kept_mask].mean())
    return SpeechSample(normalise(kept, speech_energy), min(speech_seconds, max_speech_seconds))


def _require_enough(speech_seconds: float, min_speech_seconds: float) -> None:
    if speech_seconds < min_speech_seconds:
        raise TooShort(
            f"That recording has only about {speech_seconds:.1f} s of speech: at least "
            f"{min_speech_seconds:g} s are needed, 10 to 30 give the best clone. Record a longer "
            "message and try again.",
            key="error-speech-too-short",
            params={"seconds": speech_seconds, "min": min_speech_seconds},
        )


def _cap_end(
    energies: npt.NDArray[np.float64], frame_len: int, start: int, end: int, max_samples: int
) -> int:
    """Where to end a sample that may run past ``max_samples``: the quietest frame shortly
    before the limit, so the cut lands in a pause rather than mid-word."""
    limit = start + max_samples
    if end <= limit:
        return end
    search = max(1, round(CUT_SEARCH_SECONDS / FRAME_SECONDS))
    last_frame = limit // frame_len  # frames wholly before the limit
    first_frame = max(start // frame_len + 1, last_frame - search)
    if first_frame >= last_frame:
        return limit
    quietest = first_frame + int(np.argmin(energies[first_frame:last_frame]))
    return min(limit, quietest * frame_len + frame_len // 2)


def _fade_edges(samples: Samples, fade: int) -> None:
    fade = min(fade, len(samples) // 2)
    if fade <= 0:
        return
    ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
    samples[:fade] *= ramp
    samples[-fade:] *= ramp[::-1]


def normalise(samples: Samples, speech_energy: float) -> Samples:
    """Bring the speech to about ``TARGET_RMS_DB`` with the peak at most ``PEAK_CEILING_DB``.

    No limiter: when the peaks don't leave room, the level stays below the target rather than
    being distorted, which a voice clone would copy.
    """
    speech_rms_db = 10.0 * np.log10(speech_energy + _EPSILON)
    peak = float(np.abs(samples).max(initial=0.0))
    gain_db = min(TARGET_RMS_DB - speech_rms_db, MAX_GAIN_DB)
    if peak > 0.0:
        gain_db = min(gain_db, PEAK_CEILING_DB - 20.0 * np.log10(peak))
    gain = np.float32(10.0 ** (gain_db / 20.0))
    louder: Samples = np.clip(samples * gain, -1.0, 1.0).astype(np.float32, copy=False)
    return louder
