"""(f) Speaking in a voice channel: the real discord.py voice client, DAVE on, against the fake
Discord gateway and voice server from the tests, the core against the simulator.

- voice: request to first packet (bot already in the channel), p50 and p95, next to the API's
  own time to first byte with the same fixed latency, for a message read aloud (a
  MESSAGE_CREATE sent by the fake gateway over its websocket, the author with ``/read on``)
  and for a ``/say``;
- the silence between two utterances of one member waiting in the queue (the second was
  synthesised ahead while the first played);
- the packet-gap p99 while the API stalls 2 s mid-utterance (silence frames keep the pace);
- the player's CPU per minute of speech: discord.py's audio player thread (DAVE and transport
  encryption, sending, pacing) plus the Opus encoder thread (encoding ahead), read from the
  kernel's per-thread accounting; the whole process for context (it also runs the simulator,
  the fake voice server and the listener's decryption);
- how many servers can speak at once, each in its own voice channel, with the packet-gap p99
  at most 25 ms: 8, 16, 24, 32 servers speak together; each packet is stamped by the kernel as
  it arrives (SO_TIMESTAMPNS), so the figure is the bot's pacing, not the fake server's wait
  for the GIL. The fakes share the process and the two cores: the figure is pessimistic.
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
from bot.audio.opus_stream import encoder_thread_id  # noqa: E402
from bot.facade import build_voice_bot  # noqa: E402
from bot.models import Member  # noqa: E402
from bot.speech.say import LIVE_SAMPLE_RATE  # noqa: E402
from simulator.server import run_simulator  # noqa: E402
from storage import open_store  # noqa: E402
from tests.discord.conftest import Clock, Harness, make_settings  # noqa: E402
from tests.discord.fake_discord import running_fake_discord  # noqa: E402
from tests.discord.fake_voice import FakeVoiceServer, VoiceConnection  # noqa: E402
from tests.discord.payloads import (  # noqa: E402
    ALICE,
    BOB,
    GUILD_CHANNEL_ID,
    GUILD_ID,
    STRING,
    Interactions,
    option,
    user_message,
)
from tests.discord.test_voices import clone_directly  # noqa: E402
from tests.discord.voice_world import (  # noqa: E402
    DEFAULT_SEATS,
    VOICE_CHANNEL_ID,
    VoiceWorld,
    connect_world,
    guild_create,
)

RUNS = 15
#: Long utterances measured for the CPU per minute (the median is the figure).
CPU_RUNS = 5
#: Pairs of utterances queued back to back by one member, for the silence between them.
PAIRS = 8
API_LATENCY = 0.1
STALL_SECONDS = 2.0
SENTENCE = "This is a quick sentence, spoken in a voice channel."
FOLLOW_UP = "And this one was waiting right behind it."
#: ~25 s of speech at the simulator's 60 ms per character.
LONG_TEXT = " ".join(["Every word of this long text is spoken in the voice channel."] * 7)
#: Servers speaking at once, in steps; the target is that 24 keep the packet-gap p99.
LADDER = (8, 16, 24, 32)
#: ~8 s of speech for each server of a step.
TOGETHER_TEXT = " ".join(["Many servers are speaking at the same time."] * 3)
GAP_P99_TARGET_MS = 25.0
SERVERS_TARGET = 24


@dataclass(frozen=True)
class Step:
    """One step of the ladder: ``servers`` speaking at once."""

    servers: int
    gaps_ms: list[float]
    load_before: float
    load_after: float
    underruns: int

    @property
    def gap_p99_ms(self) -> float:
        return percentile(self.gaps_ms, 99) if self.gaps_ms else float("nan")


@dataclass(frozen=True)
class CpuRun:
    player_cpu_seconds: float
    encoder_cpu_seconds: float
    process_cpu_seconds: float
    speech_seconds: float
    load: float

    @property
    def minutes(self) -> float:
        return self.speech_seconds / 60 if self.speech_seconds else float("nan")

    @property
    def per_minute(self) -> float:
        return (self.player_cpu_seconds + self.encoder_cpu_seconds) / self.minutes


@dataclass(frozen=True)
class VoiceBench:
    #: A message posted in the voice channel's chat, read aloud: gateway event to first packet.
    message_first_packet_ms: list[float]
    first_packet_ms: list[float]
    join_first_packet_ms: float
    api_ttfb_ms: list[float]
    between_ms: list[float]
    stall_gaps_ms: list[float]
    stall_underruns: int
    #: Sorted by CPU per minute.
    cpu_runs: list[CpuRun]
    ladder: list[Step]

    @property
    def cpu(self) -> CpuRun:
        """The median run."""
        return self.cpu_runs[len(self.cpu_runs) // 2]


def _thread_cpu_seconds(native_id: int) -> float:
    """CPU time of one thread of this process (Linux): schedstat's nanoseconds on the CPU,
    else utime + stime in clock ticks."""
    task = Path(f"/proc/self/task/{native_id}")
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int((task / "schedstat").read_text().split()[0]) / 1e9
    fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def _encoder_cpu_seconds() -> float:
    native = encoder_thread_id()
    if native is None:
        return 0.0
    with contextlib.suppress(OSError, IndexError, ValueError):
        return _thread_cpu_seconds(native)
    return 0.0


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


async def _post(world: VoiceWorld, text: str) -> float:
    """Alice posts ``text`` in the voice channel's chat, sent by the gateway as Discord does;
    returns when it was sent (perf_counter)."""
    message = user_message(world.h.fake, ALICE, [], in_guild=True, content=text)
    message["channel_id"] = str(VOICE_CHANNEL_ID)
    posted = time.perf_counter()
    await world.h.fake.dispatch("MESSAGE_CREATE", message)
    return posted


async def _read_on(world: VoiceWorld) -> None:
    payload = world.h.payloads.slash("read", ALICE, [], sub="on")
    await world.h.run(payload)
    reply = world.h.reply_text(str(payload["token"]))
    if "Reading your messages aloud" not in reply:
        raise RuntimeError(f"/read on was refused: {reply}")


async def _speech_after(world: VoiceWorld, since: float, seconds: float = 15.0) -> float | None:
    """When the first packet of speech after ``since`` reached the voice server, waiting for
    it at most ``seconds``."""
    connection = world.voice.current
    deadline = time.perf_counter() + seconds
    while (at := _first_speech_after(connection, since)) is None:
        if time.perf_counter() > deadline:
            return None
        await asyncio.sleep(0.005)
    return at


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


async def voice_bench(
    runs: int = RUNS, latency: float = API_LATENCY, ladder: tuple[int, ...] = LADDER
) -> VoiceBench:
    async with run_simulator() as sim, running_fake_discord() as fake:
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp)
            voice = FakeVoiceServer(fake, directory)
            voice.listener_ids = [BOB.id]
            await voice.start()
            settings = make_settings(
                sim,
                directory,
                voice_queue_max=100,
                # The ladder has one member speak in up to 32 servers at once.
                max_concurrent_says=64,
                max_says_per_member=64,
                api_max_concurrency=64,
                # Reading messages aloud needs the Message Content intent.
                discord_message_content=True,
            )
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
                return await _measure(world, runs, latency, ladder)
            finally:
                await client.close()
                await voicebot.close()
                await voice.stop()


def _speech_pairs_silence_ms(packets: list[Any]) -> float | None:
    """The silence between the first utterance's last speech packet and the next one's
    first, in a run of packets holding two utterances (a packet is 20 ms of sound)."""
    speech = [p for p in packets if not p.silence]
    for a, b in itertools.pairwise(speech):
        if (b.sequence - a.sequence) % 65536 > 1:  # silence frames went out between them
            return (b.at - a.at) * 1000 - 20.0
    return None


async def _measure(
    world: VoiceWorld, runs: int, latency: float, ladder: tuple[int, ...]
) -> VoiceBench:
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

    # Reading aloud: each message posted once the previous one has played.
    await _read_on(world)
    read_firsts: list[float] = []
    for index in range(runs):
        posted = await _post(world, f"{SENTENCE} Number {index + 1}.")
        at = await _speech_after(world, posted)
        await world.idle()
        if at is not None:
            read_firsts.append((at - posted) * 1000)
    ttfb = await _api_ttfb(world, runs)

    # One member's two messages, the second queued while the first plays.
    connection = world.voice.current
    between: list[float] = []
    for _ in range(PAIRS):
        mark = len(connection.packets)
        await _say(world, SENTENCE)
        await _say(world, FOLLOW_UP)
        await world.idle()
        silence = _speech_pairs_silence_ms(connection.packets[mark:])
        if silence is not None:
            between.append(silence)

    # A 2 s stall after 1 s of speech: the packet gaps stay at 20 ms.
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

    # CPU per minute of speech: long utterances, the player and the encoder threads. The
    # machine is shared: the median of CPU_RUNS, each next to the load it ran under.
    world.h.sim.state.latency_seconds = 0
    cpu_runs = [await _cpu_run(world, connection) for _ in range(CPU_RUNS)]
    cpu_runs.sort(key=lambda run: run.per_minute)

    steps = await _servers_at_once(world, ladder) if ladder else []
    return VoiceBench(
        read_firsts,
        firsts,
        join_ms,
        ttfb,
        between,
        gaps,
        underruns,
        cpu_runs,
        steps,
    )


async def _cpu_run(world: VoiceWorld, connection: VoiceConnection) -> CpuRun:
    mark = len(connection.packets)
    load = os.getloadavg()[0]
    process_before = time.process_time()
    encoder_before = _encoder_cpu_seconds()
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
        await asyncio.sleep(0.02)
    await world.idle(120)
    encoder_cpu = _encoder_cpu_seconds() - encoder_before
    process_cpu = time.process_time() - process_before
    spoken = sum(1 for p in connection.packets[mark:] if not p.silence) * 0.02
    return CpuRun(player_cpu, encoder_cpu, process_cpu, spoken, load)


def _another_guild(index: int) -> tuple[int, dict[str, Any]]:
    """The test server again under new ids: a guild of its own with its own voice channel."""
    guild_id = GUILD_ID + 1000 * index
    ids = {str(GUILD_ID + k): str(guild_id + k) for k in range(20)}
    ids[str(GUILD_CHANNEL_ID)] = str(guild_id + (GUILD_CHANNEL_ID - GUILD_ID))

    def renamed(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: renamed(v) for k, v in value.items()}
        if isinstance(value, list):
            return [renamed(v) for v in value]
        if isinstance(value, str):
            return ids.get(value, value)
        return value

    return guild_id, renamed(guild_create(dict(DEFAULT_SEATS)))


async def _servers_at_once(world: VoiceWorld, ladder: tuple[int, ...]) -> list[Step]:
    client = world.client
    playback = client.voice_playback  # type: ignore[attr-defined]
    guilds: list[int] = []
    for index in range(1, max(ladder) + 1):
        guild_id, payload = _another_guild(index)
        await world.h.fake.dispatch("GUILD_CREATE", payload)
        await world.until(lambda gid=guild_id: client.get_guild(gid) is not None)
        guild = client.get_guild(guild_id)
        channel = guild.get_channel(guild_id + (VOICE_CHANNEL_ID - GUILD_ID))
        # A queue first: the bot never keeps a connection without one (it hangs up).
        playback.queue(guild_id)
        await playback.guild(guild_id).join(channel)
        guilds.append(guild_id)

    def connection(guild_id: int) -> VoiceConnection:
        return [c for c in world.voice.connections if c.guild_id == guild_id][-1]

    steps: list[Step] = []
    for servers in ladder:
        speaking = guilds[:servers]
        marks = {g: len(connection(g).packets) for g in speaking}
        load_before = os.getloadavg()[0]
        queues = [playback.queue(g) for g in speaking]
        await asyncio.gather(
            *(
                world.h.voicebot.say_in_voice(
                    Member(platform="discord", user_id=str(ALICE.id), community_id=str(g)),
                    TOGETHER_TEXT,
                    None,
                    queue,
                )
                for g, queue in zip(speaking, queues, strict=True)
            )
        )
        await world.until(lambda qs=queues: all(len(q) == 0 for q in qs), 120)
        gaps: list[float] = []
        underruns = 0
        for g in speaking:
            packets = connection(g).packets[marks[g] :]
            speech_at = [i for i, p in enumerate(packets) if not p.silence]
            if not speech_at:
                continue
            during = packets[speech_at[0] : speech_at[-1] + 1]
            gaps += [(b.at - a.at) * 1000 for a, b in itertools.pairwise(during)]
            underruns += sum(1 for p in during if p.silence)
        steps.append(Step(servers, gaps, load_before, os.getloadavg()[0], underruns))
    return steps


def report_voice(report: Report, result: VoiceBench) -> dict[str, Any]:
    section = "(f) voice channel"
    ttfb = statistics.median(result.api_ttfb_ms) if result.api_ttfb_ms else float("nan")
    runs = len(result.api_ttfb_ms)
    report.add(Figure(section, f"API time to first byte, median ({runs} streams)", ttfb, "ms"))
    first_packets = {
        "message": (result.message_first_packet_ms, "message read aloud", "posted message"),
        "say": (result.first_packet_ms, "/say", "request"),
    }
    for name, (values, what, start) in first_packets.items():
        p50, p95 = percentile(values, 50), percentile(values, 95)
        report.add(
            Figure(
                section,
                f"voice: {start} to first packet p50 ({len(values)} x {what}, bot in channel)",
                p50,
                "ms",
                ("<", ttfb + 40.0),
                key=f"voice_{name}_first_packet_p50_ms",
            )
        )
        report.add(
            Figure(
                section,
                f"voice: {start} to first packet p95",
                p95,
                "ms",
                ("<", ttfb + 80.0),
                key=f"voice_{name}_first_packet_p95_ms",
            )
        )
        report.add(Figure(section, "  of which the bot's (p50 - API TTFB)", p50 - ttfb, "ms"))
    report.add(
        Figure(
            section, "/say to first packet when joining first", result.join_first_packet_ms, "ms"
        )
    )
    between = max(result.between_ms) if result.between_ms else None
    report.add(
        Figure(
            section,
            f"silence between 2 waiting utterances of a member, worst of {len(result.between_ms)}",
            between,
            "ms",
            ("<", 60.0),
            key="voice_between_ms",
        )
    )
    if result.between_ms:
        report.add(Figure(section, "  median", statistics.median(result.between_ms), "ms"))
    gap_p99 = percentile(result.stall_gaps_ms, 99) if result.stall_gaps_ms else float("nan")
    report.add(
        Figure(
            section,
            f"packet gap p99 during a {STALL_SECONDS:g} s API stall",
            gap_p99,
            "ms",
            ("<=", GAP_P99_TARGET_MS),
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
    cpu = result.cpu
    minutes = cpu.minutes
    player_per_min = cpu.per_minute
    process_per_min = cpu.process_cpu_seconds / minutes
    spread = ", ".join(f"{run.per_minute:.2f}" for run in result.cpu_runs)
    report.add(
        Figure(
            section,
            f"player CPU per minute of speech (median of {len(result.cpu_runs)}: {spread}; "
            f"{cpu.speech_seconds:.0f} s spoken, load {cpu.load:.1f})",
            player_per_min,
            "s",
            ("<", 0.6),
            key="voice_cpu_s_per_min",
        )
    )
    report.add(
        Figure(
            section,
            "  audio player thread (DAVE, encryption, sending, pacing)",
            cpu.player_cpu_seconds / minutes,
            "s",
        )
    )
    report.add(Figure(section, "  Opus encoder thread", cpu.encoder_cpu_seconds / minutes, "s"))
    report.add(
        Figure(
            section, "CPU per minute of speech, whole process (with fakes)", process_per_min, "s"
        )
    )
    passing = [s.servers for s in result.ladder if s.gaps_ms and s.gap_p99_ms <= GAP_P99_TARGET_MS]
    # The largest step that kept the pace, every smaller step having kept it too.
    held = 0
    for step in result.ladder:
        # A step that measured nothing (no speech reached the voice server) holds nothing.
        if not step.gaps_ms or step.gap_p99_ms > GAP_P99_TARGET_MS:
            break
        held = step.servers
    report.add(
        Figure(
            section,
            f"servers speaking at once with packet-gap p99 <= {GAP_P99_TARGET_MS:g} ms",
            held,
            "",
            (">=", float(SERVERS_TARGET)),
            count=True,
            key="voice_servers_at_once",
        )
    )
    for step in result.ladder:
        report.add(
            Figure(
                section,
                f"  {step.servers} servers: packet-gap p99 (max "
                f"{max(step.gaps_ms, default=float('nan')):.0f} ms, silence frames "
                f"{step.underruns}, load {step.load_before:.1f} -> {step.load_after:.1f})",
                step.gap_p99_ms,
                "ms",
            )
        )
    return {
        **{
            f"voice_{name}_first_packet_{q}_ms": round(percentile(values, pct), 1)
            for name, (values, _what, _start) in first_packets.items()
            for q, pct in (("p50", 50), ("p95", 95))
        },
        "voice_api_ttfb_ms": round(ttfb, 1),
        "voice_between_ms": round(between, 1) if between is not None else None,
        "voice_gap_p99_ms": round(gap_p99, 2),
        "voice_cpu_s_per_min": round(player_per_min, 3),
        "voice_process_cpu_s_per_min": round(process_per_min, 3),
        "voice_servers_at_once": held,
        "voice_servers_passing": passing,
    }
