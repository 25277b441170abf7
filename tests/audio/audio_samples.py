"""Inputs for the audio tests: the committed fixtures and audio generated in memory.

The committed files come from tests/fixtures/audio/make_fixtures.sh (espeak-ng, sox, ffmpeg);
nothing here calls those tools. Generated inputs are built with PyAV and numpy, never on disk.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "audio"


@dataclass(frozen=True)
class Rendered:
    """An output file decoded again, independently of the code under test."""

    container: str
    codec: str
    sample_rate: int
    channels: int
    samples: npt.NDArray[np.float64]

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate

    @property
    def peak_db(self) -> float:
        return float(20 * np.log10(np.abs(self.samples).max()))

    def speech_rms_db(self) -> float:
        """RMS over the 30 ms frames within 30 dB of the loudest: the spoken part."""
        frame = round(self.sample_rate * 0.03)
        count = len(self.samples) // frame
        energies = (self.samples[: count * frame].reshape(count, frame) ** 2).mean(axis=1)
        levels = 10 * np.log10(energies + 1e-12)
        loud = energies[levels > levels.max() - 30]
        return float(10 * np.log10(loud.mean()))


def read_fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def render(data: bytes) -> Rendered:
    with av.open(io.BytesIO(data), mode="r") as container:
        stream = container.streams.audio[0]
        codec = stream.codec_context.name
        channels = stream.codec_context.channels
        rate = stream.codec_context.sample_rate
        frames = [frame.to_ndarray() for frame in container.decode(stream)]
        name = container.format.name
    pcm = np.concatenate(frames, axis=-1)
    if pcm.dtype == np.int16:
        samples = pcm.astype(np.float64) / 32768.0
    elif pcm.dtype == np.int32:
        samples = pcm.astype(np.float64) / 2147483648.0
    else:
        samples = pcm.astype(np.float64)
    return Rendered(name, codec, rate, channels, samples.reshape(-1))


def speech_pcm() -> tuple[npt.NDArray[np.int16], int]:
    """speech.wav as PCM16 samples and its rate."""
    with wave.open(str(FIXTURES / "speech.wav")) as source:
        rate = source.getframerate()
        pcm = np.frombuffer(source.readframes(source.getnframes()), dtype="<i2")
    return pcm.astype(np.int16), rate


def wav_bytes(pcm: npt.NDArray[np.int16], rate: int, channels: int = 1) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.astype("<i2").tobytes())
    return buffer.getvalue()


def encode_with_pyav(
    samples: npt.NDArray[np.float32],
    rate: int,
    *,
    container: str,
    codec: str,
    sample_format: str,
    options: dict[str, str] | None = None,
    chunk: int = 8192,
) -> bytes:
    """Mono float samples in [-1, 1] encoded to ``container``/``codec`` in memory."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=container) as out:
        stream = out.add_stream(codec, rate=rate, layout="mono", options=options or {})
        assert isinstance(stream, av.AudioStream)
        if sample_format == "s16":
            pcm: npt.NDArray[np.generic] = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
        elif sample_format == "s32":
            pcm = (np.clip(samples, -1, 1).astype(np.float64) * 2147483647).astype(np.int32)
        elif sample_format == "u8":
            pcm = np.rint(np.clip(samples, -1, 1) * 127 + 128).astype(np.uint8)
        else:
            pcm = samples.astype(np.float32)
        for start in range(0, len(pcm), chunk):
            frame = av.AudioFrame.from_ndarray(
                np.ascontiguousarray(pcm[start : start + chunk]).reshape(1, -1),
                format=sample_format,
                layout="mono",
            )
            frame.sample_rate = rate
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return buffer.getvalue()


def silent_flac(seconds: float, *, rate: int = 8000, level: int = 0) -> bytes:
    """``seconds`` of a constant level as FLAC in maximal blocks: an hour is ~14 KB."""
    block = np.full(rate * 60, level / 32767, dtype=np.float32)
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="flac") as out:
        stream = out.add_stream("flac", rate=rate, layout="mono", options={"frame_size": "65535"})
        assert isinstance(stream, av.AudioStream)
        pcm = (block * 32767).astype(np.int16).reshape(1, -1)
        for _ in range(int(seconds // 60)):
            frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
            frame.sample_rate = rate
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return buffer.getvalue()


def without_flac_length(flac: bytes) -> bytes:
    """The same FLAC with STREAMINFO's total sample count zeroed ("unknown"), so the length
    is only found by decoding."""
    patched = bytearray(flac)
    assert patched[:4] == b"fLaC" and patched[4] & 0x7F == 0  # STREAMINFO comes first
    # STREAMINFO (from byte 8): 10 bytes of block/frame sizes, then 20 bits of rate, 3 of
    # channels, 5 of bits per sample and 36 of total samples.
    packed = int.from_bytes(patched[18:26], "big")
    packed &= ~((1 << 36) - 1)
    patched[18:26] = packed.to_bytes(8, "big")
    return bytes(patched)
