"""`make bench`: the bot's performance figures next to their targets, offline, in under a minute.

(a) converting a 60 s voice message, in-process vs. the ffmpeg command line doing the same;
(b) event-loop lag while 8 conversions run through the worker pool;
(c) end-to-end clone latency against the local simulator, and the bot's own share of it;
(d) the bot alone, as a real process (``python -m bot run``, Slack HTTP mode): idle memory,
    Slack's acknowledgement latency with 20 clones in flight, peak memory while 50 clips of
    10 MB arrive at once;
(e) hostile input and voice activity: the MP4 index bomb's refusal time and worker memory, the
    voice-activity check's cost and its precision and recall on the labelled set.
(f) speaking in a voice channel: request to first packet, the silence between two waiting
    utterances, packet gaps in an API stall, the player's CPU per minute of speech, and how many
    servers can speak at once with the packet-gap p99 under 25 ms.

``--only ac`` runs some sections alone (by letter). Prints a table (or, with --json, one JSON
object) and exits 0 whether targets are met or not: the figures depend on the machine and its
load, so they inform rather than gate. With the
environment variable BENCH_JSON set, every figure with a stable name is also written to that
path as ``{name: {"value": number, "unit": str, "target": str | null, "pass": bool | null}}``.
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
from bench_clone import CloneLatency, clone_latency
from bench_discord import defer_latency
from bench_hostile import mp4_bomb, vad_figures
from bench_process import ProcessFigures, measure
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
ACK_IN_FLIGHT = 20
ACK_API_LATENCY = 0.5
#: The sections, by letter (``--only ac`` runs the conversion and the clones alone).
SECTIONS = "abcdef"
#: Every async phase together.
ASYNC_DEADLINE_SECONDS = 600


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
    floor = timings.bare_decode.median
    report.add(
        Figure(
            section,
            f"  PyAV bare decode of the same {timings.decoded_seconds:.0f} s (median)",
            floor * 1000,
            "ms",
        )
    )
    report.add(
        Figure(
            section,
            "  conversion vs bare PyAV decode (floor)",
            statistics.median(
                b / f for b, f in zip(timings.bot.seconds, timings.bare_decode.seconds, strict=True)
            ),
            "",
            key="convert_floor_ratio",
        )
    )
    if note:
        report.add(Figure(section, "ffmpeg CLI", None, "ms", note=note))
        report.add(
            Figure(section, "ratio bot / ffmpeg", None, "", ("<=", 0.6), note, key="convert_ratio")
        )
        return
    plain = timings.ffmpeg["volume"].median
    loud = timings.ffmpeg["loudnorm"].median
    report.add(
        Figure(section, f"ffmpeg CLI, volume (median of {CONVERSION_RUNS})", plain * 1000, "ms")
    )
    report.add(
        Figure(section, f"ffmpeg CLI, loudnorm (median of {LOUDNORM_RUNS})", loud * 1000, "ms")
    )
    report.add(
        Figure(
            section,
            "ratio bot / ffmpeg (volume)",
            ours / plain,
            "",
            ("<=", 0.6),
            key="convert_ratio",
        )
    )
    report.add(Figure(section, "ratio bot / ffmpeg (loudnorm)", ours / loud, ""))


async def bench_loop_lag(report: Report, message60: bytes, quiet: bool) -> None:
    section = "(b) loop lag"
    _say(quiet, f"(b) event-loop lag during {LAG_CONVERSIONS} concurrent conversions...")
    lag = await loop_lag_while_converting(
        message60, conversions=LAG_CONVERSIONS, workers=LAG_WORKERS
    )
    label = f"{LAG_CONVERSIONS} conversions, {LAG_WORKERS} workers"
    report.add(
        Figure(section, f"p99 ({label})", lag.p99 * 1000, "ms", ("<", 20.0), key="loop_lag_p99_ms")
    )
    report.add(Figure(section, f"max ({label})", lag.max * 1000, "ms", ("<", 100.0)))
    report.add(Figure(section, "1 ms sleeper wake-ups measured", len(lag.lags), "", count=True))
    report.add(Figure(section, "wall time of the 8 conversions", lag.wall_seconds * 1000, "ms"))


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
    own = [o * 1000 for o in result.own_times]
    report.add(
        Figure(
            section,
            "bot overhead p50 (total minus the API's answer times)",
            percentile(own, 50),
            "ms",
            ("<", 120.0),
            key="overhead_p50_ms",
        )
    )
    report.add(Figure(section, "bot overhead p95", percentile(own, 95), "ms"))
    report.add(
        Figure(
            section,
            "total minus API latency only (simulator's work counted), p50",
            percentile(overheads, 50),
            "ms",
        )
    )
    for step, seconds in result.stage_medians().items():
        label = _STEP_LABELS.get(step, step)
        report.add(Figure(section, f"  median step: {label}", seconds * 1000, "ms"))
    report.add(
        Figure(
            section,
            "  the simulator measuring speech (API side, not in the overhead)",
            result.simulator_measure_seconds * 1000,
            "ms",
        )
    )
    missing = sum(1 for run in result.runs if not run.got_preview)
    report.add(Figure(section, "clones without preview audio", missing, "", count=True))


def report_process(report: Report, figures: ProcessFigures, defers: list[float]) -> None:
    section = "(d) the bot alone"
    report.add(
        Figure(
            section,
            f"idle RSS, bot + children ({figures.idle_processes} processes)",
            figures.idle_rss_mb,
            "MB",
            ("<", 250.0),
            key="idle_rss_mb",
        )
    )
    for name, mb in figures.idle_breakdown_mb.items():
        report.add(Figure(section, f"  idle: {name}", mb, "MB"))
    acks = figures.ack_ms
    label = f"{figures.clones_in_flight} clones in flight"
    slack, discord = percentile(acks, 99), percentile(defers, 99)
    report.add(
        Figure(
            section,
            f"ack p99, the worse of Slack and Discord ({label})",
            max(slack, discord),
            "ms",
            ("<", 250.0),
            key="ack_p99_ms",
        )
    )
    report.add(Figure(section, f"  Slack ack p99 (process, {len(acks)} acks)", slack, "ms"))
    report.add(Figure(section, "  Slack ack p50", percentile(acks, 50), "ms"))
    report.add(Figure(section, f"  Discord defer p99 ({len(defers)} interactions)", discord, "ms"))
    report.add(Figure(section, "  Discord defer p50", percentile(defers, 50), "ms"))
    upload = f"{UPLOADS} x {UPLOAD_BYTES // MB} MB clips at once"
    report.add(
        Figure(
            section,
            f"{upload}: peak RSS, bot + children (sampled each 10 ms)",
            figures.peak_rss_mb,
            "MB",
            ("<", 400.0),
            key="peak_rss_mb",
        )
    )
    report.add(Figure(section, "  peak of the bot process", figures.peak_main_mb, "MB"))
    report.add(Figure(section, "  peak of one audio worker", figures.peak_worker_mb, "MB"))
    outcomes = ", ".join(f"{code} {n}" for code, n in sorted(figures.upload_outcomes.items()))
    report.add(
        Figure(
            section, f"{upload}: wall time ({outcomes})", figures.upload_wall_seconds * 1000, "ms"
        )
    )


async def bench_hostile(report: Report, quiet: bool) -> None:
    section = "(e) hostile input, VAD"
    _say(quiet, "(e) the MP4 index bomb, and the voice-activity check...")
    bomb = await mp4_bomb()
    report.add(
        Figure(
            section,
            f"MP4 index bomb: refused ({bomb.code}), worst of 3",
            bomb.seconds,
            "s",
            ("<", 5.0),
            key="bomb_seconds",
        )
    )
    report.add(
        Figure(
            section,
            f"MP4 index bomb: peak worker RSS (starts at {bomb.worker_start_mb:.0f} MB, "
            f"cap +{bomb.cap_mb} MB)",
            bomb.worker_peak_mb,
            "MB",
            ("<", bomb.worker_start_mb + bomb.cap_mb),
            key="bomb_worker_rss_mb",
        )
    )
    report.add(
        Figure(section, "next conversion after the bomb ok", float(bomb.next_ok), "", count=True)
    )
    vad = vad_figures()
    report.add(
        Figure(section, "voice check per 30 s (Silero on a budget)", vad.check_ms_per_30s, "ms",
               key="vad_ms_per_30s")
    )  # fmt: skip
    report.add(Figure(section, "  Silero on every window of 30 s", vad.full_model_ms_per_30s, "ms"))
    report.add(
        Figure(section, f"VAD precision ({vad.clips} labelled clips)", vad.precision, "",
               key="vad_precision")
    )  # fmt: skip
    report.add(Figure(section, "VAD recall", vad.recall, "", key="vad_recall"))


async def bench_async(report: Report, message60: bytes, quiet: bool, sections: str) -> None:
    speech = decode_speech()
    message30 = voice_message(30, speech)
    async with asyncio.timeout(ASYNC_DEADLINE_SECONDS):
        if "b" in sections:
            await bench_loop_lag(report, message60, quiet)
        if "c" in sections:
            per_call = f"{API_LATENCY * 1000:g} ms per API call"
            _say(quiet, f"(c) {CLONE_RUNS} clones against the simulator ({per_call})...")
            clones = await clone_latency(
                message30, runs=CLONE_RUNS, latency=API_LATENCY, preview_wait=PREVIEW_WAIT
            )
            report_clones(report, clones)
        if "d" in sections:
            _say(quiet, "(d) the bot alone, as a process: idle, acks under load, 50 big clips...")
            figures = await measure(
                message30,
                large_wav(UPLOAD_BYTES, speech),
                in_flight=ACK_IN_FLIGHT,
                uploads=UPLOADS,
                latency=ACK_API_LATENCY,
                say=lambda text: _say(quiet, text),
            )
            _say(quiet, f"    Discord defers with {ACK_IN_FLIGHT} clones in flight...")
            defers = await defer_latency(
                in_flight=ACK_IN_FLIGHT, probes=2 * ACK_IN_FLIGHT, latency=ACK_API_LATENCY
            )
            report_process(report, figures, defers)
        if "e" in sections:
            await bench_hostile(report, quiet)
        if "f" in sections:
            _say(quiet, "(f) voice channels, DAVE on, against the fake voice server (~5 min)...")
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
    parser.add_argument(
        "--only",
        default=SECTIONS,
        metavar="LETTERS",
        help="run only these sections, e.g. --only ac (default: all of %(default)s)",
    )
    args = parser.parse_args()
    sections = args.only.lower()
    if not sections or set(sections) - set(SECTIONS):
        parser.error(f"--only takes letters among {SECTIONS}")
    # The bot logs every conversion at INFO; the figures are what matters here.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    started = time.perf_counter()
    report = Report(context=context())
    message60 = voice_message(60)
    if "a" in sections:
        bench_conversion(report, message60, args.json)
    asyncio.run(bench_async(report, message60, args.json, sections))
    report.context["wall_seconds"] = round(time.perf_counter() - started, 1)
    report.context["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)

    target = os.environ.get("BENCH_JSON")
    if target:
        with open(target, "w") as out:
            out.write(report.stable_json())
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
