"""Before the API sees a recording: is there a voice, and is the recording good enough to clone?

Three measures on the decoded audio, before it is levelled: how much of the speech is clipped
(flattened at full scale), how loud the speech is, and how far it stands above the noise floor
(the quiet frames between words). A hopeless recording is refused here as ``bad_quality``
with what to change; a weak one is cloned, and the result carries one short tip.

Thresholds sit well away from the fixtures: espeak-ng speech from -16 to -40 dBFS with noise
10 dB under it is cloned; only speech under -54 dBFS (barely above the gate's floor), noise
about as loud as the voice, or speech clipped for more than 2 % of its samples is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.audio import vad
from bot.audio.decode import resample_mono
from bot.audio.speech import (
    FRAME_SECONDS,
    Samples,
    frame_energies,
    frame_length,
    speech_mask,
    to_db,
)
from bot.errors import BadQuality, NoSpeech

#: Below this share of Silero-confirmed windows, what the energy gate heard is not a voice.
MIN_SPEECH_SHARE = 0.25
#: The share Silero gives clean, continuous speech: the audible frames also hold the short
#: pauses between words, which it calls silence. Measured on the fixtures: 0.85 to 0.95.
CLEAN_SPEECH_SHARE = 0.85
#: Samples at or above this magnitude count as clipped (resampling rounds a flat top a little).
CLIP_LEVEL = 0.98
HOPELESS_CLIPPED = 0.02
WEAK_CLIPPED = 0.002
HOPELESS_LEVEL_DB = -54.0
WEAK_LEVEL_DB = -38.0
HOPELESS_SNR_DB = 3.0
WEAK_SNR_DB = 15.0
#: The noise floor: this percentile of the frame levels of the whole recording.
NOISE_PERCENTILE = 10.0

#: Tips for a weak recording, as catalogue keys (bot/i18n): each platform says them in the
#: member's language.
TIP_QUIET = "tip-quiet"
TIP_CLIPPED = "tip-clipped"
TIP_NOISY = "tip-noisy"


@dataclass(frozen=True)
class VoiceCheck:
    #: The share of the audible windows Silero calls speech (0-1).
    speech_share: float
    level_db: float
    snr_db: float
    clipped_share: float
    #: One short tip for a better clone, or None when the recording is fine.
    tip: str | None

    @property
    def voiced_fraction(self) -> float:
        """How much of the audible audio counts as voice: 1 for clean speech, less when noise
        or music fills the pauses (a noisy 7 s clip with 5 s of talking counts ~5 s)."""
        return min(1.0, self.speech_share / CLEAN_SPEECH_SHARE)


def check_voice(samples: Samples, sample_rate: int) -> VoiceCheck:
    """Raises :class:`NoSpeech` when no voice is heard and :class:`BadQuality` when the
    recording is hopeless; otherwise says how good it is."""
    frame_len = frame_length(sample_rate)
    energies = frame_energies(samples, frame_len)
    energies_db = to_db(energies)
    mask = speech_mask(energies_db)
    audible = np.flatnonzero(mask)
    if len(audible) == 0:
        raise NoSpeech()
    share = vad.speech_share(_blocks(samples, sample_rate, audible))
    if share < MIN_SPEECH_SHARE:
        raise NoSpeech(
            "I heard sound but no voice (noise, a tone, beeps or music). Record yourself "
            "talking clearly, close to the microphone, for 10 to 30 seconds."
        )
    level_db = float(10.0 * np.log10(energies[mask].mean() + 1e-12))
    floor_db = float(np.percentile(energies_db, NOISE_PERCENTILE))
    snr_db = level_db - floor_db
    clipped = _clipped_share(samples, frame_len, mask)
    check = VoiceCheck(share, level_db, snr_db, clipped, None)
    _refuse_hopeless(check)
    return VoiceCheck(share, level_db, snr_db, clipped, _tip(check))


def _blocks(samples: Samples, sample_rate: int, audible: npt.NDArray[np.intp]) -> list[Samples]:
    """The passages to listen to, at ``vad.VAD_RATE``. Resampled together in one pass: a
    resampler per block would cost more than the model."""
    size = vad.BLOCK_WINDOWS * vad.WINDOW
    length = round(size * sample_rate / vad.VAD_RATE)
    parts: list[Samples] = []
    for start_seconds in vad.block_starts(audible, FRAME_SECONDS):
        start = min(round(start_seconds * sample_rate), max(0, len(samples) - length))
        parts.append(samples[start : start + length])
    if not parts:
        return []
    joined = resample_mono(np.concatenate(parts), sample_rate, vad.VAD_RATE)
    return [joined[i : i + size] for i in range(0, len(joined), size)]


def _clipped_share(samples: Samples, frame_len: int, mask: npt.NDArray[np.bool_]) -> float:
    frames = samples[: len(mask) * frame_len].reshape(len(mask), frame_len)[mask]
    if frames.size == 0:
        return 0.0
    return float(np.count_nonzero(np.abs(frames) >= CLIP_LEVEL)) / frames.size


def _refuse_hopeless(check: VoiceCheck) -> None:
    if check.clipped_share > HOPELESS_CLIPPED:
        raise BadQuality(
            "That recording is distorted: your voice is clipped (too loud for the microphone). "
            "Record again a little further from the microphone, or with the input level lower.",
            key="error-bad-quality-clipped",
        )
    if check.level_db < HOPELESS_LEVEL_DB:
        raise BadQuality(
            "That recording is too quiet to clone. Record again close to the microphone, "
            "speaking at a normal volume.",
            key="error-bad-quality-quiet",
        )
    if check.snr_db < HOPELESS_SNR_DB:
        raise BadQuality(
            "There is too much background noise: it is as loud as your voice. Record again "
            "in a quiet room, close to the microphone.",
            key="error-bad-quality-noisy",
        )


def _tip(check: VoiceCheck) -> str | None:
    if check.clipped_share > WEAK_CLIPPED:
        return TIP_CLIPPED
    if check.snr_db < WEAK_SNR_DB:
        return TIP_NOISY
    if check.level_db < WEAK_LEVEL_DB:
        return TIP_QUIET
    return None
