"""The MP4 index bomb against the real worker pool, and the voice-activity check's cost and
accuracy on the labelled set (tests/audio/vad_set.py)."""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.audio import vad  # noqa: E402
from bot.audio.convert import AudioConverter  # noqa: E402
from bot.audio.decode import resample_mono  # noqa: E402
from bot.audio.limits import AudioLimits  # noqa: E402
from bot.audio.pipeline import convert_sync  # noqa: E402
from bot.audio.quality import check_voice  # noqa: E402
from bot.audio.workers import status_kb  # noqa: E402
from bot.errors import BotError  # noqa: E402
from tests.audio.mp4_bomb import mp4_index_bomb  # noqa: E402
from tests.audio.vad_set import RATE, as_wav, labelled_set, score  # noqa: E402

MP4_FIXTURE = ROOT / "tests" / "fixtures" / "audio" / "speech.m4a"


@dataclass(frozen=True)
class BombFigures:
    seconds: float
    code: str
    worker_peak_mb: float
    worker_start_mb: float
    cap_mb: int
    next_ok: bool


async def mp4_bomb(runs: int = 3) -> BombFigures:
    """The bomb through a started two-worker converter with the default limits; the worst of
    ``runs`` refusal times, and the largest RSS any worker reached meanwhile."""
    limits = AudioLimits()
    converter = AudioConverter(limits, workers=2)
    await converter.start()
    bomb = mp4_index_bomb(MP4_FIXTURE.read_bytes())
    peak_kb = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_kb
        while not stop.is_set():
            for pid in converter.pool.pids:
                peak_kb = max(peak_kb, status_kb(pid, "VmHWM"), status_kb(pid, "VmRSS"))
            stop.wait(0.002)

    try:
        start_kb = max(status_kb(pid, "VmRSS") for pid in converter.pool.pids)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        worst, code = 0.0, "ok"
        for _ in range(runs):
            started = time.perf_counter()
            try:
                await converter.convert(bomb)
            except BotError as exc:
                code = exc.code
            worst = max(worst, time.perf_counter() - started)
            for pid in converter.pool.pids:
                peak_kb = max(peak_kb, status_kb(pid, "VmHWM"))
        stop.set()
        sampler.join()
        after = await converter.convert((ROOT / "tests/fixtures/audio/speech.flac").read_bytes())
    finally:
        await converter.close()
    return BombFigures(
        worst,
        code,
        peak_kb / 1024,
        start_kb / 1024,
        limits.worker_memory_mb,
        after.speech_seconds > 3,
    )


@dataclass(frozen=True)
class VadFigures:
    check_ms_per_30s: float
    full_model_ms_per_30s: float
    precision: float
    recall: float
    clips: int


def vad_figures(runs: int = 5) -> VadFigures:
    clips = labelled_set()
    speech = next(c for c in clips if c.is_speech).samples
    thirty = np.tile(speech, int(np.ceil(30 * RATE / len(speech))))[: 30 * RATE]
    # As the pipeline has it: decoded at 24 kHz.
    decoded = resample_mono(thirty, RATE, 24000)
    check_voice(decoded, 24000)  # loads the model
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        check_voice(decoded, 24000)
        timings.append(time.perf_counter() - started)
    at_vad_rate = resample_mono(thirty, RATE, vad.VAD_RATE)
    block = vad.WINDOW * 50
    blocks = [at_vad_rate[i : i + block] for i in range(0, len(at_vad_rate), block)]
    started = time.perf_counter()
    vad.speech_share(blocks)  # every window of the 30 s, for comparison
    full = time.perf_counter() - started
    limits = AudioLimits()
    outcomes: dict[str, str] = {}
    for clip in clips:
        try:
            convert_sync(as_wav(clip.samples), limits)
        except BotError as exc:
            outcomes[clip.name] = exc.code
        else:
            outcomes[clip.name] = "ok"
    scores = score(outcomes, clips)
    return VadFigures(
        float(np.median(timings)) * 1000, full * 1000, scores.precision, scores.recall, len(clips)
    )
