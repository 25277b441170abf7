"""Real audio for the simulator, with PyAV: measure uploaded speech, synthesize and encode TTS.

Everything here is CPU-bound and synchronous; the app calls it through ``asyncio.to_thread``.
"""

from __future__ import annotations

import functools
import io
import zlib
from collections.abc import Iterable, Iterator

import av
import numpy as np
from numpy.typing import NDArray

from simulator.tts import Segment

Samples = NDArray[np.float32]

ANALYSIS_RATE = 16_000
FRAME_SECONDS = 0.02
#: A frame counts as speech when its RMS is within this many dB of the loudest frame...
RELATIVE_GATE_DB = 40.0
#: ...and above this absolute floor, so digital silence and dither never count.
ABSOLUTE_FLOOR_DBFS = -60.0
#: Nothing past this much audio changes a verdict; it bounds memory for tiny-bitrate files.
MAX_ANALYSED_SECONDS = 30 * 60
MP3_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)
PREVIEW_SECONDS = 1.5
_WAV_CODECS = {"pcm_s16le": "pcm_s16le", "pcm_f32le": "pcm_f32le", "pcm_mulaw": "pcm_mulaw"}


class UndecodableAudio(Exception):
    """The bytes hold no audio stream PyAV can decode (FORMAT_NOT_RECOGNIZED)."""


# --- analysis --------------------------------------------------------------------------------
def decode_mono(data: bytes, rate: int = ANALYSIS_RATE) -> Samples:
    """Decode any container PyAV reads to mono float32 at ``rate``."""
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if not container.streams.audio:
                raise UndecodableAudio("no audio stream")
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
            chunks: list[Samples] = []
            total = 0
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunk = out.to_ndarray().reshape(-1).astype(np.float32, copy=False)
                    chunks.append(chunk)
                    total += chunk.size
                if total >= MAX_ANALYSED_SECONDS * rate:
                    break
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1).astype(np.float32, copy=False))
    except (av.FFmpegError, ValueError, OSError) as exc:
        raise UndecodableAudio(str(exc)) from exc
    if not chunks:
        raise UndecodableAudio("no audio decoded")
    samples = np.concatenate(chunks)
    if samples.size == 0:
        raise UndecodableAudio("no audio decoded")
    return samples


def speech_seconds(samples: Samples, rate: int = ANALYSIS_RATE) -> float:
    """Seconds of 20 ms frames that pass a simple energy gate."""
    frame = round(rate * FRAME_SECONDS)
    usable = samples.size - samples.size % frame
    if usable == 0:
        return 0.0
    frames = samples[:usable].astype(np.float64).reshape(-1, frame)
    rms = np.sqrt(np.mean(frames * frames, axis=1))
    level_db = 20.0 * np.log10(np.maximum(rms, 1e-12))
    threshold = max(float(level_db.max()) - RELATIVE_GATE_DB, ABSOLUTE_FLOOR_DBFS)
    return float(np.count_nonzero(level_db > threshold)) * FRAME_SECONDS


def measure_speech_seconds(data: bytes) -> float:
    return speech_seconds(decode_mono(data))


# --- synthesis -------------------------------------------------------------------------------
def voice_seed(voice_id: str) -> int:
    return zlib.crc32(voice_id.encode())


_TABLE_SIZE = 4096


@functools.cache
def _harmonic_table(harmonics: int) -> NDArray[np.float64]:
    """One period of a vowel-ish wave (harmonics at 1/k), peak near 1."""
    phase = 2 * np.pi * np.arange(_TABLE_SIZE) / _TABLE_SIZE
    wave = np.zeros(_TABLE_SIZE, dtype=np.float64)
    for k in range(1, harmonics + 1):
        wave += np.sin(k * phase) / k
    peak = float(np.max(np.abs(wave)))
    return wave / peak


def render_speech(segments: Iterable[Segment], rate: int, seed: int) -> Samples:
    """Words become harmonic tones under a Hann envelope (so they have gaps); pauses are silent.

    A wavetable keeps minutes of audio cheap to render.
    """
    base_f0 = 95.0 + seed % 120
    pitch: list[NDArray[np.float64]] = []
    envelope: list[NDArray[np.float64]] = []
    for index, segment in enumerate(segments):
        count = max(1, round(segment.seconds * rate))
        if segment.word is None:
            pitch.append(np.full(count, base_f0))
            envelope.append(np.zeros(count))
        else:
            f0 = base_f0 * (1.0 + 0.04 * ((seed + index * 7) % 5 - 2))
            pitch.append(np.full(count, f0))
            envelope.append(np.hanning(count))
    if not pitch:
        return np.zeros(0, dtype=np.float32)
    f0_track = np.concatenate(pitch)
    t = np.arange(f0_track.size, dtype=np.float64) / rate
    f0_track *= 1.0 + 0.06 * np.sin(2 * np.pi * 3.0 * t)  # a little intonation
    cycles = np.cumsum(f0_track) / rate
    # at 8 kHz the upper harmonics would alias: keep them under Nyquist
    harmonics = max(1, min(6, int(rate / 2 / (base_f0 * 1.3))))
    table = _harmonic_table(harmonics)
    index_track = ((cycles % 1.0) * _TABLE_SIZE).astype(np.int64) % _TABLE_SIZE
    return (0.3 * table[index_track] * np.concatenate(envelope)).astype(np.float32)


# --- encoding --------------------------------------------------------------------------------
def bytes_per_sample(encoding: str) -> int:
    return {"pcm_s16le": 2, "pcm_f32le": 4, "pcm_mulaw": 1}[encoding]


def _to_s16(samples: Samples) -> NDArray[np.int16]:
    return (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")


def _mulaw(samples: Samples) -> bytes:
    """G.711 mu-law, the classic bias-and-segment algorithm."""
    pcm = _to_s16(samples).astype(np.int32)
    sign = (pcm < 0).astype(np.int32) << 7
    magnitude = np.minimum(np.abs(pcm), 32635) + 0x84
    exponent = np.floor(np.log2(magnitude)).astype(np.int32) - 7
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    return bytes((~(sign | (exponent << 4) | mantissa) & 0xFF).astype(np.uint8))


def encode_raw(samples: Samples, encoding: str) -> bytes:
    if encoding == "pcm_f32le":
        return np.clip(samples, -1.0, 1.0).astype("<f4").tobytes()
    if encoding == "pcm_mulaw":
        return _mulaw(samples)
    return _to_s16(samples).tobytes()


def _frames(samples: Samples, rate: int) -> Iterator[av.AudioFrame]:
    step = rate  # one-second frames; the encoder reframes as it needs
    for start in range(0, samples.size, step):
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(samples[start : start + step]).reshape(1, -1),
            format="flt",
            layout="mono",
        )
        frame.sample_rate = rate
        frame.pts = start
        yield frame


def _mux(
    samples: Samples, rate: int, fmt: str, codec: str, out_rate: int, bit_rate: int | None
) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=fmt) as container:
        stream = container.add_stream(codec, rate=out_rate, layout="mono")
        if not isinstance(stream, av.audio.stream.AudioStream):
            raise TypeError(f"{codec} is not an audio codec")
        if bit_rate is not None:
            stream.bit_rate = bit_rate
        for frame in _frames(samples, rate):
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


@functools.cache
def _mp3_codec() -> str:
    for name in ("libmp3lame", "mp3"):
        try:
            av.codec.Codec(name, "w")
        except av.codec.codec.UnknownCodecError:
            continue
        return name
    raise RuntimeError("this PyAV build has no MP3 encoder")


def encode_mp3(samples: Samples, rate: int, bit_rate: int = 128_000) -> bytes:
    # MP3 only knows a few rates: encode at the nearest and let PyAV resample.
    out_rate = min(MP3_RATES, key=lambda candidate: abs(candidate - rate))
    if out_rate < 16_000:
        bit_rate = min(bit_rate, 64_000)  # MPEG-2.5 tops out at 64 kbps
    return _mux(samples, rate, "mp3", _mp3_codec(), out_rate, bit_rate)


def encode_audio(
    samples: Samples, rate: int, container: str, encoding: str, bit_rate: int
) -> bytes:
    if container == "mp3":
        return encode_mp3(samples, rate, bit_rate)
    if container == "wav":
        return _mux(samples, rate, "wav", _WAV_CODECS[encoding], rate, None)
    return encode_raw(samples, encoding)


@functools.cache
def preview_mp3() -> bytes:
    """The short clip every signed preview link serves (cached: it never changes)."""
    rate = 22_050
    segments = [Segment("preview", 0.5), Segment(None, 0.1), Segment("voice", 0.9)]
    return encode_mp3(render_speech(segments, rate, seed=7), rate, 64_000)


def speak(
    segments: Iterable[Segment],
    voice_id: str,
    container: str,
    rate: int,
    encoding: str,
    bit_rate: int,
) -> bytes:
    """Synthesize and encode a whole TTS answer."""
    samples = render_speech(segments, rate, voice_seed(voice_id))
    return encode_audio(samples, rate, container, encoding, bit_rate)
