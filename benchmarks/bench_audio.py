"""Conversion speed against the ffmpeg command line, and event-loop lag while converting."""

from __future__ import annotations

import asyncio
import io
import math
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import av

from bot.audio.convert import AudioConverter
from bot.audio.limits import AudioLimits
from bot.audio.pipeline import convert_sync, decode_for_sample

#: Leading and trailing silence trimmed as a user would ask ffmpeg to (pauses over 1 s go too).
_SILENCE = (
    "silenceremove=start_periods=1:start_threshold=-50dB"
    ":stop_periods=-1:stop_duration=1:stop_threshold=-50dB"
)
#: Two ways to level the sample. ``volume`` (a fixed gain, the cheapest filter there is) is the
#: one compared against the target, so the comparison favours ffmpeg; ``loudnorm`` (what most
#: people would type, much slower) is shown for reference.
FFMPEG_LEVELLING = {"volume": "volume=3dB", "loudnorm": "loudnorm=I=-20:TP=-1"}


@dataclass(frozen=True)
class Timings:
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def ffmpeg_command(source: Path, target: Path, limits: AudioLimits, levelling: str) -> list[str]:
    """The same job on the command line: decode, mono, resample, trim silence, level, cap, WAV."""
    return [
        "ffmpeg",
        "-hide_banner",
        "-loglevel",
        "error",
        "-nostdin",
        "-y",
        "-i",
        str(source),
        "-vn",
        "-af",
        f"{_SILENCE},{FFMPEG_LEVELLING[levelling]}",
        "-ac",
        "1",
        "-ar",
        str(limits.sample_rate),
        "-t",
        f"{limits.max_speech_seconds:g}",
        "-c:a",
        "pcm_s16le",
        str(target),
    ]


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None


@dataclass(frozen=True)
class ConversionTimings:
    bot: Timings
    #: By levelling filter; empty when ffmpeg is not installed.
    ffmpeg: dict[str, Timings]
    #: PyAV decoding the same audio and nothing else (``container.decode()``, frames dropped):
    #: the floor under the conversion, which can't take less than decoding what it uses.
    bare_decode: Timings
    #: How much audio the conversion decodes (it stops once the sample's worth is in).
    decoded_seconds: float


def bare_decode(data: bytes, seconds: float) -> None:
    """Decode the first audio stream of ``data`` until ``seconds`` are out, keeping nothing."""
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.audio[0]
        wanted = seconds * (stream.codec_context.sample_rate or 48000)
        decoded = 0
        for frame in container.decode(stream):
            decoded += frame.samples
            if decoded >= wanted:
                break


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def time_conversions(
    data: bytes, runs: int, *, ffmpeg_runs: dict[str, int] | None = None
) -> ConversionTimings:
    """``convert_sync`` in this process (no worker hand-off), PyAV's bare decode of the same
    audio and, with ``ffmpeg_runs``, the ffmpeg process per levelling filter (start-up
    included), each run one after the other so a change in machine load hits all alike. One
    untimed warm-up run each first."""
    limits = AudioLimits()
    plan = ffmpeg_runs or {}
    seconds = decode_for_sample(data, limits).decoded_seconds
    with tempfile.TemporaryDirectory(prefix="bench-ffmpeg-") as work:
        source = Path(work) / "voice_message.ogg"
        source.write_bytes(data)
        commands = {
            levelling: ffmpeg_command(source, Path(work) / "sample.wav", limits, levelling)
            for levelling in plan
        }

        def bot() -> None:
            convert_sync(data, limits)

        def ffmpeg(levelling: str) -> Callable[[], object]:
            return lambda: subprocess.run(commands[levelling], check=True, timeout=60)

        def floor() -> None:
            bare_decode(data, seconds)

        bot()
        floor()
        for levelling in plan:
            ffmpeg(levelling)()
        ours: list[float] = []
        bare: list[float] = []
        theirs: dict[str, list[float]] = {levelling: [] for levelling in plan}
        for index in range(max([runs, *plan.values()])):
            if index < runs:
                ours.append(_timed(bot))
                bare.append(_timed(floor))
            for levelling, count in plan.items():
                if index < count:
                    theirs[levelling].append(_timed(ffmpeg(levelling)))
    return ConversionTimings(
        Timings(ours), {name: Timings(t) for name, t in theirs.items()}, Timings(bare), seconds
    )


@dataclass(frozen=True)
class LoopLag:
    """How late a 1 ms sleeper woke up, in seconds, over the measured stretch."""

    lags: list[float]
    conversions: int
    wall_seconds: float

    @property
    def p99(self) -> float:
        return percentile(self.lags, 99)

    @property
    def max(self) -> float:
        return max(self.lags)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported value really happened)."""
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(pct / 100 * len(ordered))))
    return ordered[rank - 1]


async def _sleeper(lags: list[float], stop: asyncio.Event, interval: float = 0.001) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(interval)
        lags.append(max(0.0, time.perf_counter() - started - interval))


async def loop_lag_while_converting(data: bytes, *, conversions: int, workers: int) -> LoopLag:
    """Event-loop lag while ``conversions`` run at once through a warm :class:`AudioConverter`."""
    converter = AudioConverter(AudioLimits(), workers=workers)
    try:
        await converter.start()
        lags: list[float] = []
        stop = asyncio.Event()
        sleeper = asyncio.create_task(_sleeper(lags, stop))
        started = time.perf_counter()
        try:
            await asyncio.gather(*(converter.convert(data) for _ in range(conversions)))
        finally:
            wall = time.perf_counter() - started
            stop.set()
            await sleeper
    finally:
        await converter.close()
    return LoopLag(lags, conversions, wall)
