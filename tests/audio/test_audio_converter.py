"""AudioConverter: conversions in worker processes, the event loop free meanwhile."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import os
import signal
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest

from bot.audio.convert import AudioConverter, VoiceMessageAudio
from bot.audio.limits import AudioLimits
from bot.audio.pipeline import convert_sync
from bot.audio.voice_message import waveform
from bot.errors import NotAudio, TooShort
from tests.audio.audio_samples import read_fixture, render

T = TypeVar("T")


def child_pids() -> set[int]:
    """This process's live children (not zombies), from /proc."""
    found = set()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[-1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            found.add(int(entry.name))
    return found


@pytest.fixture
def children_before() -> set[int]:
    """This process's children before the test's converter started (other tests' are left be)."""
    return child_pids()


@pytest.fixture
async def converter(
    limits: AudioLimits, children_before: set[int]
) -> AsyncIterator[AudioConverter]:
    """A started two-worker converter; its processes must be gone once it is closed."""
    converter = AudioConverter(limits, workers=2)
    await converter.start()
    try:
        yield converter
    finally:
        await converter.close()
    assert child_pids() <= children_before


async def with_loop_lag(work: Awaitable[T]) -> tuple[T, list[float]]:
    """Run ``work`` while a 5 ms ticker measures how late the event loop wakes it."""
    lags: list[float] = []
    done = asyncio.Event()

    async def tick() -> None:
        while not done.is_set():
            before = time.perf_counter()
            await asyncio.sleep(0.005)
            lags.append(time.perf_counter() - before - 0.005)

    ticker = asyncio.create_task(tick())
    try:
        result = await work
    finally:
        done.set()
        await ticker
    return result, lags


async def test_converts_off_the_event_loop(
    converter: AudioConverter, limits: AudioLimits, children_before: set[int]
) -> None:
    data = read_fixture("voice_message.ogg")
    results, lags = await with_loop_lag(
        asyncio.gather(*(converter.convert(data) for _ in range(8)))
    )
    expected = convert_sync(data, limits)
    assert all(result == expected for result in results)
    assert len(lags) > 10
    # Converting in the loop would stall it for the whole conversion (~100 ms each).
    assert float(np.percentile(lags, 95)) < 0.03
    # Bounded: the pool never grows past its workers, whatever the number of callers.
    assert len(child_pids() - children_before) == 2


async def test_errors_cross_the_process_boundary(converter: AudioConverter) -> None:
    with pytest.raises(NotAudio) as not_audio:
        await converter.convert(read_fixture("login_page.html"))
    assert not_audio.value.code == "not_audio"
    with pytest.raises(NotAudio) as no_sound:
        await converter.convert(read_fixture("video_no_sound.mp4"))
    assert "video has no sound" in no_sound.value.message
    with pytest.raises(TooShort) as too_short:
        await converter.convert(read_fixture("one_second.ogg"))
    assert "at least 3 s are needed" in too_short.value.message


async def test_a_killed_idle_worker_is_replaced(
    converter: AudioConverter, children_before: set[int]
) -> None:
    data = read_fixture("speech.flac")
    await asyncio.gather(converter.convert(data), converter.convert(data))
    workers = child_pids() - children_before
    assert len(workers) == 2
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    await asyncio.sleep(0.2)
    # A dead idle worker is noticed before it is given a job: nobody's conversion fails.
    result = await converter.convert(data)
    assert 4.5 <= result.speech_seconds <= 7.0
    assert not set(converter.pool.pids) & workers


async def test_voice_message(converter: AudioConverter) -> None:
    tts = read_fixture("speech.mp3")
    voice = await converter.to_voice_message(tts)
    assert isinstance(voice, VoiceMessageAudio)
    rendered = render(voice.ogg)
    assert (rendered.container, rendered.codec) == ("ogg", "opus")
    assert (rendered.sample_rate, rendered.channels) == (48000, 1)
    source_seconds = render(tts).duration
    assert voice.duration_secs == pytest.approx(source_seconds, abs=0.15)
    assert rendered.duration == pytest.approx(voice.duration_secs, abs=0.1)
    bits_per_second = len(voice.ogg) * 8 / voice.duration_secs
    assert 16_000 < bits_per_second < 48_000
    points = base64.b64decode(voice.waveform, validate=True)
    assert len(points) == round(voice.duration_secs * 10)
    assert max(points) == 255
    assert sum(points) > 0


async def test_voice_message_of_anything_else(converter: AudioConverter) -> None:
    voice = await converter.to_voice_message(read_fixture("slack_clip.webm"))
    assert voice.duration_secs == pytest.approx(6.9, abs=0.2)
    with pytest.raises(NotAudio):
        await converter.to_voice_message(read_fixture("image.png"))


def test_waveform_has_at_most_256_points() -> None:
    rate = 48000
    long_clip = np.sin(np.linspace(0, 2000, rate * 120)).astype(np.float32)
    assert len(base64.b64decode(waveform(long_clip, rate))) == 256
    assert base64.b64decode(waveform(np.zeros(rate, np.float32), rate)) == bytes(10)
    assert len(base64.b64decode(waveform(np.ones(10, np.float32), rate))) == 1
    assert waveform(np.zeros(0, np.float32), rate) == ""


async def test_starts_on_first_use_and_refuses_after_close(
    limits: AudioLimits, children_before: set[int]
) -> None:
    converter = AudioConverter(limits, workers=1)
    try:
        result = await converter.convert(read_fixture("speech.wav"))
        assert result.input_format == "wav"
    finally:
        await converter.close()
    assert child_pids() <= children_before
    with pytest.raises(RuntimeError):
        await converter.convert(read_fixture("speech.wav"))


async def test_no_temporary_files(limits: AudioLimits, monkeypatch: pytest.MonkeyPatch) -> None:
    """Everything happens in memory, in the workers too (they inherit TMPDIR)."""
    with tempfile.TemporaryDirectory() as scratch:
        monkeypatch.setenv("TMPDIR", scratch)
        monkeypatch.setattr(tempfile, "tempdir", scratch)
        converter = AudioConverter(dataclasses.replace(limits, output_format="flac"), workers=1)
        try:
            await converter.start()
            await converter.convert(read_fixture("slack_clip_aac.mp4"))
            await converter.to_voice_message(read_fixture("speech.mp3"))
            with pytest.raises(NotAudio):
                await converter.convert(read_fixture("random.bin"))
        finally:
            await converter.close()
        convert_sync(read_fixture("video_with_sound.mp4"), limits)
        assert os.listdir(scratch) == []


def test_needs_a_worker(limits: AudioLimits) -> None:
    with pytest.raises(ValueError):
        AudioConverter(limits, workers=0)
