"""The recordings the benchmarks feed the bot, built in memory from the committed fixture.

Built with PyAV directly rather than with the bot's own encoders, so a bug in the code under
test can't quietly change its own input.
"""

from __future__ import annotations

import io
import wave
from collections.abc import AsyncIterator
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.float32]

ROOT = Path(__file__).resolve().parent.parent
VOICE_MESSAGE = ROOT / "tests" / "fixtures" / "audio" / "voice_message.ogg"
#: A Discord voice message: Ogg Opus, 48 kHz mono, ~32 kbps.
VOICE_RATE = 48_000
VOICE_BIT_RATE = 32_000
_FRAME_SAMPLES = 960  # 20 ms at 48 kHz, Opus's usual frame


def decode_speech(path: Path = VOICE_MESSAGE, rate: int = VOICE_RATE) -> Samples:
    """The fixture's audio as mono float32 at ``rate``."""
    resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
    parts: list[Samples] = []
    with av.open(str(path)) as container:
        for frame in container.decode(audio=0):
            frame.pts = None
            parts.extend(out.to_ndarray()[0] for out in resampler.resample(frame))
    parts.extend(out.to_ndarray()[0] for out in resampler.resample(None))
    return np.concatenate(parts).astype(np.float32)


def tile_to(samples: Samples, seconds: float, rate: int) -> Samples:
    """``samples`` repeated end to end, cut at exactly ``seconds``."""
    wanted = round(seconds * rate)
    repeats = -(-wanted // len(samples))
    return np.tile(samples, repeats)[:wanted]


def encode_voice_message(samples: Samples, rate: int = VOICE_RATE) -> bytes:
    """Ogg Opus in memory, the way Discord sends a voice message."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="ogg") as out:
        stream = out.add_stream("libopus", rate=rate, layout="mono")
        stream.bit_rate = VOICE_BIT_RATE
        for start in range(0, len(samples), _FRAME_SAMPLES):
            block = np.ascontiguousarray(samples[start : start + _FRAME_SAMPLES]).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(block, format="flt", layout="mono")
            frame.sample_rate = rate
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return buffer.getvalue()


def voice_message(seconds: float, speech: Samples | None = None) -> bytes:
    """A ``seconds``-long voice message of the fixture's speech, tiled."""
    source = decode_speech() if speech is None else speech
    return encode_voice_message(tile_to(source, seconds, VOICE_RATE))


def large_wav(total_bytes: int, speech: Samples, rate: int = 24_000) -> bytes:
    """A valid PCM16 mono WAV of about ``total_bytes``, the fixture's speech tiled."""
    seconds = (total_bytes - 44) / (2 * rate)
    resampled = _resample(speech, VOICE_RATE, rate)
    pcm = (np.clip(tile_to(resampled, seconds, rate), -1.0, 1.0) * 32767.0).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def _resample(samples: Samples, from_rate: int, to_rate: int) -> Samples:
    frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
    frame.sample_rate = from_rate
    resampler = av.AudioResampler(format="flt", layout="mono", rate=to_rate)
    parts = [out.to_ndarray()[0] for out in resampler.resample(frame)]
    parts += [out.to_ndarray()[0] for out in resampler.resample(None)]
    return np.concatenate(parts).astype(np.float32)


class ChunkedSource:
    """An :class:`bot.ports.AudioSource` that hands out ``data`` in fresh chunks, as a download
    would (every chunk is a new bytes object, so holding them costs real memory)."""

    def __init__(self, data: bytes, chunk_bytes: int = 64 * 1024) -> None:
        self._data = memoryview(data)
        self._chunk_bytes = chunk_bytes

    @property
    def declared_size(self) -> int | None:
        return len(self._data)

    async def stream(self) -> AsyncIterator[bytes]:
        for start in range(0, len(self._data), self._chunk_bytes):
            yield bytes(self._data[start : start + self._chunk_bytes])
