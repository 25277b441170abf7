"""The voice queue fetches the next utterance's speech ahead while one plays (the prefetch),
and the Opus stream encodes ahead, mono, in its own thread: against the simulator's real
speech streams."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import av
import numpy as np

from bot.audio.opus_stream import FRAME_SAMPLES, OPUS_SILENCE, OpusFrameStream
from bot.errors import Cooldown
from bot.speech.voice_queue import Prefetch, VoiceChannelQueue
from simulator.server import RunningSimulator
from tests.core.conftest import ALICE, BOB, BotFactory
from tests.core.test_voice_queue import HeldOutput, ready_bot

STREAMS = ("POST", "/text_to_speech/streaming")
SECOND = "The second thing, fetched ahead while the first one plays."


async def _until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    async def look() -> None:
        while not condition():  # noqa: ASYNC110 - the condition spans threads and tasks
            await asyncio.sleep(0.005)

    await asyncio.wait_for(look(), seconds)


async def test_the_next_utterance_streams_while_one_plays(
    make_bot: BotFactory, sim: RunningSimulator
) -> None:
    voicebot = await ready_bot(make_bot, say_cooldown_seconds=0)
    output = HeldOutput()
    queue = voicebot.voice.open("900", output)
    first = await voicebot.say_in_voice(ALICE, "First.", None, queue)
    await output.playing.wait()
    asked = sim.state.count(*STREAMS)
    second = await voicebot.say_in_voice(BOB, SECOND, None, queue)
    # Fetched ahead once the one playing has its first audio (it reached the API first).
    await _until(lambda: queue.prefetching is second.utterance)
    assert queue.waiting == [second.utterance]  # fetched ahead, still waiting: it counts
    # The API is asked for the second while the first still plays.
    await _until(lambda: sim.state.count(*STREAMS) == asked + 1)
    assert queue.current is first.utterance
    output.release.set()
    await _until(lambda: len(queue) == 0)
    assert queue.prefetching is None
    # The same words asked for alone (nothing playing, nothing fetched ahead) are the same
    # audio, byte for byte in length: the buffer gave everything it held, in order.
    await voicebot.say_in_voice(BOB, SECOND, None, queue)
    await _until(lambda: len(output.played) == 3)
    assert [text for text, _ in output.played] == ["First.", SECOND, SECOND]
    assert output.played[1][1] == output.played[2][1] > 0
    await queue.close("test")


async def test_the_buffer_ahead_is_bounded_and_still_plays_in_full(make_bot: BotFactory) -> None:
    voicebot = await ready_bot(make_bot, say_cooldown_seconds=0)
    output = HeldOutput()
    queue = VoiceChannelQueue(
        "900", output, max_items=10, max_seconds=180, idle_seconds=300, prefetch_seconds=0.1
    )
    await voicebot.say_in_voice(ALICE, "First.", None, queue)
    await output.playing.wait()
    await voicebot.say_in_voice(BOB, SECOND, None, queue)
    await _until(lambda: queue.prefetching is not None)
    prefetch = queue._prefetch
    assert isinstance(prefetch, Prefetch)
    limit = 9600  # 0.1 s of mono s16le at 48 kHz
    await _until(lambda: prefetch.buffered_bytes >= limit)
    await asyncio.sleep(0.3)  # room to overfill, were the bound not kept
    assert not prefetch._task.done()  # waiting for room, the API stream held open
    held = prefetch.buffered_bytes
    output.release.set()
    await _until(lambda: len(output.played) == 2)
    full = output.played[1][1]
    assert held < full / 2  # ~4 s of speech, of which only the start was held ahead
    output.release.clear()
    await voicebot.say_in_voice(BOB, SECOND, None, queue)
    output.release.set()
    await _until(lambda: len(output.played) == 3)
    assert output.played[2][1] == full
    await queue.close("test")


async def test_a_dropped_prefetch_was_not_heard(make_bot: BotFactory) -> None:
    """Speech fetched ahead and dropped before it played costs no cooldown and is not
    audited as said: it was never heard."""
    voicebot = await ready_bot(make_bot, say_cooldown_seconds=3600)
    output = HeldOutput()
    queue = voicebot.voice.open("900", output)
    await voicebot.say_in_voice(BOB, "Bob speaks first.", None, queue)
    await output.playing.wait()
    waiting = await voicebot.say_in_voice(ALICE, SECOND, None, queue)
    await _until(lambda: queue.prefetching is waiting.utterance)
    prefetch = queue._prefetch
    assert prefetch is not None and prefetch.utterance is waiting.utterance
    await _until(lambda: prefetch.buffered_bytes > 0)  # some of it already synthesised
    with_cooldown = None
    try:
        await voicebot.say_in_voice(ALICE, "Again.", None, queue)
    except Cooldown as exc:
        with_cooldown = exc
    assert with_cooldown is not None
    assert await queue.drop(waiting.utterance)
    assert not await queue.drop(waiting.utterance)  # gone already
    assert queue.waiting == [] and queue.prefetching is None
    assert prefetch._task.done()
    again = await voicebot.say_in_voice(ALICE, "Again.", None, queue)  # no cooldown
    assert again.position == 1
    await queue.close("test")
    audit = await voicebot.store.list_audit(platform="discord", user_id=ALICE.user_id)
    assert [entry.action for entry in audit].count("say") == 0


def _tone(seconds: float) -> bytes:
    samples = np.arange(int(48_000 * seconds))
    return (np.sin(samples * 0.05) * 8000).astype("<i2").tobytes()


def test_opus_packets_are_mono_encoded_ahead_and_decode_as_stereo() -> None:
    async def run() -> None:
        stream = OpusFrameStream(prebuffer_ms=40)
        tone = _tone(0.5)
        stream.feed(tone)
        stream.finish()
        # The encoder thread gets there before the player asks.
        await _until(lambda: len(stream._packets) == 25)
        packets: list[bytes] = []
        while packet := stream.read():
            packets.append(packet)
        assert len(packets) == 25 and OPUS_SILENCE not in packets
        assert stream.encoded_by_player == 0
        assert all(packet[0] & 0x04 == 0 for packet in packets)  # TOC: one channel
        # Discord's clients (and discord.py) decode as stereo: both channels carry it.
        decoder = av.CodecContext.create("libopus", "r")
        decoder.sample_rate = 48_000
        decoder.layout = "stereo"  # type: ignore[attr-defined]
        frames = [f for p in packets for f in decoder.decode(av.Packet(p))]  # type: ignore[attr-defined]
        assert sum(f.samples for f in frames) == 25 * FRAME_SAMPLES
        decoded = np.concatenate([f.to_ndarray().reshape(-1, 2) for f in frames])
        left, right = decoded[:, 0].astype(np.float64), decoded[:, 1].astype(np.float64)
        assert np.allclose(left, right, atol=1e-3)
        original = np.frombuffer(tone, dtype="<i2").astype(np.float64) / 32768
        scale = 1.0 if decoded.dtype.kind == "f" else 1 / 32768
        # Opus adds 312 samples of delay at the start.
        heard = left[312:] * scale
        correlation = np.corrcoef(heard[:20_000], original[: heard[:20_000].size])[0, 1]
        assert correlation > 0.9

    asyncio.run(run())


def test_the_player_encodes_itself_when_nothing_is_ready() -> None:
    async def run() -> None:
        stream = OpusFrameStream(prebuffer_ms=40, encode_ahead=False)
        stream.feed(_tone(0.1))
        stream.finish()
        packets = []
        while packet := stream.read():
            packets.append(packet)
        assert len(packets) == 5 and stream.encoded_by_player == 5
        assert stream.underruns == 0

    asyncio.run(run())


def test_speech_being_encoded_is_not_the_end() -> None:
    """The whole utterance arrived at once (it was fetched ahead) and the encoder thread has
    taken all of it: while it encodes, the stream has neither PCM nor packets, yet it has not
    ended (it did, and the utterance was skipped without a sound)."""

    async def run() -> None:
        stream = OpusFrameStream(prebuffer_ms=40, encode_ahead=False)
        stream.feed(_tone(0.2))
        stream.finish()
        with stream._encoding:  # as the encoder thread holds it, mid-batch
            chunk = stream._take(50)
            assert len(chunk) == 10 * 2 * FRAME_SAMPLES
            assert not stream.ended
        stream._deliver(stream._encode(chunk))
        packets = []
        while packet := stream.read():
            packets.append(packet)
        assert len(packets) == 10 and OPUS_SILENCE not in packets
        assert stream.ended

    asyncio.run(run())
