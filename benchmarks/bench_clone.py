"""End-to-end clones against the local simulator: latency and the bot's own overhead."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.app.settings import load_settings
from bot.audio.limits import AudioLimits
from bot.audio.pipeline import convert_sync
from bot.audio.reading import BytesSource
from bot.clock import utcnow
from bot.cloning.consent import CONSENT_STATEMENT_VERSION
from bot.facade import VoiceBot, build_voice_bot
from bot.models import Consent, Member
from bot.ports import AudioSource
from simulator.app import create_app
from simulator.audio import measure_speech_seconds
from simulator.server import RunningSimulator
from simulator.state import SimulatorState
from storage import open_store

#: The only simulator route that adds no latency: the signed preview link (a CDN in real life).
_NO_LATENCY_PREFIX = "/_sim/preview/"


@dataclass(frozen=True)
class CloneRun:
    total: float
    #: API calls that paid the simulator's fixed latency (retries included, CDN fetch not).
    api_calls: int
    #: Total minus the latency the API added (the old measure: the simulator's own work counts).
    overhead: float
    #: Total minus the time the API took to answer the bot's calls: the bot's own time only.
    own: float
    got_preview: bool
    #: Seconds from the start of the clone to each progress report the bot made.
    stages: dict[str, float]


@dataclass(frozen=True)
class CloneLatency:
    runs: list[CloneRun]
    latency_seconds: float
    #: What the simulator itself spends per clone measuring the uploaded speech: real work, but
    #: the API's rather than the bot's, and still counted in the overhead.
    simulator_measure_seconds: float

    @property
    def totals(self) -> list[float]:
        return [run.total for run in self.runs]

    @property
    def overheads(self) -> list[float]:
        return [run.overhead for run in self.runs]

    @property
    def own_times(self) -> list[float]:
        return [run.own for run in self.runs]

    def stage_medians(self) -> dict[str, float]:
        """Median seconds spent in each step: before ``reading`` (policy, store, admission),
        reading, converting (worker + store), cloning (API call + store), preview (link + file)."""
        steps: dict[str, list[float]] = {}
        for run in self.runs:
            marks = sorted(run.stages.items(), key=lambda item: item[1])
            previous_name, previous_at = "admit", 0.0
            for name, at in [*marks, ("done", run.total)]:
                steps.setdefault(previous_name, []).append(at - previous_at)
                previous_name, previous_at = name, at
        return {name: statistics.median(values) for name, values in steps.items()}


def consent() -> Consent:
    return Consent(statement_version=CONSENT_STATEMENT_VERSION, given_at=utcnow())


def member(index: int) -> Member:
    # One member per clone: no per-member voice limit or cooldown gets in the way.
    return Member(platform="discord", user_id=f"bench-{index}", community_id="bench-guild")


@dataclass
class TimedSimulator:
    running: RunningSimulator
    #: Seconds each request took the simulator to answer (latency included), in order.
    answered: list[float]


@asynccontextmanager
async def timed_simulator() -> AsyncIterator[TimedSimulator]:
    """The simulator, with an outer middleware timing every request it answers: what the bot
    waits for is the API's time, not the bot's."""
    state = SimulatorState()
    app = create_app(state)
    timed = TimedSimulator(RunningSimulator(url="", state=state), [])

    @web.middleware
    async def timing(request: web.Request, handler: Any) -> web.StreamResponse:
        started = time.perf_counter()
        try:
            response: web.StreamResponse = await handler(request)
            return response
        finally:
            timed.answered.append(time.perf_counter() - started)

    app.middlewares.insert(0, timing)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        timed.running.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        yield timed
    finally:
        await runner.cleanup()


@asynccontextmanager
async def bench_bot(
    latency: float, **overrides: Any
) -> AsyncIterator[tuple[VoiceBot, TimedSimulator]]:
    """A started bot on a temp SQLite store, talking to an in-process simulator."""
    with tempfile.TemporaryDirectory(prefix="bench-clone-") as work:
        async with timed_simulator() as timed:
            sim = timed.running
            sim.state.latency_seconds = latency
            values: dict[str, Any] = {
                "async_api_key": sim.state.api_key,
                "async_api_base_url": sim.url,
                "database_url": f"sqlite:///{Path(work) / 'bot.db'}",
                "clone_cooldown_seconds": 0,
                "voices_per_member": 100,
                "audio_workers": 2,
            }
            values.update(overrides)
            settings = load_settings(_env_file=None, **values)
            store = await open_store(settings.database_url)
            voicebot = await build_voice_bot(settings, store)
            try:
                await voicebot.start()
                yield voicebot, timed
            finally:
                await voicebot.close()


async def _timed_clone(
    voicebot: VoiceBot, timed: TimedSimulator, index: int, source: AudioSource
) -> CloneRun:
    sim = timed.running
    calls_before = len(sim.state.calls)
    answered_before = len(timed.answered)
    stages: dict[str, float] = {}
    started = time.perf_counter()

    async def progress(stage: str) -> None:
        stages[stage] = time.perf_counter() - started

    who = member(index)
    result = await voicebot.clone(
        who,
        source,
        idempotency_key=f"bench-{index}",
        consent=consent(),
        recorded_by=who.user_id,
        progress=progress,
    )
    total = time.perf_counter() - started
    paid = sum(
        1 for _, path in sim.state.calls[calls_before:] if not path.startswith(_NO_LATENCY_PREFIX)
    )
    overhead = total - paid * sim.state.latency_seconds
    own = total - sum(timed.answered[answered_before:])
    return CloneRun(total, paid, overhead, own, result.preview_audio is not None, stages)


async def clone_latency(
    sample: bytes, *, runs: int, latency: float, preview_wait: float
) -> CloneLatency:
    """``runs`` clones one after another, after one warm-up clone that is not counted."""
    async with bench_bot(latency, preview_wait_seconds=preview_wait) as (voicebot, sim):
        await _timed_clone(voicebot, sim, -1, BytesSource(sample))
        measured = [
            await _timed_clone(voicebot, sim, index, BytesSource(sample)) for index in range(runs)
        ]
    return CloneLatency(measured, latency, _simulator_measure_seconds(sample))


def _simulator_measure_seconds(sample: bytes) -> float:
    converted = convert_sync(sample, AudioLimits()).data
    seconds = []
    for _ in range(3):
        started = time.perf_counter()
        measure_speech_seconds(converted)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)
