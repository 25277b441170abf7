"""Encoding mono float32 into the files we send: WAV/FLAC samples and Ogg Opus voice messages.

All in memory: nothing here writes a temporary file.
"""

from __future__ import annotations

import io
import wave
from typing import Any

import av
import numpy as np
import numpy.typing as npt

from bot.audio.speech import Samples

#: Samples per frame handed to the encoders (they re-frame to their own sizes).
_FRAME_SAMPLES = 4096


def to_pcm16(samples: Samples) -> npt.NDArray[np.int16]:
    # Little-endian explicitly: that is what WAV holds, whatever the machine.
    pcm: npt.NDArray[np.int16] = np.rint(np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    return pcm


def encode_wav(samples: Samples, sample_rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(to_pcm16(samples).tobytes())
    return buffer.getvalue()


def encode_flac(samples: Samples, sample_rate: int) -> bytes:
    pcm = to_pcm16(samples).astype(np.int16)
    return _encode(pcm, "s16", sample_rate, container_format="flac", codec="flac")


def encode_ogg_opus(samples: Samples, sample_rate: int, *, bit_rate: int) -> bytes:
    pcm = np.clip(samples, -1.0, 1.0).astype(np.float32)
    return _encode(
        pcm,
        "flt",
        sample_rate,
        container_format="ogg",
        codec="libopus",
        bit_rate=bit_rate,
        options={"application": "voip"},
    )


def _encode(
    pcm: npt.NDArray[Any],
    sample_format: str,
    sample_rate: int,
    *,
    container_format: str,
    codec: str,
    bit_rate: int | None = None,
    options: dict[str, str] | None = None,
) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container_format) as out:
        stream = out.add_stream(codec, rate=sample_rate, layout="mono", options=options or {})
        assert isinstance(stream, av.AudioStream)
        if bit_rate is not None:
            stream.bit_rate = bit_rate
        for start in range(0, len(pcm), _FRAME_SAMPLES):
            block: npt.NDArray[Any] = np.ascontiguousarray(
                pcm[start : start + _FRAME_SAMPLES]
            ).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(block, format=sample_format, layout="mono")
            frame.sample_rate = sample_rate
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return buffer.getvalue()
