"""(e) Speaking in a voice channel: the real discord.py voice client, DAVE on, against the fake
Discord gateway and voice server from the tests, the core against the simulator.

- time from /say to the first audio packet (bot already in the channel), p50 and p95, next to
  the API's own time to first byte with the same fixed latency;
- the packet-gap p99 while the API stalls 2 s mid-utterance (silence frames keep the pace);
- CPU per minute of speech: the audio player thread (Opus encoding, DAVE and transport
  encryption, sending), and the whole process for context (it also runs the simulator, the
  fake voice server and the listener's decryption).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the fakes live with the tests

import aiohttp  # noqa: E402
from bench_audio import percentile  # noqa: E402
from bench_report import Figure, Report  # noqa: E402

from adapters.discord.client import VoiceCloneClient  # noqa: E402
from adapters.discord.services import DiscordServices  # noqa: E402
from bot.facade import build_voice_bot  # noqa: E402
from bot.speech.say import LIVE_SAMPLE_RATE  # noqa: E402
from simulator.server import run_simulator  # noqa: E402
from storage import open_store  # noqa: E402
from tests.discord.conftest import Clock, Harness, make_settings  # noqa: E402
from tests.discord.fake_discord import running_fake_discord  # noqa: E402
from tests.discord.fake_voice import FakeVoiceServer, VoiceConnection  # noqa: E402
from tests.discord.payloads import ALICE, BOB, STRING, Interactions, option  # noqa: E402
from tests.discord.test_voices import clone_directly  # noqa: E402
from tests.discord.voice_world import DEFAULT_SEATS, VoiceWorld, connect_world  # noqa: E402

RUNS = 15
API_LATENCY = 0.1
STALL_SECONDS = 2.0
SENTENCE = "This is a quick sentence, spoken in a voice channel."
#: ~25 s of speech at the simulator's 60 ms per character.
LONG_TEXT = " ".join(["Every word of this long text is spoken in the voice channel."] * 7)


@dataclass(frozen=True)
class VoiceBench:
    first_packet_ms: list[float]
    join_first_packet_ms: float
    api_ttfb_ms: list[float]
    stall_gaps_ms: list[float]
    stall_underruns: int
    player_cpu_seconds: float
    process_cpu_seconds: float
    speech_seconds: float


def _thread_cpu_seconds(native_id: int) -> float:
    """utime + stime of one thread of this process (Linux)."""
    fields = Path(f"/proc/self/task/{native_id}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def _player_thread() -> threading.Thread | None:
    for thread in threading.enumerate():
        if thread.name.startswith("audio-player:") and thread.is_alive():
            return thread
    return None


async def _say(world: VoiceWorld, text: str) -> float:
    """Run /say; returns when it was asked (perf_counter)."""
    payload = world.h.payloads.slash("say", ALICE, [option("text", STRING, text)])
    asked = time.perf_counter()
    await world.h.run(payload)
    return asked


def _first_speech_after(connection: VoiceConnection, since: float) -> float | None:
    for packet in connection.packets:
        if packet.at >= since and not packet.silence:
            return packet.at
    return None


async def _api_ttfb(world: VoiceWorld, runs: int) -> list[float]:
    from tests.discord.helpers import member

    [voice] = await world.h.voicebot.list_voices(member(ALICE))
    times: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        stream = world.h.voicebot.api.stream_text_to_speech(
            voice_id=voice.voice_id,
            transcript=SENTENCE,
            model_id="async_flash_v1.0",
            container="raw",
            encoding="pcm_s16le",
            sample_rate=LIVE_SAMPLE_RATE,
        )
        async for _chunk in stream:
            times.append((time.perf_counter() - started) * 1000)
            break
        await stream.aclose()
    return times


async def voice_bench(runs: int = RUNS, latency: float = API_LATENCY) -> VoiceBench:
    async with run_simulator() as sim, running_fake_discord() as fake:
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp)
            voice = FakeVoiceServer(fake, directory)
            voice.listener_ids = [BOB.id]
            await voice.start()
            settings = make_settings(sim, directory, voice_queue_max=100)
            store = await open_store(settings.database_url)
            voicebot = await build_voice_bot(settings, store, clock=Clock())
            await voicebot.start(warm_audio=False)
            client = VoiceCloneClient(
                DiscordServices(voicebot, settings),
                connector=aiohttp.TCPConnector(ssl=voice.client_tls),
                guild_ready_timeout=0.05,
            )
            h = Harness(fake, sim, settings, voicebot, Clock(), client, Interactions(fake))
            world = await connect_world(h, voice, dict(DEFAULT_SEATS))
            try:
                return await _measure(world, runs, latency)
            finally:
                await client.close()
                await voicebot.close()
                await voice.stop()


async def _measure(world: VoiceWorld, runs: int, latency: float) -> VoiceBench:
    await clone_directly(world.h, "Bench", "speech.wav")
    world.h.sim.state.latency_seconds = latency
    # The first /say joins the channel (TLS, UDP discovery, DAVE handshake) then speaks.
    asked = await _say(world, SENTENCE)
    await world.idle()
    first = _first_speech_after(world.voice.current, asked)
    join_ms = (first - asked) * 1000 if first else float("nan")

    firsts: list[float] = []
    for _ in range(runs):
        asked = await _say(world, SENTENCE)
        await world.idle()
        at = _first_speech_after(world.voice.current, asked)
        if at is not None:
            firsts.append((at - asked) * 1000)
    ttfb = await _api_ttfb(world, runs)

    # A 2 s stall after 1 s of speech: the packet gaps stay at 20 ms.
    connection = world.voice.current
    world.h.sim.state.stall_stream(after_seconds=1.0, seconds=STALL_SECONDS)
    mark = len(connection.packets)
    await _say(world, " ".join([SENTENCE] * 2))
    await world.idle()
    packets = connection.packets[mark:]
    speech_at = [i for i, p in enumerate(packets) if not p.silence]
    during = packets[speech_at[0] : speech_at[-1] + 1] if speech_at else []
    gaps = [(b.at - a.at) * 1000 for a, b in itertools.pairwise(during)]
    stream = world.client.voice_playback.guild(connection.guild_id).last_stream  # type: ignore[attr-defined]
    underruns = stream.underruns if stream is not None else 0

    # CPU per minute of speech: one long utterance.
    world.h.sim.state.latency_seconds = 0
    mark = len(connection.packets)
    process_before = time.process_time()
    await _say(world, LONG_TEXT)
    player = None
    player_cpu = 0.0
    deadline = time.monotonic() + 10
    while player is None and time.monotonic() < deadline:
        player = _player_thread()
        await asyncio.sleep(0.005)
    native = player.native_id if player is not None else None
    while player is not None and player.is_alive():
        if native is not None:
            with contextlib.suppress(OSError, IndexError, ValueError):
                player_cpu = _thread_cpu_seconds(native)
        await asyncio.sleep(0.1)
    await world.idle(120)
    process_cpu = time.process_time() - process_before
    spoken = sum(1 for p in connection.packets[mark:] if not p.silence) * 0.02
    return VoiceBench(firsts, join_ms, ttfb, gaps, underruns, player_cpu, process_cpu, spoken)


def report_voice(report: Report, result: VoiceBench) -> dict[str, Any]:
    section = "(f) voice channel"
    ttfb = statistics.median(result.api_ttfb_ms) if result.api_ttfb_ms else float("nan")
    p50 = percentile(result.first_packet_ms, 50)
    p95 = percentile(result.first_packet_ms, 95)
    runs = len(result.first_packet_ms)
    report.add(Figure(section, f"API time to first byte, median ({runs} streams)", ttfb, "ms"))
    report.add(
        Figure(
            section,
            f"/say to first audio packet p50 ({runs}, bot in channel)",
            p50,
            "ms",
            ("<", 150.0 + ttfb),
            key="voice_first_packet_p50_ms",
        )
    )
    report.add(
        Figure(
            section,
            "/say to first audio packet p95",
            p95,
            "ms",
            ("<", 150.0 + ttfb),
            key="voice_first_packet_p95_ms",
        )
    )
    report.add(Figure(section, "  of which the bot's (p50 - API TTFB)", p50 - ttfb, "ms"))
    report.add(
        Figure(
            section, "/say to first packet when joining first", result.join_first_packet_ms, "ms"
        )
    )
    gap_p99 = percentile(result.stall_gaps_ms, 99) if result.stall_gaps_ms else float("nan")
    report.add(
        Figure(
            section,
            f"packet gap p99 during a {STALL_SECONDS:g} s API stall",
            gap_p99,
            "ms",
            ("<=", 25.0),
            key="voice_gap_p99_ms",
        )
    )
    report.add(
        Figure(
            section,
            "packet gap max during the stall",
            max(result.stall_gaps_ms) if result.stall_gaps_ms else None,
            "ms",
        )
    )
    report.add(
        Figure(section, "silence frames sent for the stall", result.stall_underruns, "", count=True)
    )
    minutes = result.speech_seconds / 60 if result.speech_seconds else float("nan")
    player_per_min = result.player_cpu_seconds / minutes
    process_per_min = result.process_cpu_seconds / minutes
    report.add(
        Figure(
            section,
            f"CPU per minute of speech, player thread ({result.speech_seconds:.0f} s spoken)",
            player_per_min,
            "s",
            key="voice_cpu_s_per_min",
        )
    )
    report.add(
        Figure(
            section, "CPU per minute of speech, whole process (with fakes)", process_per_min, "s"
        )
    )
    return {
        "voice_first_packet_p50_ms": round(p50, 1),
        "voice_first_packet_p95_ms": round(p95, 1),
        "voice_api_ttfb_ms": round(ttfb, 1),
        "voice_gap_p99_ms": round(gap_p99, 2),
        "voice_cpu_s_per_min": round(player_per_min, 3),
        "voice_process_cpu_s_per_min": round(process_per_min, 3),
    }
