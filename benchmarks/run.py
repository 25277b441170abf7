"""`make bench`: the bot's performance figures next to their targets, offline, in under a minute.

(a) converting a 60 s voice message, in-process vs. the ffmpeg command line doing the same;
(b) event-loop lag while 8 conversions run through the worker pool;
(c) end-to-end clone latency against the local simulator, and the bot's own share of it;
(d) peak memory during (c), and while 50 clones of 10 MB uploads arrive at once;
(e) /say in a voice channel: first audio packet, packet gaps in an API stall, CPU per minute.

Prints a table (or, with --json, one JSON object) and exits 0 whether targets are met or not:
the figures depend on the machine and its load, so they inform rather than gate.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import statistics
import subprocess
import sys
import time
from typing import Any

from bench_audio import (
    ffmpeg_available,
    loop_lag_while_converting,
    percentile,
    time_conversions,
)
from bench_clone import CloneLatency, ConcurrentUploads, clone_latency, concurrent_uploads
from bench_memory import MemoryPeak
from bench_report import Figure, Report
from bench_samples import decode_speech, large_wav, voice_message
from bench_voice import report_voice, voice_bench

MB = 1024 * 1024
CONVERSION_RUNS = 7
LOUDNORM_RUNS = 3
LAG_CONVERSIONS = 8
LAG_WORKERS = 2
CLONE_RUNS = 20
API_LATENCY = 0.2
PREVIEW_WAIT = 1.0
UPLOADS = 50
UPLOAD_BYTES = 10 * MB
UPLOAD_CHUNK = 64 * 1024
#: Bounded means the peak grows by well under what 50 uploads held at once would take.
UPLOAD_GROWTH_LIMIT_MB = UPLOADS * UPLOAD_BYTES / MB / 2
#: Every async phase together; with the sync ones the run stays well inside 3 minutes.
ASYNC_DEADLINE_SECONDS = 150


def _say(quiet: bool, text: str) -> None:
    if not quiet:
        print(text, file=sys.stderr, flush=True)


def bench_conversion(report: Report, message60: bytes, quiet: bool) -> None:
    section = "(a) convert 60 s"
    _say(quiet, "(a) converting a 60 s voice message, in-process and with ffmpeg...")
    note = "" if ffmpeg_available() else "ffmpeg not installed: ratio n/a"
    plan = {} if note else {"volume": CONVERSION_RUNS, "loudnorm": LOUDNORM_RUNS}
    try:
        timings = time_conversions(message60, CONVERSION_RUNS, ffmpeg_runs=plan)
    except (OSError, subprocess.SubprocessError) as exc:
        note = f"ffmpeg failed ({type(exc).__name__}): ratio n/a"
        timings = time_conversions(message60, CONVERSION_RUNS)
    ours = timings.bot.median
    report.add(Figure(section, f"bot, in-process (median of {CONVERSION_RUNS})", ours * 1000, "ms"))
    if note:
        report.add(Figure(section, "ffmpeg CLI", None, "ms", note=note))
        report.add(Figure(section, "ratio bot / ffmpeg", None, "", ("<=", 0.8), note))
        return
    plain = timings.ffmpeg["volume"].median
    loud = timings.ffmpeg["loudnorm"].median
    report.add(
        Figure(section, f"ffmpeg CLI, volume (median of {CONVERSION_RUNS})", plain * 1000, "ms")
    )
    report.add(
        Figure(section, f"ffmpeg CLI, loudnorm (median of {LOUDNORM_RUNS})", loud * 1000, "ms")
    )
    report.add(Figure(section, "ratio bot / ffmpeg (volume)", ours / plain, "", ("<=", 0.8)))
    report.add(Figure(section, "ratio bot / ffmpeg (loudnorm)", ours / loud, ""))


async def bench_loop_lag(report: Report, message60: bytes, quiet: bool) -> None:
    section = "(b) loop lag"
    _say(quiet, f"(b) event-loop lag during {LAG_CONVERSIONS} concurrent conversions...")
    lag = await loop_lag_while_converting(
        message60, conversions=LAG_CONVERSIONS, workers=LAG_WORKERS
    )
    label = f"{LAG_CONVERSIONS} conversions, {LAG_WORKERS} workers"
    report.add(Figure(section, f"p99 ({label})", lag.p99 * 1000, "ms", ("<", 20.0)))
    report.add(Figure(section, f"max ({label})", lag.max * 1000, "ms", ("<", 100.0)))
    report.add(Figure(section, "1 ms sleeper wake-ups measured", len(lag.lags), "", count=True))
    report.add(Figure(section, "wall time of the 8 conversions", lag.wall_seconds * 1000, "ms"))


def _add_memory(report: Report, section: str, label: str, memory: MemoryPeak) -> None:
    scope = "" if memory.per_phase else " (lifetime peak)"
    report.add(
        Figure(
            section,
            f"{label}: peak RSS, bot + {memory.processes - 1} children{scope}",
            memory.peak_mb,
            "MB",
        )
    )
    report.add(
        Figure(
            section, f"{label}: peak of the sum, sampled each 10 ms", memory.sampled_peak_mb, "MB"
        )
    )
    report.add(Figure(section, f"{label}: RSS before", memory.baseline_mb, "MB"))


#: The steps between the bot's progress reports, as a reader would name them.
_STEP_LABELS = {
    "admit": "policy, store, admission",
    "reading": "read the upload",
    "converting": "convert (worker) + store",
    "cloning": "clone API call + store",
    "preview": "preview link + file",
}


def report_clones(report: Report, result: CloneLatency) -> None:
    section = "(c) clone e2e"
    totals = [t * 1000 for t in result.totals]
    overheads = [o * 1000 for o in result.overheads]
    calls = statistics.median(run.api_calls for run in result.runs)
    runs = len(result.runs)
    report.add(
        Figure(section, f"total p50 ({runs} clones, 30 s message)", percentile(totals, 50), "ms")
    )
    report.add(Figure(section, "total p95", percentile(totals, 95), "ms"))
    report.add(
        Figure(
            section,
            f"API latency incurred ({calls:g} calls x {result.latency_seconds * 1000:g} ms)",
            calls * result.latency_seconds * 1000,
            "ms",
        )
    )
    report.add(Figure(section, "bot overhead p50", percentile(overheads, 50), "ms", ("<", 150.0)))
    report.add(Figure(section, "bot overhead p95", percentile(overheads, 95), "ms"))
    for step, seconds in result.stage_medians().items():
        label = _STEP_LABELS.get(step, step)
        report.add(Figure(section, f"  median step: {label}", seconds * 1000, "ms"))
    report.add(
        Figure(
            section,
            "  of the overhead: simulator measuring speech",
            result.simulator_measure_seconds * 1000,
            "ms",
        )
    )
    missing = sum(1 for run in result.runs if not run.got_preview)
    report.add(Figure(section, "clones without preview audio", missing, "", count=True))


def report_uploads(report: Report, clones: CloneLatency, uploads: ConcurrentUploads) -> None:
    section = "(d) memory"
    _add_memory(report, section, "during (c)", clones.memory)
    label = f"{uploads.count} x {uploads.upload_bytes // MB} MB at once"
    _add_memory(report, section, label, uploads.memory)
    report.add(
        Figure(
            section,
            f"{label}: growth (all read at once: {uploads.count * uploads.upload_bytes // MB} MB)",
            uploads.memory.growth_mb,
            "MB",
            ("<", UPLOAD_GROWTH_LIMIT_MB),
        )
    )
    outcomes = ", ".join(f"{code} {n}" for code, n in sorted(uploads.outcomes.items()))
    report.add(
        Figure(section, f"{label}: wall time ({outcomes})", uploads.wall_seconds * 1000, "ms")
    )


async def bench_async(report: Report, message60: bytes, quiet: bool) -> None:
    speech = decode_speech()
    message30 = voice_message(30, speech)
    async with asyncio.timeout(ASYNC_DEADLINE_SECONDS):
        await bench_loop_lag(report, message60, quiet)
        per_call = f"{API_LATENCY * 1000:g} ms per API call"
        _say(quiet, f"(c) {CLONE_RUNS} clones against the simulator ({per_call})...")
        clones = await clone_latency(
            message30, runs=CLONE_RUNS, latency=API_LATENCY, preview_wait=PREVIEW_WAIT
        )
        report_clones(report, clones)
        _say(quiet, f"(d) {UPLOADS} clones of {UPLOAD_BYTES // MB} MB uploads at once...")
        upload = large_wav(UPLOAD_BYTES, speech)
        uploads = await concurrent_uploads(
            upload, count=UPLOADS, latency=API_LATENCY, chunk_bytes=UPLOAD_CHUNK
        )
        del upload
        report_uploads(report, clones, uploads)
        _say(quiet, "(e) /say in a voice channel, DAVE on, against the fake voice server...")
        report.context.update(report_voice(report, await voice_bench()))


def context() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average_1m_at_start": round(os.getloadavg()[0], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of a table"
    )
    args = parser.parse_args()
    # The bot logs every conversion at INFO; the figures are what matters here.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    started = time.perf_counter()
    report = Report(context=context())
    message60 = voice_message(60)
    bench_conversion(report, message60, args.json)
    asyncio.run(bench_async(report, message60, args.json))
    report.context["wall_seconds"] = round(time.perf_counter() - started, 1)
    report.context["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)

    if args.json:
        print(report.as_json())
    else:
        ctx = report.context
        load = f"{ctx['load_average_1m_at_start']} → {ctx['load_average_1m_at_end']}"
        print(
            f"make bench — Python {ctx['python']}, {ctx['cpus']} CPUs, 1-min load {load}, "
            f"{ctx['wall_seconds']} s\n"
        )
        print(report.table())
    return 0


if __name__ == "__main__":
    sys.exit(main())
