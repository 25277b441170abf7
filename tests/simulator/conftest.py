"""The simulator on a real local socket, an aiohttp client, and audio made on the spot."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator

import aiohttp
import av
import numpy as np
import pytest
from numpy.typing import NDArray

from simulator import RunningSimulator


def voiced(seconds: float, rate: int = 16_000) -> NDArray[np.float32]:
    """Speech-like: harmonics of a gliding pitch, amplitude-modulated at 4 Hz like syllables."""
    t = np.arange(int(seconds * rate)) / rate
    phase = 2 * np.pi * np.cumsum(130.0 + 20.0 * np.sin(2 * np.pi * 0.7 * t)) / rate
    tone = np.zeros_like(t)
    for k in range(1, 9):
        tone += np.sin(k * phase) / k
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 4.0 * t)
    samples: NDArray[np.float32] = (0.4 * tone / np.max(np.abs(tone)) * envelope).astype(np.float32)
    return samples


def encode(samples: NDArray[np.float32], fmt: str = "wav", rate: int = 16_000) -> bytes:
    """Encode mono float samples with PyAV: wav, mp3, flac or aiff."""
    codec = {"wav": "pcm_s16le", "mp3": "libmp3lame", "flac": "flac", "aiff": "pcm_s16be"}[fmt]
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=fmt) as container:
        stream = container.add_stream(codec, rate=rate, layout="mono")
        assert isinstance(stream, av.audio.stream.AudioStream)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = rate
        frame.pts = 0
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    return buffer.getvalue()


def decode(data: bytes) -> tuple[NDArray[np.float32], int]:
    """Decode anything PyAV reads to mono float samples and its sample rate."""
    with av.open(io.BytesIO(data), mode="r") as container:
        stream = container.streams.audio[0]
        rate = stream.codec_context.sample_rate
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        chunks = [
            out.to_ndarray().reshape(-1)
            for frame in container.decode(stream)
            for out in resampler.resample(frame)
        ]
    return np.concatenate(chunks).astype(np.float32), rate


@pytest.fixture(scope="session")
def speech_wav() -> bytes:
    return encode(voiced(4.0))


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def headers(sim: RunningSimulator) -> dict[str, str]:
    return {"x-api-key": sim.state.api_key, "version": "v1"}


def clone_form(
    audio: bytes, name: str | None = "Me", filename: str = "clip.wav", **fields: str
) -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field(
        "audio", io.BytesIO(audio), filename=filename, content_type="application/octet-stream"
    )
    if name is not None:
        form.add_field("name", name)
    for key, value in fields.items():
        form.add_field(key, value)
    return form
